"""The demo forum's registrations: a few dozen people across the six stakeholder groups and every status.

Written as rows, not through the services, so that loading the demo sends no mail. The forum took
registrations on approval at first and is open now: the three people still awaiting approval
registered before the change, and wait for the secretariat's decision.
"""

from datetime import timedelta

from sqlalchemy import select

from workshop.accounts.services import find_or_create_account
from workshop.core.timezones import utcnow
from workshop.extensions import db
from workshop.forums.models import Organisation, OrganisationType, StakeholderGroup
from workshop.programme.models import ForumSession
from workshop.registration.models import Gender, Registration, RegistrationSettings, SessionChoice
from workshop.registration.rules import ChoiceStatus, RegistrationMode, spoken_languages
from workshop.registration.rules import RegistrationStatus as S

G = StakeholderGroup
PARTICIPANT_EMAIL = "participant@demo.workshop.test"
CAPACITY = 60
CIVIL_SOCIETY_QUOTA = 6
# An organisation a registrant added for this forum alone (the shared directory does not list it).
FORUM_ORGANISATION = ("Fundación Horizontes Sur", "FHS")

# name, e-mail, gender, country, stakeholder group, organisation acronym, status, languages, listed
PEOPLE = (
    (
        "Pedro Alves Nogueira",
        PARTICIPANT_EMAIL,
        "man",
        "BR",
        G.SOUTH_SOUTH_PRACTITIONERS,
        "ABC",
        S.CONFIRMED,
        "pt,es,en",
        True,
    ),
    (
        "Andrés Gómez",
        "andres.gomez@apc.example.org",
        "man",
        "CO",
        G.COUNTRY_REPRESENTATIVES,
        "APC-Colombia",
        S.CONFIRMED,
        "es,en",
        True,
    ),
    (
        "Siti Rahmawati",
        "siti.rahmawati@bappenas.example.org",
        "woman",
        "ID",
        G.COUNTRY_REPRESENTATIVES,
        "BAPPENAS",
        S.CONFIRMED,
        "en",
        True,
    ),
    (
        "Park Min-jun",
        "park.minjun@mofat.example.org",
        "man",
        "KR",
        G.COUNTRY_REPRESENTATIVES,
        "MOFAT",
        S.CONFIRMED,
        "en",
        True,
    ),
    (
        "Ana Paula Souza",
        "ana.souza@abc.example.org",
        "woman",
        "BR",
        G.COUNTRY_REPRESENTATIVES,
        "ABC",
        S.CONFIRMED,
        "pt,es,en",
        True,
    ),
    (
        "Thabo Nkosi",
        "thabo.nkosi@nepad.example.org",
        "man",
        "ZA",
        G.COUNTRY_REPRESENTATIVES,
        "NEPAD Agency",
        S.CONFIRMED,
        "en,fr",
        False,
    ),
    (
        "Mariana López",
        "mariana.lopez@apc.example.org",
        "woman",
        "CO",
        G.COUNTRY_REPRESENTATIVES,
        "APC-Colombia",
        S.CONFIRMED,
        "es",
        True,
    ),
    (
        "Nguyen Thi Lan",
        "nguyen.lan@example.org",
        "woman",
        "VN",
        G.COUNTRY_REPRESENTATIVES,
        None,
        S.CONFIRMED,
        "en",
        False,
    ),
    (
        "Fatou Diop",
        "fatou.diop@example.org",
        "woman",
        "SN",
        G.COUNTRY_REPRESENTATIVES,
        None,
        S.CONFIRMED,
        "fr,en",
        True,
    ),
    (
        "Rafael Mendoza",
        "rafael.mendoza@example.org",
        "man",
        "MX",
        G.COUNTRY_REPRESENTATIVES,
        None,
        S.AWAITING_APPROVAL,
        "es",
        False,
    ),
    (
        "Claire Dubois",
        "claire.dubois@oecd.example.org",
        "woman",
        "FR",
        G.MULTILATERAL_ORGANISATIONS,
        "OECD",
        S.CONFIRMED,
        "fr,en",
        True,
    ),
    (
        "Jorge Ramírez",
        "jorge.ramirez@eclac.example.org",
        "man",
        "CL",
        G.MULTILATERAL_ORGANISATIONS,
        "ECLAC",
        S.CONFIRMED,
        "es,en",
        True,
    ),
    (
        "Aisha Bello",
        "aisha.bello@undp.example.org",
        "woman",
        "NG",
        G.MULTILATERAL_ORGANISATIONS,
        "UNDP",
        S.CONFIRMED,
        "en",
        True,
    ),
    (
        "Michael Brown",
        "michael.brown@wbg.example.org",
        "man",
        "US",
        G.MULTILATERAL_ORGANISATIONS,
        "WBG",
        S.CONFIRMED,
        "en,es",
        True,
    ),
    (
        "Sofía Herrera",
        "sofia.herrera@iadb.example.org",
        "woman",
        "UY",
        G.MULTILATERAL_ORGANISATIONS,
        "IADB",
        S.CONFIRMED,
        "es,en",
        False,
    ),
    (
        "Isabel Castro",
        "isabel.castro@segib.example.org",
        "woman",
        "ES",
        G.MULTILATERAL_ORGANISATIONS,
        "SEGIB",
        S.CONFIRMED,
        "es",
        True,
    ),
    (
        "Omar Haddad",
        "omar.haddad@example.org",
        "man",
        "JO",
        G.MULTILATERAL_ORGANISATIONS,
        None,
        S.CANCELLED,
        "ar,en",
        False,
    ),
    (
        "Lucía Fernández",
        "lucia.fernandez@example.org",
        "woman",
        "AR",
        G.SOUTH_SOUTH_PRACTITIONERS,
        None,
        S.CONFIRMED,
        "es,pt",
        True,
    ),
    (
        "Kavita Sharma",
        "kavita.sharma@example.org",
        "woman",
        "IN",
        G.SOUTH_SOUTH_PRACTITIONERS,
        None,
        S.CONFIRMED,
        "en",
        True,
    ),
    ("Kofi Asante", "kofi.asante@example.org", "man", "GH", G.SOUTH_SOUTH_PRACTITIONERS, None, S.CONFIRMED, "en", True),
    (
        "Dewa Putu",
        "dewa.putu@bappenas.example.org",
        "man",
        "ID",
        G.SOUTH_SOUTH_PRACTITIONERS,
        "BAPPENAS",
        S.CONFIRMED,
        "en",
        False,
    ),
    (
        "Laura Jiménez",
        "laura.jimenez@example.org",
        "woman",
        "CR",
        G.SOUTH_SOUTH_PRACTITIONERS,
        None,
        S.CONFIRMED,
        "es",
        True,
    ),
    (
        "Alex Moreno",
        "alex.moreno@example.org",
        "another",
        "PE",
        G.SOUTH_SOUTH_PRACTITIONERS,
        None,
        S.AWAITING_EMAIL_CHECK,
        "es,en",
        False,
    ),
    (
        "Valentina Rojas",
        "valentina.rojas@fhs.example.org",
        "woman",
        "CO",
        G.CIVIL_SOCIETY,
        "FHS",
        S.CONFIRMED,
        "es",
        True,
    ),
    ("Samuel Okafor", "samuel.okafor@example.org", "man", "NG", G.CIVIL_SOCIETY, None, S.CONFIRMED, "en", True),
    ("Camille Martin", "camille.martin@example.org", "woman", "HT", G.CIVIL_SOCIETY, None, S.CONFIRMED, "fr", True),
    ("Diego Vargas", "diego.vargas@fhs.example.org", "man", "BO", G.CIVIL_SOCIETY, "FHS", S.CONFIRMED, "es", False),
    ("Amina Juma", "amina.juma@example.org", "woman", "KE", G.CIVIL_SOCIETY, None, S.CONFIRMED, "en", True),
    ("Rosa Quispe", "rosa.quispe@example.org", "woman", "PE", G.CIVIL_SOCIETY, None, S.CONFIRMED, "es", True),
    ("Tomás Silva", "tomas.silva@example.org", "undisclosed", "PY", G.CIVIL_SOCIETY, None, S.WAITING, "es", False),
    ("Grace Mwangi", "grace.mwangi@example.org", "woman", "KE", G.CIVIL_SOCIETY, None, S.WAITING, "en", False),
    ("Hugo Benítez", "hugo.benitez@example.org", "man", "AR", G.CIVIL_SOCIETY, None, S.AWAITING_APPROVAL, "es", False),
    (
        "Carolina Duarte",
        "carolina.duarte@uniandes.example.org",
        "woman",
        "CO",
        G.SUBJECT_MATTER_EXPERTS,
        "Uniandes",
        S.CONFIRMED,
        "es,en",
        True,
    ),
    ("Li Wei", "li.wei@example.org", "man", "CN", G.SUBJECT_MATTER_EXPERTS, None, S.CONFIRMED, "zh,en", True),
    (
        "Nadia Rahman",
        "nadia.rahman@example.org",
        "woman",
        "BD",
        G.SUBJECT_MATTER_EXPERTS,
        None,
        S.CONFIRMED,
        "en",
        True,
    ),
    (
        "João Pereira",
        "joao.pereira@example.org",
        "man",
        "MZ",
        G.SUBJECT_MATTER_EXPERTS,
        None,
        S.CONFIRMED,
        "pt,en",
        False,
    ),
    ("Elif Yılmaz", "elif.yilmaz@example.org", "woman", "TR", G.SUBJECT_MATTER_EXPERTS, None, S.DECLINED, "en", False),
    (
        "Sam Taylor",
        "sam.taylor@example.org",
        None,
        "JM",
        G.SUBJECT_MATTER_EXPERTS,
        None,
        S.AWAITING_EMAIL_CHECK,
        "en",
        False,
    ),
    (
        "Paula Giraldo",
        "paula.giraldo@tt-ssc.example.org",
        "woman",
        "CO",
        G.TECHNICAL_SECRETARIAT,
        "TT-SSC",
        S.CONFIRMED,
        "es,en",
        True,
    ),
    (
        "Martín Acosta",
        "martin.acosta@tt-ssc.example.org",
        "man",
        "CO",
        G.TECHNICAL_SECRETARIAT,
        "TT-SSC",
        S.CONFIRMED,
        "es,en,fr",
        True,
    ),
    (
        "Yuki Tanaka",
        "yuki.tanaka@tt-ssc.example.org",
        "woman",
        "JP",
        G.TECHNICAL_SECRETARIAT,
        "TT-SSC",
        S.CONFIRMED,
        "en",
        True,
    ),
    (
        "Ibrahim Traoré",
        "ibrahim.traore@example.org",
        "man",
        "ML",
        G.TECHNICAL_SECRETARIAT,
        None,
        S.CANCELLED,
        "fr",
        False,
    ),
    (
        "Esther Achieng",
        "esther.achieng@example.org",
        "woman",
        "UG",
        G.TECHNICAL_SECRETARIAT,
        None,
        S.AWAITING_APPROVAL,
        "en",
        False,
    ),
)

