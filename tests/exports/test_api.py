"""The JSON agenda and its OpenAPI description."""

import hashlib
import json

import jsonschema_rs

from workshop.exports.api import agenda_document, openapi_document
from workshop.extensions import db

from .agenda_samples import GOOD_PRACTICES_VERSION, release_of, typed


def agenda_validator(openapi):
    """Return a validator of the Agenda schema, resolving its $refs inside the OpenAPI document."""
    schema = {"$ref": "#/components/schemas/Agenda", "components": openapi["components"]}
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=True)


def test_agenda_document_matches_its_openapi_schema(bogota_snapshot, links):
    document = agenda_document(typed(bogota_snapshot, release_of(3)), links)
    agenda_validator(openapi_document("https://workshop.example.org")).validate(json.loads(json.dumps(document)))

    assert document["release"] == {"number": 3, "status": "preliminary", "published_at": "2011-09-20T10:00:00-05:00"}
    first_block = document["days"][0]["blocks"][0]
    assert first_block["starts_at"] == "2011-09-26T09:00:00-05:00"
    assert [entry["type"] for entry in first_block["entries"]] == ["item", "session"]
    assert document["days"][2]["to_be_announced"] is True
    assert {person["name"] for person in document["people"]} == {"Ana Muñoz", "João Silva", "Awa Kouassi"}
    session = next(session for session in document["sessions"] if session["id"] == 11)
    assert session["people"]["facilitator"] == [1]
    assert session["url"] == "https://workshop.example.org/f/bogota-2011/sessions/11"
    assert document["documents"][0]["url"] == "https://workshop.example.org/f/bogota-2011/documents/201"


def test_each_document_gives_the_version_its_release_names(bogota_snapshot, links):
    document = agenda_document(typed(bogota_snapshot, release_of(3)), links)
    agenda_validator(openapi_document("https://workshop.example.org")).validate(json.loads(json.dumps(document)))

    versions = {entry["id"]: entry["current_version"] for entry in document["documents"]}
    assert versions[201] == {
        "number": 2,
        "url": "https://workshop.example.org/f/bogota-2011/documents/201/versions/2/download",
        "size": GOOD_PRACTICES_VERSION["size"],
        "media_type": GOOD_PRACTICES_VERSION["media_type"],
        "sha256": GOOD_PRACTICES_VERSION["sha256"],
    }
    assert versions[202] is None, "no file uploaded yet"


def test_a_release_from_before_document_versions_gives_none(bogota_snapshot, links):
    del bogota_snapshot["document_versions"]

    document = agenda_document(typed(bogota_snapshot, release_of(3)), links)

    assert {entry["current_version"] for entry in document["documents"]} == {None}


def test_api_gives_the_file_a_reader_downloads(client, bogota_forum, create_version, publish):
    version = create_version(bogota_forum.paper, "The good practices, second draft", "paper.pdf")
    publish(bogota_forum.forum, bogota_forum.secretary)

    payload = client.get("/api/v1/forums/bogota-2011/agenda").get_json()

    agenda_validator(client.get("/api/v1/openapi.json").get_json()).validate(payload)
    current = payload["documents"][0]["current_version"]
    assert current["number"] == version.number
    download = client.get(current["url"].removeprefix("http://localhost"))
    assert download.status_code == 200
    assert len(download.data) == current["size"]
    assert hashlib.sha256(download.data).hexdigest() == current["sha256"]
    assert download.mimetype == current["media_type"]


def test_a_new_upload_after_publishing_changes_no_session_in_the_feeds(bogota_forum, create_version, publish):
    first = bogota_forum.release.snapshot
    create_version(bogota_forum.paper, "A later draft", "paper.pdf")

    second = publish(bogota_forum.forum, bogota_forum.secretary).snapshot

    assert second["sessions"] == first["sessions"]
    assert second["document_versions"] != first["document_versions"]


def test_api_serves_the_published_agenda_without_e_mail_addresses(client, bogota_forum):
    response = client.get("/api/v1/forums/bogota-2011/agenda")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    payload = response.get_json()
    agenda_validator(client.get("/api/v1/openapi.json").get_json()).validate(payload)
    assert "@" not in response.get_data(as_text=True)
    assert {person["name"] for person in payload["people"]} == {"Ana Muñoz", "Awa Kouassi, Côte d'Ivoire"}
    assert payload["documents"][0]["url"] == f"http://localhost/f/bogota-2011/documents/{bogota_forum.paper.id}"
    assert (
        client.get("/api/v1/forums/bogota-2011/agenda", headers={"If-None-Match": response.headers["ETag"]}).status_code
        == 304
    )


def test_api_hides_non_public_forums_from_people_without_a_role(client, login, bogota_forum):
    bogota_forum.forum.is_public = False
    db.session.commit()

    assert client.get("/api/v1/forums/bogota-2011/agenda").status_code == 404
    login(client, bogota_forum.outsider)
    assert client.get("/api/v1/forums/bogota-2011/agenda").status_code == 404
    login(client, bogota_forum.munoz)
    response = client.get("/api/v1/forums/bogota-2011/agenda")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_openapi_is_version_3_1_and_describes_the_agenda(client):
    openapi = client.get("/api/v1/openapi.json").get_json()
    assert openapi["openapi"] == "3.1.0"
    assert "/api/v1/forums/{slug}/agenda" in openapi["paths"]
    assert jsonschema_rs.meta.is_valid(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", **openapi["components"]["schemas"]["Session"]}
    )
