"""Badges: a print-ready PDF whose QR codes read back, as a phone's camera would, to the person's badge code."""

import io
import subprocess
import tempfile
from pathlib import Path

import pypdf
import pytest
import zxingcpp
from PIL import Image

from tests.desk.test_list_of_participants import pdf_text
from tests.exports.test_pdf_face import figures_alt_texts
from tests.forums import logo_samples
from tests.pdf_language import languages_of, languages_of_parts
from workshop.desk.rules import BAND_COLOURS
from workshop.desk.services import badge_code_of
from workshop.extensions import db
from workshop.forums.colours import AA_NORMAL_TEXT_CONTRAST, contrast_ratio
from workshop.forums.logos import upload_logo
from workshop.forums.models import StakeholderGroup
from workshop.registration.rules import RegistrationStatus

Status = RegistrationStatus
A6_POINTS = (297.6, 419.5)
A4_POINTS = (595.3, 841.9)


def badges(client, forum, **args):
    return client.get(f"/manage/{forum.slug}/desk/badges.pdf", query_string=args)


def page_images(data, resolution=100):
    """Rasterise each page of a PDF with pdftoppm, as a printer's proof."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-png", "-r", str(resolution), "-", f"{folder}/page"], input=data, check=True)
        return [Image.open(path).copy() for path in sorted(Path(folder).glob("page*.png"))]


def decoded_codes(image):
    return sorted(result.text for result in zxingcpp.read_barcodes(image))


def page_sizes(data):
    return [
        (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1))
        for page in pypdf.PdfReader(io.BytesIO(data)).pages
    ]


def test_an_a6_badge_per_confirmed_person_whose_qr_reads_back_to_their_code(
    desk_client, forum, create_registration, organisation
):
    ana = create_registration(
        forum,
        "Ana Muñoz",
        status=Status.CONFIRMED,
        country_code="EC",
        organisation_id=organisation.id,
        stakeholder=StakeholderGroup.COUNTRY_REPRESENTATIVES,
    )
    bruno = create_registration(forum, "Bruno Silva", status=Status.CONFIRMED, country_code="BR")
    create_registration(forum, "Pending Person")
    create_registration(forum, "Cancelled Person", status=Status.CANCELLED)

    response = badges(desk_client, forum)

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert page_sizes(response.data) == [A6_POINTS, A6_POINTS]
    text = pdf_text(response.data).casefold()
    for words in ("Ana Muñoz", "ECLAC", "Ecuador", "Country representatives", "Bruno Silva", "Brazil"):
        assert words.casefold() in text
    assert "pending person" not in text and "cancelled person" not in text
    assert [decoded_codes(image) for image in page_images(response.data)] == [
        [badge_code_of(ana)],
        [badge_code_of(bruno)],
    ]


def test_four_badges_share_an_a4_sheet_and_each_qr_reads_back(desk_client, forum, create_registration):
    people = [create_registration(forum, f"Person {number}", status=Status.CONFIRMED) for number in range(5)]

    response = badges(desk_client, forum, layout="a4")

    assert page_sizes(response.data) == [A4_POINTS, A4_POINTS]
    first, second = (decoded_codes(image) for image in page_images(response.data))
    assert first == sorted(badge_code_of(person) for person in people[:4])
    assert second == [badge_code_of(people[4])]


def test_the_qr_carries_the_badge_code_and_nothing_personal(desk_client, forum, create_registration):
    ana = create_registration(forum, "Ana Muñoz", status=Status.CONFIRMED, email="ana@example.org")

    [codes] = [decoded_codes(image) for image in page_images(badges(desk_client, forum).data)]

    assert codes == [badge_code_of(ana)]
    assert "Ana" not in codes[0] and "example.org" not in codes[0]


def test_a_filtered_selection_prints_only_its_people(desk_client, forum, create_registration):
    create_registration(forum, "Ana Muñoz", status=Status.CONFIRMED, country_code="EC")
    create_registration(forum, "Bruno Silva", status=Status.CONFIRMED, country_code="BR")

    text = pdf_text(badges(desk_client, forum, country="BR").data)

    assert "Bruno Silva" in text and "Ana Muñoz" not in text


def test_a_selection_without_a_confirmed_person_prints_nothing_and_says_why(desk_client, forum, create_registration):
    create_registration(forum, "Pending Person")

    response = badges(desk_client, forum, status="awaiting_approval")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/manage/{forum.slug}/desk/participants?status=awaiting_approval")
    page = desk_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "No badge to print" in page


def test_the_badges_are_a_tagged_pdf_with_its_language_and_title(desk_client, forum, create_registration):
    create_registration(forum, "Ana Muñoz", status=Status.CONFIRMED)

    data = badges(desk_client, forum, layout="a4").data
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]

    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert reader.metadata.title == f"Badges – {forum.title}"


def test_the_badges_speak_the_readers_language(desk_client, forum, create_registration):
    create_registration(forum, "Ana Muñoz", status=Status.CONFIRMED, country_code="EC")

    response = desk_client.get(f"/manage/{forum.slug}/desk/badges.pdf", headers={"Accept-Language": "es"})

    assert "organizaciones de la sociedad civil" in pdf_text(response.data).casefold()
    assert pypdf.PdfReader(io.BytesIO(response.data)).trailer["/Root"]["/Lang"] == "es"


@pytest.mark.parametrize("stakeholder", list(StakeholderGroup))
def test_every_stakeholder_group_has_a_band_its_text_reads_on(stakeholder):
    band, text = BAND_COLOURS[stakeholder.value]
    assert contrast_ratio(band, text) >= AA_NORMAL_TEXT_CONTRAST


def test_no_two_groups_share_a_band():
    bands = [band for band, _text in BAND_COLOURS.values()]
    assert len(set(bands)) == len(bands) == len(StakeholderGroup)


def test_each_badge_carries_the_conveners_logo_named_by_its_organisation(
    desk_client, forum, create_registration, create_user
):
    upload_logo(create_user(is_admin=True), forum, "convener", io.BytesIO(logo_samples.CLEAN_SVG), "APC Colombia")
    db.session.commit()
    create_registration(forum, "Ana Muñoz", status=Status.CONFIRMED)

    response = badges(desk_client, forum)

    assert response.status_code == 200
    assert figures_alt_texts(pypdf.PdfReader(io.BytesIO(response.data)))[0] == "APC Colombia"


def test_each_badges_qr_code_is_a_figure_that_says_what_it_is(desk_client, forum, create_registration):
    ana = create_registration(forum, "Ana Muñoz", status=Status.CONFIRMED)

    response = desk_client.get(f"/manage/{forum.slug}/desk/badges.pdf", headers={"Accept-Language": "es"})

    assert figures_alt_texts(pypdf.PdfReader(io.BytesIO(response.data))) == [
        f"Código de credencial {badge_code_of(ana)}"
    ]


def test_a_spanish_badge_reads_the_english_forum_title_in_english(desk_client, forum, create_registration):
    forum.title = "Learning from South-South Cooperation"
    db.session.commit()
    create_registration(forum, "Ana Muñoz", status=Status.CONFIRMED, country_code="DE")

    runs = languages_of_parts(
        desk_client.get(f"/manage/{forum.slug}/desk/badges.pdf", headers={"Accept-Language": "es"}).data
    )

    assert languages_of(runs, "Learning from South-South Cooperation") == {"en"}
    assert languages_of(runs, "Ana Muñoz") == {"es"}
    assert languages_of(runs, "ALEMANIA") == {"es"}