# Who chose what: the side event or session 3 in the morning, the coalition's meeting or session 5 in the afternoon.
SIDE_EVENT, SESSION_3, CLOSED_MEETING, SESSION_5 = "side_event", "3", "closed_meeting", "5"
CHOICES = {
    PARTICIPANT_EMAIL: (SESSION_3, SESSION_5),
    "andres.gomez@apc.example.org": (SESSION_3, CLOSED_MEETING),
    "siti.rahmawati@bappenas.example.org": (SIDE_EVENT, CLOSED_MEETING),
    "mariana.lopez@apc.example.org": (SIDE_EVENT, CLOSED_MEETING),
    "thabo.nkosi@nepad.example.org": (SIDE_EVENT, SESSION_5),
    "fatou.diop@example.org": (SIDE_EVENT, SESSION_5),
    "claire.dubois@oecd.example.org": (SESSION_3, SESSION_5),
    "jorge.ramirez@eclac.example.org": (SIDE_EVENT, SESSION_5),
    "kavita.sharma@example.org": (SESSION_3, SESSION_5),
    "valentina.rojas@fhs.example.org": (SIDE_EVENT, SESSION_5),
    "carolina.duarte@uniandes.example.org": (SESSION_3, SESSION_5),
    "paula.giraldo@tt-ssc.example.org": (SESSION_3, SESSION_5),
}


