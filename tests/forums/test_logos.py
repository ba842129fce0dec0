"""The secretariat uploads the convener's and a partner's logo; a bad file is refused at its field, the last logo kept."""

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.forums import logo_samples as samples
from workshop.accounts.models import ForumRoleName
from workshop.core.audit import AuditEntry
from workshop.extensions import db
from workshop.forums.models import ForumLogo, LogoRole


@pytest.fixture
def forum_and_secretary(create_forum, create_user, client, login):
    forum = create_forum(slug="logo-forum", convened_by="Ministry of Planning of Colombia")
    secretary = create_user(email="sec@example.test", roles={forum: [ForumRoleName.SECRETARIAT]})
    login(client, secretary)
    return forum, secretary


def upload(client, forum, convener=None, partner=None, partner_name="", colour=None):
    data = {"accent_colour": forum.accent_colour if colour is None else colour, "partner_name": partner_name}
    if convener is not None:
        data["convener_logo"] = (io.BytesIO(convener), "logo.png")
    if partner is not None:
        data["partner_logo"] = (io.BytesIO(partner), "partner.png")
    return client.post(f"/manage/{forum.slug}/appearance", data=data, content_type="multipart/form-data")


def logos_of(forum):
    return db.session.scalars(select(ForumLogo).where(ForumLogo.forum_id == forum.id).order_by(ForumLogo.id)).all()


def stored_files(app):
    folder = Path(app.config["UPLOAD_DIR"]) / "logos"
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


def field_error(page, field):
    after = page[page.index(f'id="{field}"') :]
    return after[: after.index("</div>")]


def test_the_convener_logo_is_stored_and_shown_on_the_forum_and_agenda_pages(app, client, forum_and_secretary):
    forum, secretary = forum_and_secretary

    assert upload(client, forum, convener=samples.png_bytes()).status_code == 302

    [logo] = logos_of(forum)
    assert (logo.role, logo.number, logo.media_type) == (LogoRole.CONVENER, 1, "image/png")
    assert logo.organisation_name == "Ministry of Planning of Colombia"
    assert stored_files(app) == [logo.stored_name]
    image = f'<img class="forum-logo forum-logo-convener" src="/f/logo-forum/logos/{logo.id}" alt="Ministry of Planning of Colombia"'
    for page in ("/f/logo-forum/", "/f/logo-forum/agenda", "/manage/logo-forum/appearance"):
        assert image in client.get(page).get_data(as_text=True), page
    served = client.get(f"/f/logo-forum/logos/{logo.id}")
    assert served.data == samples.png_bytes()
    assert served.mimetype == "image/png"
    assert "sandbox" in served.headers["Content-Security-Policy"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "forum.logo_uploaded"))
    assert entry.actor_id == secretary.id


def test_a_new_logo_replaces_the_one_shown_and_the_previous_one_is_kept(app, client, forum_and_secretary):
    forum, _secretary = forum_and_secretary
    upload(client, forum, convener=samples.png_bytes())
    upload(client, forum, convener=samples.CLEAN_SVG)

    first, second = logos_of(forum)
    assert (first.number, second.number) == (1, 2)
    assert second.media_type == "image/svg+xml"
    assert stored_files(app) == sorted([first.stored_name, second.stored_name])
    page = client.get("/f/logo-forum/").get_data(as_text=True)
    assert f"/f/logo-forum/logos/{second.id}" in page
    assert f"/f/logo-forum/logos/{first.id}" not in page
    assert client.get(f"/f/logo-forum/logos/{first.id}").data == samples.png_bytes()


def test_a_partner_logo_sits_beside_the_conveners_named_by_its_organisation(client, forum_and_secretary):
    forum, _secretary = forum_and_secretary

    response = upload(client, forum, convener=samples.png_bytes(), partner=samples.jpeg_bytes(), partner_name=" UNDP ")

    assert response.status_code == 302
    convener, partner = logos_of(forum)
    assert (partner.role, partner.organisation_name, partner.media_type) == (LogoRole.PARTNER, "UNDP", "image/jpeg")
    page = client.get("/f/logo-forum/").get_data(as_text=True)
    assert page.index(f"logos/{convener.id}") < page.index(f'logos/{partner.id}" alt="UNDP"')


