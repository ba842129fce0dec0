"""Inputs crafted to make a cheap request cost the server dearly, and proof that each costly step is bounded.

Each step is bounded by construction, never by a stopwatch: refused over a limit, done once when
the input is written (so that reading never repeats it), or run in a child process with memory
and time limits. The tests show which of these holds, step by step:

- Markdown (conclusions, a session's outputs, the concept note) is parsed when saved, with a
  linear-time parser, within size limits; pages show the stored HTML and never parse.
"""
import pytest
from markdown_it import MarkdownIt

from tests.security.conftest import build_world
from workshop.documents import services as document_services
from workshop.extensions import db
from workshop.forums.models import Forum
from workshop.programme.models import ForumSession
from workshop.publishing.services import publish_release

BRACKETS = "[" * 20_000


# --- Markdown ----------------------------------------------------------------------------


@pytest.fixture
def forbid_markdown_parsing(monkeypatch):
    """Make every Markdown parser in reach fail, as a stand-in for one that would take minutes."""
    def refuse(*arguments, **keywords):
        raise AssertionError("Markdown was parsed while someone waited for a page")

    try:
        import markdown
    except ImportError:
        pass
    else:
        monkeypatch.setattr(markdown, "markdown", refuse)
    monkeypatch.setattr(MarkdownIt, "render", refuse)
    monkeypatch.setattr(MarkdownIt, "parse", refuse)


@pytest.fixture
def world_with_markdown(app):
    """Forum A with Markdown in its concept note, S1's outputs and S1's conclusions, published."""
    world = build_world()
    forum = db.session.get(Forum, world.forum_a.forum_id)
    session = db.session.get(ForumSession, world.forum_a.ids["session_id"])
    forum.objective = "The **objective** of the forum."
    session.outputs = "- a *list* of outputs"
    document_services.save_conclusions(world.user("facilitator"), session, "Trust **first**.")
    publish_release(forum, world.user("secretariat"), "preliminary")
    db.session.commit()
    return world


def test_pages_show_stored_markdown_without_parsing_it(client, world_with_markdown, sign_in, forbid_markdown_parsing):
    world = world_with_markdown
    slug, session_id = world.forum_a.ids["slug"], world.forum_a.ids["session_id"]
    sign_in(client, world.user("secretariat"))

    pages = {
        "forum": client.get(f"/f/{slug}/"),
        "public session": client.get(f"/f/{slug}/sessions/{session_id}"),
        "managed session": client.get(f"/manage/{slug}/sessions/{session_id}"),
        "workspace": client.get(f"/f/{slug}/sessions/{session_id}/documents"),
    }

    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert "<strong>objective</strong>" in pages["forum"].get_data(as_text=True)
    assert "<em>list</em>" in pages["public session"].get_data(as_text=True)
    assert "<em>list</em>" in pages["managed session"].get_data(as_text=True)
    assert "<strong>first</strong>" in pages["workspace"].get_data(as_text=True)


def test_the_session_brief_shows_stored_markdown_without_parsing_it(client, world_with_markdown, sign_in,
                                                                     forbid_markdown_parsing):
    world = world_with_markdown
    sign_in(client, world.user("secretariat"))

    response = client.get(f"/f/{world.forum_a.ids['slug']}/sessions/{world.forum_a.ids['session_id']}/brief.pdf")

    assert response.status_code == 200


def test_thousands_of_brackets_are_saved_and_shown_to_everyone(client, world_with_markdown, sign_in):
    world = world_with_markdown
    slug, session_id = world.forum_a.ids["slug"], world.forum_a.ids["session_id"]
    sign_in(client, world.user("facilitator"))

    saved = client.post(f"/f/{slug}/sessions/{session_id}/conclusions", data={"conclusions-body": BRACKETS})
    sign_in(client, world.user("secretariat"))
    edited = client.post(f"/manage/{slug}/sessions/{session_id}/edit", data=session_form(world, outputs=BRACKETS))

    assert (saved.status_code, edited.status_code) == (302, 302)
    assert BRACKETS in client.get(f"/f/{slug}/sessions/{session_id}/documents").get_data(as_text=True)
    assert BRACKETS in client.get(f"/manage/{slug}/sessions/{session_id}").get_data(as_text=True)


def session_form(world, **changes):
    return {
        "number": "1", "title": "S1", "outputs": "", "format": "plenary", "block_id": world.forum_a.ids["block_id"],
        "starts_at": "09:00", "ends_at": "10:00", "room_id": world.forum_a.ids["room_id"], "track_id": "0",
        "capacity": "", **changes,
    }


@pytest.mark.parametrize("field", ["outputs"])
def test_markdown_over_the_limit_is_refused_at_its_field(client, world, sign_in, field):
    sign_in(client, world.user("secretariat"))
    slug, session_id = world.forum_a.ids["slug"], world.forum_a.ids["session_id"]

    response = client.post(f"/manage/{slug}/sessions/{session_id}/edit", data=session_form(world, **{field: "x" * 20_001}))

    assert response.status_code == 200
    assert "Field cannot be longer than 20000 characters." in response.get_data(as_text=True)
    assert db.session.get(ForumSession, session_id).outputs == ""


@pytest.mark.parametrize("field", ["objective", "background", "participants_text", "methodology"])
def test_concept_note_markdown_over_the_limit_is_refused_at_its_field(client, world, sign_in, field):
    sign_in(client, world.user("secretariat"))
    forum = db.session.get(Forum, world.forum_a.forum_id)
    data = {
        "title": forum.title, "slug": forum.slug, "country_code": "", "start_date": forum.start_date.isoformat(),
        "end_date": forum.end_date.isoformat(), "timezone": forum.timezone, field: "x" * 20_001,
    }

    response = client.post(f"/manage/{forum.slug}/edit", data=data)

    assert response.status_code == 200
    assert "Field cannot be longer than 20000 characters." in response.get_data(as_text=True)
