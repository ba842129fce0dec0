"""Inputs crafted to make a cheap request cost the server dearly, and proof that each costly step is bounded.

Each step is bounded by construction, never by a stopwatch: refused over a limit, done once when
the input is written (so that reading never repeats it), or run in a child process with memory
and time limits. The tests show which of these holds, step by step:

- Markdown (conclusions, a session's outputs, the concept note) is parsed when saved, with a
  linear-time parser, within size limits; pages show the stored HTML and never parse.
- Comparing two versions of a draft is done once, by the job that prepares a new version, with a
  bounded algorithm over a bounded number of sentences; the document page only reads the result.
- A DOCX or ODT package is refused by the sizes it declares before any entry is read, and text is
  extracted in a child process with memory and processor-time limits (the child itself:
  tests/core/test_limits.py).
- Control characters in a file's text are dropped before the text is stored.
- An export is built once per release and language, whatever Host header a request names, and
  the cache keeps only the entries of each forum's latest release.
"""

import difflib
import io
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from rapidfuzz.distance import Indel
from sqlalchemy import select

from tests.documents import samples
from workshop.documents import services as document_services
from workshop.documents import textdiff, textextract
from workshop.documents.models import Document, DocumentVersion
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
def world_with_markdown(world):
    """Forum A with Markdown in its concept note, S1's outputs and S1's conclusions, published."""
    forum = db.session.get(Forum, world.forum_a.forum_id)
    session = db.session.get(ForumSession, world.forum_a.ids["session_id"])
    forum.objective = "The **objective** of the forum."
    session.outputs = "- a *list* of outputs"
    document_services.save_conclusions(world.user("facilitator"), session, "Trust **first**.")
    publish_release(world.user("secretariat"), forum, "preliminary")
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


def test_the_session_brief_shows_stored_markdown_without_parsing_it(
    client, world_with_markdown, sign_in, forbid_markdown_parsing
):
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
        "number": "1",
        "title": "S1",
        "outputs": "",
        "format": "plenary",
        "block_id": world.forum_a.ids["block_id"],
        "starts_at": "09:00",
        "ends_at": "10:00",
        "room_id": world.forum_a.ids["room_id"],
        "track_id": "0",
        "capacity": "",
        **changes,
    }


@pytest.mark.parametrize("field", ["outputs"])
def test_markdown_over_the_limit_is_refused_at_its_field(client, world, sign_in, field):
    sign_in(client, world.user("secretariat"))
    slug, session_id = world.forum_a.ids["slug"], world.forum_a.ids["session_id"]

    response = client.post(
        f"/manage/{slug}/sessions/{session_id}/edit", data=session_form(world, **{field: "x" * 20_001})
    )

    assert response.status_code == 200
    assert "Field cannot be longer than 20000 characters." in response.get_data(as_text=True)
    assert db.session.get(ForumSession, session_id).outputs == ""


@pytest.mark.parametrize("field", ["objective", "background", "participants_text", "methodology"])
def test_concept_note_markdown_over_the_limit_is_refused_at_its_field(client, world, sign_in, field):
    sign_in(client, world.user("secretariat"))
    forum = db.session.get(Forum, world.forum_a.forum_id)
    data = {
        "title": forum.title,
        "slug": forum.slug,
        "country_code": "",
        "start_date": forum.start_date.isoformat(),
        "end_date": forum.end_date.isoformat(),
        "timezone": forum.timezone,
        field: "x" * 20_001,
    }

    response = client.post(f"/manage/{forum.slug}/edit", data=data)

    assert response.status_code == 200
    assert "Field cannot be longer than 20000 characters." in response.get_data(as_text=True)


# --- Comparing versions ------------------------------------------------------------------

REPEATED = ["Horizontal partnerships rest on trust."] * 1500


def forbid_comparing(monkeypatch):
    """Make every sequence matcher in reach fail, as a stand-in for one that would take minutes."""

    def refuse(*arguments, **keywords):
        raise AssertionError("two texts were compared while someone waited for a page")

    monkeypatch.setattr(difflib.SequenceMatcher, "get_matching_blocks", refuse)
    monkeypatch.setattr(Indel, "opcodes", refuse)