def add_demo_registrations(forum):
    """Open registration for the demo forum and fill it; the caller commits."""
    db.session.add(RegistrationSettings(forum=forum, mode=RegistrationMode.OPEN, capacity=CAPACITY))
    groups = {group.stakeholder: group for group in forum.participant_groups if group.stakeholder}
    groups[G.CIVIL_SOCIETY].quota = CIVIL_SOCIETY_QUOTA
    organisations = _organisations(forum)
    registrations = {}
    started = utcnow() - timedelta(days=40)
    arrival = 0
    for number, (name, email, gender, country, stakeholder, acronym, status, languages, listed) in enumerate(PEOPLE):
        admitted = status in (S.CONFIRMED, S.WAITING)
        arrival += admitted
        registration = Registration(
            forum=forum,
            email=email,
            name=name,
            gender=Gender(gender) if gender else None,
            country_code=country,
            group=groups[stakeholder],
            organisation=organisations.get(acronym),
            status=status,
            languages=",".join(spoken_languages(languages.split(","))),
            listed_publicly=listed,
            registered_at=started + timedelta(hours=12 * number),
            arrival_number=arrival if admitted else None,
            email_checked_at=None if status == S.AWAITING_EMAIL_CHECK else started + timedelta(hours=12 * number + 1),
            dietary_needs="Vegetarian" if number % 7 == 3 else "",
            accessibility_needs="Step-free access to the rooms" if number % 11 == 5 else "",
        )
        if status != S.AWAITING_EMAIL_CHECK:
            registration.user = _account(email, name, country, registration.organisation)
        registrations[email] = registration
        db.session.add(registration)
    db.session.flush()
    _add_choices(forum, registrations)