def test_a_partner_logo_without_the_partners_name_is_refused_at_that_field(client, forum_and_secretary):
    forum, _secretary = forum_and_secretary

    response = upload(client, forum, partner=samples.png_bytes())

    assert response.status_code == 422
    assert "Name the partner whose logo this is." in field_error(response.get_data(as_text=True), "partner_name")
    assert logos_of(forum) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "This file is not a PNG, JPEG or SVG image."),
        (samples.SVG_WITH_SCRIPT, "The SVG holds an element a logo may not have (script); a logo may only draw."),
        (
            samples.SVG_WITH_EXTERNAL_HREF,
            "The SVG refers to something outside itself (https://tracker.example/dot.svg#d).",
        ),
        (samples.png_bytes(4001, 2), "The image is 4001 × 2 pixels; a logo may be at most 4000 pixels on each side."),
        (b"\x89PNG" + b"\x00" * (2 * 1024 * 1024), "A logo may be at most 2 MB."),
        (b"", "The file is empty. Choose the logo again."),
    ],
    ids=["not-an-image", "svg-script", "svg-external-href", "too-many-pixels", "over-2-mb", "empty"],
)
def test_a_bad_logo_is_refused_at_its_field_and_the_previous_logo_kept(app, client, forum_and_secretary, data, message):
    forum, _secretary = forum_and_secretary
    upload(client, forum, convener=samples.png_bytes(), colour="#8b0000")
    [kept] = logos_of(forum)

    refused = upload(client, forum, convener=data, colour="#0b5cad")

    assert refused.status_code == 422
    assert message in field_error(refused.get_data(as_text=True), "convener_logo")
    assert logos_of(forum) == [kept]
    assert stored_files(app) == [kept.stored_name]
    db.session.refresh(forum)
    # Nothing of a refused form is saved, the colour typed with it neither.
    assert forum.accent_colour == "#8b0000"
    assert f"logos/{kept.id}" in client.get("/f/logo-forum/").get_data(as_text=True)


def test_a_40_mb_file_is_refused_at_the_field_without_being_read(app, client, forum_and_secretary):
    forum, _secretary = forum_and_secretary
    upload(client, forum, convener=samples.png_bytes())
    [kept] = logos_of(forum)

    refused = upload(client, forum, convener=b"\x89PNG" + b"\x00" * (40 * 1024 * 1024))

    assert refused.status_code == 413
    assert "A logo may be at most 2 MB." in field_error(refused.get_data(as_text=True), "convener_logo")
    assert logos_of(forum) == [kept]
    assert stored_files(app) == [kept.stored_name]


def test_a_logo_whose_bytes_changed_on_disk_is_not_served(app, client, forum_and_secretary):
    forum, _secretary = forum_and_secretary
    upload(client, forum, convener=samples.png_bytes())
    [logo] = logos_of(forum)
    (Path(app.config["UPLOAD_DIR"]) / "logos" / logo.stored_name).write_bytes(samples.jpeg_bytes())

    assert client.get(f"/f/logo-forum/logos/{logo.id}").status_code == 404


def test_another_forums_logo_is_not_found_under_this_forums_address(client, create_forum, forum_and_secretary):
    forum, _secretary = forum_and_secretary
    create_forum(slug="other-forum")
    upload(client, forum, convener=samples.png_bytes())
    [logo] = logos_of(forum)

    assert client.get(f"/f/other-forum/logos/{logo.id}").status_code == 404


def test_a_private_forums_logo_is_for_its_readers_only(app, client, create_forum, forum_and_secretary):
    forum, _secretary = forum_and_secretary
    upload(client, forum, convener=samples.png_bytes())
    [logo] = logos_of(forum)
    forum.is_public = False
    db.session.commit()

    assert "private" in client.get(f"/f/logo-forum/logos/{logo.id}").headers["Cache-Control"]
    assert app.test_client().get(f"/f/logo-forum/logos/{logo.id}").status_code in (302, 403, 404)


def test_the_appearance_screen_speaks_spanish_and_french_about_logos(client, forum_and_secretary):
    forum, _secretary = forum_and_secretary

    assert "Logotipo de la entidad convocante" in client.get(f"/manage/{forum.slug}/appearance?lang=es").get_data(
        as_text=True
    )
    assert "Logo de l’organisateur" in client.get(f"/manage/{forum.slug}/appearance?lang=fr").get_data(as_text=True)
