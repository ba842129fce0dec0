"""The seed report: the rapporteur's report of the Track 3 session "The role of South-South cooperation for development".

The report as its rapporteur wrote it (`shared/seeds/session-report-track3.txt`), field by field
as Workshop's report form takes it; the demo forum carries it, and the tests type it in.
"""

TRACK = "Track 3 – Redefining global governance"
SESSION_TITLE = "The role of South-South cooperation for development"

HEADER = {
    "title": SESSION_TITLE,
    "track": TRACK,
    "organiser_name": "Osvaldo Elissetche",
    "organiser_organisation": "Asociación Civil Estudios y Proyectos",
    "organiser_email": "oelissetche@eyp.org.ar",
    "moderator": "Stephanie Childs",
    "rapporteur": "Handy Acosta Cuellar",
    "presenters": (
        "Osvaldo Elissetche, President, Asociación Civil Estudios y Proyectos, Argentina\n"
        "Stanley Kao, Director General, Department of Economic and Trade Affairs of the Foreign Ministry, Taiwan"
    ),
    "format": "Engagement Workshop",
    "time_and_date": "Wednesday 5 September 14:30 – 16:00",
}
COUNTS = {"women": 11, "men": 9, "other": None, "total": 20}
SECTIONS = {
    "summary": (
        "The activity session focused on the role of emerging countries in South-South cooperation and how this cooperation can become an important tool to build peace and sustainable development through the world. Two main presenters spoke of the role of governments and civil society in international cooperation and engagement.\n"
        "\n"
        "Participants were asked to answer the following questions:"
    ),
    "questions": (
        "- What benefits do South-South cooperation offer?\n"
        "- What does an ideal situation for South – South cooperation look like?\n"
        "- How can we support each other? What other support can we seek out to create ideal situations for South-South cooperation?"
    ),
    "outcomes": (
        "- There has been a reduction of North-South cooperation and this increases opportunities for developing countries to help each other, and increase South-South cooperation opportunities.\n"
        "- Many countries are listed by various cooperation agencies as middle-income countries because of recent improvements in their economic development. However, despite this, many of them still face profound social and environmental problems, and therefore need assistance and to work together to improve conditions.\n"
        "- There are new actors in international cooperation for development that have emerged, including emerging economies such as Taiwan, China, India, Brazil and Argentina.\n"
        "- The growing role of civil society in international negotiation processes on aid effectiveness will play an important role in the future of South-South cooperation.\n"
        "- A new focus of South-South cooperation should be in the area of socio-economic issues."
    ),
    "new_perspectives": (
        "- Partnerships between countries and civil society: there is a need to ensure mutual benefits and power relations, rather than that of a “donor” versus “beneficiary” vertical power relationship.\n"
        "- If all partners were to face similar problems of development, then there is a better understanding of the realities, and actions could be adjusted to the reality of what is actually needed.\n"
        "- There is a great degree of opportunity to explore regional initiatives, based in similarities and common experiences and interests.\n"
        "- There is a growing concern evident related to the real impact and the effectiveness of actions that result from South-South cooperation."
    ),
    "lessons_learned": (
        "- Changes need to be made in the traditional North and South cooperation model, and in the implementation of the Paris and Accra Declarations.\n"
        "- There is a need for a redefinition of the concept of development, and the idea of development as a right.\n"
        "- There is a clear need for support to the South-South cooperation principles and to monitor their implementation.\n"
        "- Emerging countries and economies need to show greater commitment with international cooperation for development."
    ),
}
RECOMMENDATIONS_INTRO = (
    "To have democratic, representative and transparent international institutions and processes, we should:"
)
RECOMMENDATIONS = (
    "Improve current systems of negotiation and other mechanisms that structure the relationships between civil society and national and local governments.",
    "Sustain cooperation networks over time, and grow new ones reflective of new power relations.",
    "Endorse control mechanisms of corporate responsibility, relative to the fulfilment of aid effectiveness principles.",
    "Encourage the development of organisational competencies to fulfil the Istanbul Principles for civil society organisations through improved capacity-building programmes and systems.",
    "Redefine the concept of international cooperation, the role of civil society within this context, and the idea of South-South cooperation.",
)