def _organisations(forum):
    organisations = {item.acronym: item for item in db.session.scalars(select(Organisation)) if item.acronym}
    name, acronym = FORUM_ORGANISATION
    organisations[acronym] = Organisation(
        forum_id=forum.id, name=name, acronym=acronym, type=OrganisationType.CIVIL_SOCIETY, country_code="CO"
    )
    db.session.add(organisations[acronym])
    return organisations


def _account(email, name, country, organisation):
    return find_or_create_account(email, name, country_code=country, organisation=organisation)[0]


def _add_choices(forum, registrations):
    sessions = db.session.scalars(select(ForumSession).where(ForumSession.forum_id == forum.id)).all()
    by_key = {session.number: session for session in sessions if session.number}
    by_key[SIDE_EVENT] = next(session for session in sessions if session.format.value == "side_event")
    by_key[CLOSED_MEETING] = next(session for session in sessions if session.restricted_to_group is not None)
    arrivals = {}
    for email, keys in CHOICES.items():
        for key in keys:
            arrivals[key] = arrivals.get(key, 0) + 1
            db.session.add(
                SessionChoice(
                    registration=registrations[email],
                    session_id=by_key[key].id,
                    status=ChoiceStatus.CHOSEN,
                    arrival_number=arrivals[key],
                )
            )
