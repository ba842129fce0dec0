"""The official List of Participants PDF: consenting confirmed people, by group, then country, then name."""

import io

import pypdf
import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from tests.pdf_language import declared_language, pdfinfo
from workshop.forums.models import StakeholderGroup
from workshop.registration.models import Honorific
from workshop.registration.rules import RegistrationStatus

Status = RegistrationStatus


def pdf_text(data):
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_list_prints_consenting_confirmed_people_in_order(desk_client, forum, create_registration, organisation):
    confirmed = {"status": Status.CONFIRMED, "listed_publicly": True}
    create_registration(forum, "Zoe Quispe", country_code="PE", **confirmed)
    create_registration(forum, "Bruno Silva", country_code="BR", title=Honorific.DR, **confirmed)
    create_registration(
        forum,
        "Carla Díaz",
        country_code="EC",
        organisation_id=organisation.id,
        stakeholder=StakeholderGroup.COUNTRY_REPRESENTATIVES,
        **confirmed,
    )
    create_registration(forum, "Hidden Person", status=Status.CONFIRMED, listed_publicly=False)
    create_registration(forum, "Pending Person", listed_publicly=True)

    response = desk_client.get(f"/manage/{forum.slug}/desk/list-of-participants.pdf")

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert forum.title in text and "List of Participants" in text
    assert "Hidden Person" not in text and "Pending Person" not in text
    order = [
        "Country representatives",
        "ECUADOR",
        "Carla Díaz",
        "ECLAC",
        "Civil society organisations",
        "BRAZIL",
        "Dr Bruno Silva",
        "PERU",
        "Zoe Quispe",
    ]
    positions = [text.find(word) for word in order]
    assert -1 not in positions, list(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    assert "1 / 1" in text


def test_an_empty_list_says_who_would_appear(desk_client, forum):
    response = desk_client.get(f"/manage/{forum.slug}/desk/list-of-participants.pdf", headers={"Accept-Language": "fr"})
    assert "Liste des participants" in pdf_text(response.data)
    assert "seuls les participants confirmés" in pdf_text(response.data)


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_the_list_declares_its_language_and_a_title_in_it(desk_client, forum, tmp_path, language):
    with force_locale(language):
        worded = _("List of Participants")

    data = desk_client.get(f"/manage/{forum.slug}/desk/list-of-participants.pdf?lang={language}").data

    assert declared_language(data) == language
    assert worded in pdfinfo(data, tmp_path)["Title"]
