"""Reading a programme file without the database: every problem is reported with the line it is on."""
import copy
import json
import re
from pathlib import Path

import pytest

from workshop.programme_files.positions import load_positioned
from workshop.programme_files.problems import ProgrammeFileError
from workshop.programme_files.services import programme_vocabulary
from workshop.programme_files.validation import read_programme

PROGRAMME = {
    "workshop_forum_format": 1,
    "forum": {
        "slug": "small-forum",
        "title": "A small forum",
        "start_date": "2030-03-02",
        "end_date": "2030-03-03",
        "timezone": "America/Bogota",
    },
    "organisations": [{"name": "Task Team on South-South Cooperation", "acronym": "TT-SSC"}],
    "people": [
        {"email": "lead@example.org", "name": "Lead Person", "organisation": "Task Team on South-South Cooperation"},
    ],
    "rooms": [{"name": "Main hall", "capacity": 80}],
    "tracks": [{"name": "Evidence"}],
    "documents": [{"title": "Good practices paper", "kind": "paper"}],
    "days": [
        {
            "date": "2030-03-02",
            "blocks": [
                {
                    "starts": "09:00",
                    "ends": "12:00",
                    "loose_items": [{"kind": "opening_remarks", "title": "Welcome", "starts": "09:00", "ends": "09:15"}],
                    "sessions": [
                        {
                            "number": "1",
                            "title": "Good practices",
                            "room": "Main hall",
                            "track": "Evidence",
                            "starts": "09:15",
                            "ends": "11:00",
                            "items": [{"kind": "keynote", "title": "Opening thoughts", "speaker": "lead@example.org"}],
                            "appointments": [{"role": "facilitator", "person": "lead@example.org"}],
                            "documents": ["Good practices paper"],
                        }
                    ],
                }
            ],
        }
    ],
}


def read(data):
    return read_programme(load_positioned(json.dumps(data, indent=2)), programme_vocabulary())