def upload(world, document, data, filename, status="revised"):
    version = document_services.upload_version(world.user("secretariat"), document, io.BytesIO(data), filename, status)
    db.session.commit()
    return version


def world_document(world):
    return db.session.get(Document, world.forum_a.ids["document_id"])


def document_page(client, world, query=""):
    response = client.get(f"/f/{world.forum_a.ids['slug']}/documents/{world.forum_a.ids['document_id']}{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_document_page_reads_the_stored_comparison_and_never_compares(client, world, monkeypatch):
    document = world_document(world)
    upload(world, document, samples.docx_bytes("Draft paper", ["A paragraph of the draft.", "Trust first."]), "v2.docx")
    forbid_comparing(monkeypatch)

    page = document_page(client, world)

    assert "Version 1 → version 2: 1 sentences added, 0 removed." in page
    assert "<ins>Trust first.</ins>" in page
    assert "<del>Trust first.</del>" in document_page(client, world, "?old=2&new=1")


def test_versions_of_repeated_sentences_are_compared_once_when_uploaded(client, world):
    document = world_document(world)
    upload(world, document, samples.docx_bytes("Draft paper", REPEATED), "repeated.docx")
    upload(
        world,
        document,
        samples.docx_bytes("Draft paper", REPEATED[:700] + ["A new idea."] + REPEATED[700:]),
        "again.docx",
    )

    page = document_page(client, world)

    assert "Version 2 → version 3: 1 sentences added, 0 removed." in page


def test_texts_longer_than_a_comparison_may_take_are_refused(client, world, monkeypatch):
    monkeypatch.setattr(textdiff, "MAX_COMPARED_SENTENCES", 2)
    upload(world, world_document(world), samples.docx_bytes("Draft paper", ["One.", "Two.", "Three."]), "long.docx")

    assert "too long to compare here" in document_page(client, world)


def test_the_page_says_the_comparison_is_being_prepared_until_the_job_has_run(client, world, monkeypatch):
    waiting = []
    monkeypatch.setattr(document_services, "enqueue_after_commit", lambda job, *arguments: waiting.append(arguments))
    version = upload(world, world_document(world), samples.docx_bytes("Draft paper", ["Trust first."]), "v2.docx")

    before = document_page(client, world)
    document_services.prepare_version(*waiting.pop())
    after = document_page(client, world)

    assert "being prepared" in before
    assert "being prepared" not in after and "<ins>Trust first.</ins>" in after
    assert db.session.get(DocumentVersion, version.id).prepared_at is not None


# --- Packages that unpack too far, and parsers that run away --------------------------------


def upload_through_the_form(client, world, data, filename):
    slug, session_id = world.forum_a.ids["slug"], world.forum_a.ids["session_id"]
    document_id = world.forum_a.ids["document_id"]
    prefix = f"version-{document_id}"
    return client.post(
        f"/f/{slug}/sessions/{session_id}/documents/{document_id}/versions",
        data={f"{prefix}-status": "revised", f"{prefix}-note": "", f"{prefix}-file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def stored_versions():
    db.session.expire_all()
    return db.session.scalars(select(DocumentVersion).order_by(DocumentVersion.id)).all()


def test_a_zip_bomb_is_refused_before_any_of_it_is_read(client, world, sign_in, monkeypatch):
    bomb = samples.docx_bomb(101 * 1024 * 1024)
    sign_in(client, world.user("secretariat"))
    before = len(stored_versions())

    def refuse(*arguments, **keywords):
        raise AssertionError("an entry of the package was read")

    monkeypatch.setattr("zipfile.ZipExtFile.read", refuse)
    response = upload_through_the_form(client, world, bomb, "bomb.docx")

    assert response.status_code == 415
    assert "unpacks to more than 100 MB" in response.get_data(as_text=True)
    assert len(stored_versions()) == before


def allocate(size):
    return len(bytearray(size))


def test_text_is_extracted_within_the_limits_and_a_file_past_them_is_kept_without_text(
    client, world, sign_in, monkeypatch
):
    def parse_like_a_zip_bomb(path, file_type):
        return str(allocate(2 * textextract.EXTRACTION_MEMORY_BYTES))

    # The child is forked from this process, so it runs this stand-in for the parsers.
    monkeypatch.setattr(textextract, "extract_text", parse_like_a_zip_bomb)
    sign_in(client, world.user("secretariat"))

    response = upload_through_the_form(client, world, samples.docx_bytes("Draft paper", ["Trust first."]), "v2.docx")

    assert response.status_code == 302
    newest = stored_versions()[-1]
    assert (newest.number, newest.extracted_text) == (2, "")
    assert newest.prepared_at is not None
    assert "could not be read" in document_page(client, world)


# --- Control characters in a file's text ---------------------------------------------------


def test_control_characters_in_a_pdf_s_text_are_dropped_before_it_is_stored(client, world, sign_in):
    hostile = samples.pdf_with_text_operators(b"BT /F1 12 Tf 72 700 Td (Trust\\000first.\\033 Equity\\177.) Tj ET")
    sign_in(client, world.user("secretariat"))

    response = upload_through_the_form(client, world, hostile, "hostile.pdf")

    assert response.status_code == 302
    newest = stored_versions()[-1]
    assert newest.extracted_text.startswith("Trustfirst. Equity")
    assert not any(character in newest.extracted_text for character in "\x00\x1b\x7f")


# --- Exports and the cache -----------------------------------------------------------------


def cache_files(app):
    """Return what is kept of built exports and pages: the cache, and the exports the queue built."""
    roots = [Path(app.config["CACHE_DIR"]), Path(app.config["EXPORT_DIR"])]
    return sorted(
        str(path.relative_to(root)) for root in roots if root.exists() for path in root.rglob("*") if path.is_file()
    )


@pytest.fixture
def count_pdf_renders(monkeypatch):
    from workshop.exports import pdf

    renders = []
    real = pdf.render_pdf
    monkeypatch.setattr(
        pdf, "render_pdf", lambda *arguments, **keywords: renders.append(1) or real(*arguments, **keywords)
    )
    return renders


def test_twenty_host_names_cost_one_pdf_and_one_cache_entry(app, client, world, count_pdf_renders):
    app.config["TRUSTED_HOSTS"] = None
    slug = world.forum_a.ids["slug"]

    answers = {
        client.get(f"/f/{slug}/agenda.pdf", headers={"Host": f"host{number}.example"}).status_code
        for number in range(20)
    }

    assert answers == {200}
    assert len(count_pdf_renders) == 1
    assert len([name for name in cache_files(app) if name.endswith(".pdf")]) == 1


def test_a_new_release_evicts_the_cache_entries_of_the_ones_before(app, client, world, sign_in):
    slug = world.forum_a.ids["slug"]
    forum = db.session.get(Forum, world.forum_a.forum_id)
    exports = [f"/f/{slug}/agenda.pdf", f"/f/{slug}/agenda.ics", f"/api/v1/forums/{slug}/agenda", f"/f/{slug}/agenda"]
    for url in exports:
        assert client.get(url).status_code == 200
    first = cache_files(app)

    newer = publish_release(world.user("secretariat"), forum, "final")
    db.session.commit()
    for url in exports:
        assert client.get(url).status_code == 200

    assert len(cache_files(app)) == len(first)
    assert not set(first) & set(cache_files(app))
    assert all(f"release-{newer.id}-" in name for name in cache_files(app))


def test_a_personal_feed_keeps_one_cache_entry_per_person(app, client, world):
    token = world.user("facilitator").feed_token
    forum = db.session.get(Forum, world.forum_a.forum_id)
    client.get(f"/feeds/{token}.ics")
    publish_release(world.user("secretariat"), forum, "final")
    db.session.commit()

    client.get(f"/feeds/{token}.ics")

    assert len([name for name in cache_files(app) if name.endswith(".ics")]) == 1
