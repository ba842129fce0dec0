"""Check the OpenAPI document with openapi-spec-validator, and each API answer against its own schema."""

import json

import jsonschema_rs
from openapi_spec_validator import validate as validate_spec

from validate.problems import Problem

OPENAPI_ENDPOINT = "exports.openapi_json"
# JSON that is no part of the API, and why.
NOT_API = {
    "registration.download_my_data": "a person's own data, downloaded as a file under data protection law",
}


def check_openapi(pages):
    documents = [page for page in pages if page.endpoint == OPENAPI_ENDPOINT and page.status == 200]
    if not documents:
        return [Problem("/api/v1/openapi.json", "openapi-spec-validator", "the crawl did not reach the document")]
    openapi = json.loads(documents[0].body)
    try:
        validate_spec(openapi)
    except Exception as error:  # noqa: BLE001 - the validator's complaint is what we report
        return [Problem(documents[0].where, "openapi-spec-validator", str(error)[:2000])]
    return check_answers(openapi, pages)


def check_answers(openapi, pages):
    """Validate every JSON answer of a documented path against the schema its 200 response declares."""
    problems = []
    answers = [
        page
        for page in pages
        if page.content_type == "application/json" and page.endpoint not in {OPENAPI_ENDPOINT, *NOT_API}
    ]
    if not answers:
        problems.append(Problem("/api/v1", "OpenAPI response schema", "the crawl reached no API answer"))
    for page in answers:
        schema = response_schema(openapi, page.path)
        if schema is None:
            problems.append(Problem(page.where, "OpenAPI response schema", "the path is not in the OpenAPI document"))
            continue
        validator = jsonschema_rs.Draft202012Validator(
            {**schema, "components": openapi.get("components", {})}, validate_formats=True
        )
        problems.extend(
            Problem(page.where, "OpenAPI response schema", f"{error.message} at {list(error.instance_path)}")
            for error in validator.iter_errors(json.loads(page.body))
        )
    return problems


def response_schema(openapi, path):
    """Return the schema of the 200 JSON answer of the templated path that matches `path`, or None."""
    segments = path.split("?")[0].strip("/").split("/")
    for template, operations in openapi["paths"].items():
        parts = template.strip("/").split("/")
        if len(parts) == len(segments) and all(
            part.startswith("{") or part == segment for part, segment in zip(parts, segments, strict=True)
        ):
            return operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return None