def refusal(data, marker):
    """Read `data` expecting a refusal; return its problems and the line of the last text line holding `marker`.

    A marker that starts with "{" stands for the line that opens the object whose first member follows.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False)
    opens_object = marker.startswith("{")
    lines = [number for number, line in enumerate(text.splitlines(), 1) if marker.lstrip("{") in line]
    expected_line = lines[-1] - 1 if opens_object else lines[-1]
    with pytest.raises(ProgrammeFileError) as refused:
        read_programme(load_positioned(text), programme_vocabulary())
    return refused.value.problems, expected_line


def changed(change):
    data = copy.deepcopy(PROGRAMME)
    change(data)
    return data


def first_session(data):
    return data["days"][0]["blocks"][0]["sessions"][0]


def test_a_valid_file_reads_into_specifications_with_defaults():
    spec = read(PROGRAMME)

    assert spec.forum["slug"] == "small-forum"
    assert spec.forum["status"] == "preliminary"
    assert spec.forum["is_public"] is True
    [session] = spec.days[0].blocks[0].sessions
    assert session.format == "engagement_workshop"
    assert session.items[0].duration_minutes is None
    assert session.appointments[0].person == "lead@example.org"
    assert spec.documents[0].language == "en"


@pytest.mark.parametrize(
    ("change", "marker", "reason"),
    [
        (lambda d: d["forum"].update(timezone="America/Bogata"), '"timezone"', "not a known IANA time zone"),
        (lambda d: d["forum"].update(start_date="2030-02-30"), '"start_date"', "not a date written YYYY-MM-DD"),
        (lambda d: d["forum"].update(status="draft"), '"status"', '"draft" is not a valid status'),
        (lambda d: d["forum"].update(slug="Small Forum"), '"slug"', "lower-case letters"),
        (lambda d: d["forum"].update(country_code="XX"), '"country_code"', "not an ISO 3166 country code"),
        (lambda d: d["rooms"][0].update(colour="blue"), '"colour"', 'Unknown field "colour"'),
        (lambda d: d["rooms"][0].update(capacity=-3), '"capacity"', "whole number"),
        (
            lambda d: d["people"].append({"email": "guest.example.org", "name": "Guest"}),
            "guest.example.org", "not an e-mail address",
        ),
        (lambda d: d["people"][0].update(organisation="OECD"), '"organisation": "OECD"', "not listed in \"organisations\""),
        (lambda d: d["days"][0].update(date="2030-03-09"), '"date": "2030-03-09"', "outside the forum's dates"),
        (lambda d: d["days"][0]["blocks"][0].update(starts="9:00"), '"starts": "9:00"', "HH:MM"),
        (lambda d: d["days"][0]["blocks"][0].update(ends="08:00"), '"ends": "08:00"', "time block ends before it starts"),
        (lambda d: first_session(d).update(room="Sala Medellín"), "Sala Medellín", 'room "Sala Medellín" is not listed'),
        (lambda d: first_session(d).update(track="Finance"), '"track": "Finance"', 'track "Finance" is not listed'),
        (lambda d: first_session(d).update(format="lecture"), '"lecture"', '"lecture" is not a valid format'),
        (lambda d: first_session(d).update(documents=["Unknown paper"]), '"Unknown paper"', 'document "Unknown paper"'),
        (lambda d: first_session(d)["items"][0].update(kind="speech"), '"speech"', '"speech" is not a valid kind'),
        (lambda d: first_session(d)["items"][0].update(duration_minutes="five"), '"five"', "whole number"),
        (
            lambda d: first_session(d)["appointments"][0].update(person="nobody@example.org"),
            "nobody@example.org", 'person "nobody@example.org" is not listed',
        ),
        (lambda d: d["rooms"].append({"name": "Main hall"}), '{"name": "Main hall"', "listed twice"),
        (
            lambda d: d["days"][0]["blocks"][0]["loose_items"][0].update(ends="12:30"),
            '{"kind": "opening_remarks"', "lies outside its time block",
        ),
        (
            lambda d: d["documents"].append({"title": "Papel", "translation_of": "Missing paper"}),
            '{"title": "Papel"', "not another listed document",
        ),
    ],
)
def test_a_faulty_field_is_refused_with_its_line_and_reason(change, marker, reason):
    problems, line = refusal(changed(change), marker)

    assert [(problem.line, reason in problem.message) for problem in problems] == [(line, True)]


def test_a_missing_required_field_is_reported_on_the_line_of_its_object():
    problems, line = refusal(changed(lambda d: first_session(d).pop("title")), '{"number": "1"')

    assert [(problem.line, problem.message) for problem in problems] == [(line, 'The field "title" is required.')]


def test_every_problem_of_a_file_is_reported_at_once():
    def break_twice(data):
        data["forum"]["timezone"] = "Mars/Olympus"
        first_session(data)["room"] = "Nowhere"

    problems, _line = refusal(changed(break_twice), '"timezone"')

    assert len(problems) == 2
    assert problems[0].line < problems[1].line


def test_a_file_of_another_format_is_refused():
    problems, line = refusal({"workshop_forum_format": 2, "forum": {}}, "workshop_forum_format")

    assert problems[0].line == line
    assert "not a Workshop programme file" in problems[0].message


def test_the_example_of_the_format_documentation_is_a_valid_programme_file():
    documentation = (Path(__file__).parents[2] / "docs" / "forum-format.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", documentation, re.DOTALL).group(1)

    spec = read_programme(load_positioned(example), programme_vocabulary())

    assert spec.forum["slug"] == "bogota-2011"
    assert spec.documents[1].translation_of == "Busan Outcome Document"
    assert spec.days[1].to_be_announced


COALITION = {"name": "Building block", "kind": "coalition", "quota": 12,
             "organisations": ["Task Team on South-South Cooperation"], "people": ["lead@example.org"]}


def with_groups(*groups, restricted_to=None):
    def change(data):
        data["participant_groups"] = [copy.deepcopy(group) for group in groups]
        first_session(data)["restricted_to"] = restricted_to
    return changed(change)


def test_groups_members_and_restricted_sessions_are_read():
    spec = read(with_groups({"stakeholder": "civil_society", "quota": 20}, COALITION, restricted_to="Building block"))

    civil_society, coalition = spec.participant_groups
    assert (civil_society.stakeholder, civil_society.name, civil_society.kind, civil_society.quota) == (
        "civil_society", None, "stakeholder", 20)
    assert (coalition.name, coalition.kind, coalition.quota) == ("Building block", "coalition", 12)
    assert coalition.organisations == ("Task Team on South-South Cooperation",)
    assert coalition.people == ("lead@example.org",)
    assert spec.days[0].blocks[0].sessions[0].restricted_to == "Building block"


def test_a_session_may_be_restricted_to_a_stakeholder_group_by_its_value():
    spec = read(with_groups({"stakeholder": "technical_secretariat"}, restricted_to="technical_secretariat"))
    assert spec.days[0].blocks[0].sessions[0].restricted_to == "technical_secretariat"


@pytest.mark.parametrize(("groups", "restricted_to", "marker", "reason"), [
    ([{"name": "Both", "stakeholder": "civil_society"}], None, '{"name": "Both"', 'either a "stakeholder" value or a "name"'),
    ([{"kind": "coalition"}], None, '{"kind": "coalition"', 'either a "stakeholder" value or a "name"'),
    ([{"stakeholder": "civil_society", "people": ["lead@example.org"]}], None, '{"stakeholder": "civil_society"',
     "people join it by choosing it when they register"),
    ([{"stakeholder": "civil_society", "kind": "coalition"}], None, '{"stakeholder": "civil_society"',
     'has the kind "stakeholder"'),
    ([{"name": "civil_society", "kind": "coalition"}], None, '{"name": "civil_society"', "is not a stakeholder group"),
    ([{"name": "Mine", "kind": "stakeholder"}], None, '{"name": "Mine"', "is not a stakeholder group"),
    ([{"stakeholder": "farmers"}], None, '"farmers"', '"farmers" is not a valid stakeholder'),
    ([{"name": "Club", "kind": "club"}], None, '"club"', '"club" is not a valid kind'),
    ([{**COALITION, "organisations": ["OECD"]}], None, '"OECD"', '"OECD" is not listed in "organisations"'),
    ([{**COALITION, "people": ["nobody@example.org"]}], None, "nobody@example.org", 'person "nobody@example.org"'),
    ([{**COALITION, "quota": -1}], None, '"quota": -1', "whole number"),
    ([COALITION, {"name": "Building block", "kind": "working_group"}], None, '{"name": "Building block"',
     "listed twice"),
    ([COALITION], "The club", '"restricted_to": "The club"', 'restricted_to "The club" is not listed in "participant_groups"'),
])
def test_a_faulty_group_or_restriction_is_refused_with_its_line_and_reason(groups, restricted_to, marker, reason):
    problems, line = refusal(with_groups(*groups, restricted_to=restricted_to), marker)

    assert [(problem.line, reason in problem.message) for problem in problems] == [(line, True)]
