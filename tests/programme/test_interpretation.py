"""Interpretation per session: set among the forum's working languages, shown on the agenda, the session page and the PDF."""

import io
import re
from html import unescape

import pdfplumber
import pytest

from tests.browser_forms import read_form
from workshop.accounts.models import ForumRoleName
from workshop.extensions import db
from workshop.programme.models import ForumSession
from workshop.publishing.services import publish_release


def pdf_text(body):
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


@pytest.fixture
def plenary(client, login, create_user, create_forum, create_day, create_block, create_session):
    """A forum working in English and Spanish, its secretariat signed in, and the edit page of its plenary."""
    forum = create_forum(working_languages="en,es")
    secretariat = create_user(roles={forum: [ForumRoleName.SECRETARIAT]})
    session = create_session(forum, create_block(create_day(forum), "09:00", "12:00"), title="Opening plenary")
    login(client, secretariat)
    return forum, session, secretariat, f"/manage/{forum.slug}/sessions/{session.id}/edit"


def test_each_pair_of_working_languages_is_offered_in_the_forums_order(client, plenary):
    _forum, _session, _secretariat, url = plenary

    page = client.get(url).get_data(as_text=True)

    offered = [unescape(value) for value in re.findall(r'name="interpretation" type="checkbox" value="([^"]*)"', page)]
    assert offered == ["en>es", "es>en"]
    assert "English → Spanish" in page and "Spanish → English" in page


def test_the_interpretation_ticked_is_saved_in_the_order_offered_and_ticked_again(client, plenary):
    _forum, session, _secretariat, url = plenary
    typed = read_form(client.get(url).get_data(as_text=True)).data()
    typed["interpretation"] = ["es>en", "en>es"]

    assert client.post(url, data=typed).status_code == 302

    assert db.session.get(ForumSession, session.id).interpretation == "en>es,es>en"
    assert read_form(client.get(url).get_data(as_text=True)).data()["interpretation"] == ["en>es", "es>en"]


def test_a_pair_outside_the_working_languages_is_refused_at_the_field(client, plenary):
    _forum, session, _secretariat, url = plenary
    typed = read_form(client.get(url).get_data(as_text=True)).data()
    typed["interpretation"] = ["en>fr"]

    response = client.post(url, data=typed)

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert db.session.get(ForumSession, session.id).interpretation == ""


def test_a_forum_with_one_working_language_offers_no_interpretation(client, plenary):
    forum, _session, _secretariat, url = plenary
    forum.working_languages = "es"
    db.session.commit()

    assert 'name="interpretation"' not in client.get(url).get_data(as_text=True)


def test_saving_a_session_unchanged_keeps_its_interpretation(client, plenary):
    _forum, session, _secretariat, url = plenary
    session.interpretation = "es>en"
    db.session.commit()

    client.post(url, data=read_form(client.get(url).get_data(as_text=True)).data())

    assert db.session.get(ForumSession, session.id).interpretation == "es>en"


@pytest.mark.parametrize(
    ("language", "languages", "pairs"),
    [
        ("en", "Working languages: English, Spanish", "Interpretation: English → Spanish, Spanish → English"),
        ("es", "Idiomas de trabajo: inglés, español", "Interpretación: Inglés → Español, Español → Inglés"),
        ("fr", "Langues de travail : anglais, espagnol", "Interprétation : Anglais → Espagnol, Espagnol → Anglais"),
    ],
)
def test_the_agenda_the_session_page_and_the_pdf_say_the_languages(client, plenary, language, languages, pairs):
    forum, session, secretariat, _url = plenary
    session.interpretation = "en>es,es>en"
    publish_release(secretariat, forum, "preliminary")
    db.session.commit()

    agenda = client.get(f"/f/{forum.slug}/agenda?lang={language}").get_data(as_text=True)
    session_page = client.get(f"/f/{forum.slug}/sessions/{session.id}?lang={language}").get_data(as_text=True)
    pdf = pdf_text(client.get(f"/f/{forum.slug}/agenda.pdf?lang={language}").data)

    assert languages.casefold() in agenda.casefold() and pairs in agenda
    assert pairs in session_page
    assert languages.casefold() in pdf.casefold() and pairs in pdf


def test_a_session_without_interpretation_says_nothing_of_it(client, plenary):
    forum, session, secretariat, _url = plenary
    publish_release(secretariat, forum, "preliminary")
    db.session.commit()

    assert "Interpretation" not in client.get(f"/f/{forum.slug}/sessions/{session.id}").get_data(as_text=True)


def test_dropping_a_working_language_drops_the_pairs_that_name_it(client, plenary, create_session):
    forum, session, _secretariat, _url = plenary
    forum.working_languages = "en,es,fr"
    session.interpretation = "en>es,es>en,en>fr,fr>en"
    other = create_session(forum, session.block, title="Side event", start="10:00", end="11:00", interpretation="fr>en")
    url = f"/manage/{forum.slug}/edit"
    typed = read_form(client.get(url).get_data(as_text=True)).data(first_language="en")
    typed["other_languages"] = ["es"]

    assert client.post(url, data=typed).status_code == 302

    db.session.expire_all()
    assert forum.working_languages == "en,es"
    assert db.session.get(ForumSession, session.id).interpretation == "en>es,es>en"
    assert db.session.get(ForumSession, other.id).interpretation == ""
    page = client.get(f"/manage/{forum.slug}/sessions/{session.id}/edit").get_data(as_text=True)
    assert "French" not in page


def test_keeping_the_working_languages_leaves_every_interpretation_as_saved(client, plenary):
    forum, session, _secretariat, _url = plenary
    session.interpretation = "es>en"
    db.session.commit()
    url = f"/manage/{forum.slug}/edit"
    typed = read_form(client.get(url).get_data(as_text=True)).data(title="A new title")

    assert client.post(url, data=typed).status_code == 302

    db.session.expire_all()
    assert forum.title == "A new title"
    assert db.session.get(ForumSession, session.id).interpretation == "es>en"
