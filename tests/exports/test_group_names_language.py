"""A group the secretariat named is read in the forum's content language; the six stakeholder groups in the reader's.

A session restricted to "Building block on South-South Cooperation" shows that name on Spanish and
French pages and PDFs: it is text the secretariat typed, not a word of the interface we translate.
"""

import lxml.html
import pytest
from flask_babel import force_locale

from tests.exports.test_language_of_parts import language_around
from tests.pdf_language import languages_of, languages_of_parts
from workshop.core.labels import group_label
from workshop.extensions import db
from workshop.forums.models import GroupKind, ParticipantGroup, StakeholderGroup

COALITION = "Building block on South-South Cooperation"


@pytest.fixture
def restricted(bogota_forum, publish):
    """Restrict session 1 to a coalition the secretariat named and session 2 to civil society; publish."""
    forum = bogota_forum.forum
    coalition = ParticipantGroup(forum_id=forum.id, kind=GroupKind.COALITION, name=COALITION, position=10)
    civil_society = next(
        group for group in forum.participant_groups if group.stakeholder == StakeholderGroup.CIVIL_SOCIETY
    )
    first, second, _ = bogota_forum.sessions
    first.restricted_to_group, second.restricted_to_group = coalition, civil_society
    db.session.add(coalition)
    db.session.commit()
    publish(forum, bogota_forum.secretary)
    return bogota_forum


def civil_society_in(language):
    with force_locale(language):
        return group_label(StakeholderGroup.CIVIL_SOCIETY, None)


def languages_around(html, text):
    """Return the nearest `lang` around each element of the body whose own text holds `text`."""
    body = lxml.html.document_fromstring(html).body
    owners = [
        element
        for element in body.iter()
        if isinstance(element.tag, str)
        and any(text in (part or "") for part in [element.text, *(child.tail for child in element)])
    ]
    return {language_around(element) for element in owners}


@pytest.mark.parametrize("reader_language", ["es", "fr"])
@pytest.mark.parametrize("page", ["/f/bogota-2011/agenda", "/f/bogota-2011/sessions/{session_id}"])
def test_a_page_reads_the_secretariats_group_in_english_and_a_stakeholder_group_in_its_own_language(
    client, restricted, reader_language, page
):
    first, second, _ = restricted.sessions
    coalition_page = client.get(page.format(session_id=first.id), headers={"Accept-Language": reader_language})
    stakeholder_page = client.get(page.format(session_id=second.id), headers={"Accept-Language": reader_language})

    assert languages_around(coalition_page.get_data(as_text=True), COALITION) == {"en"}
    assert languages_around(stakeholder_page.get_data(as_text=True), civil_society_in(reader_language)) == {
        reader_language
    }


@pytest.mark.parametrize("reader_language", ["es", "fr"])
def test_the_agenda_pdf_reads_the_secretariats_group_in_english_and_a_stakeholder_group_in_its_own_language(
    client, restricted, reader_language
):
    runs = languages_of_parts(
        client.get("/f/bogota-2011/agenda.pdf", headers={"Accept-Language": reader_language}).data
    )

    assert languages_of(runs, COALITION) == {"en"}
    assert languages_of(runs, civil_society_in(reader_language)) == {reader_language}


def test_the_secretariats_group_pages_mark_its_name(client, login, restricted):
    login(client, restricted.secretary)
    groups = client.get("/manage/bogota-2011/groups", headers={"Accept-Language": "fr"}).get_data(as_text=True)

    assert languages_around(groups, COALITION) == {"en"}
    assert languages_around(groups, civil_society_in("fr")) == {"fr"}
