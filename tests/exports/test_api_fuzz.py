"""Fuzz the agenda API against its own OpenAPI description with schemathesis."""

import schemathesis
from hypothesis import HealthCheck, given, settings


def test_api_answers_as_its_openapi_description_says(app, bogota_forum):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema["/api/v1/forums/{slug}/agenda"]["GET"]

    @given(case=operation.as_strategy())
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def answer_as_described(case):
        case.call_and_validate()

    answer_as_described()
    published = operation.Case(path_parameters={"slug": "bogota-2011"})
    assert published.call_and_validate().status_code == 200
