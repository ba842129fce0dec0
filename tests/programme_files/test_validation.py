"""Reading a programme file without the database: every problem is reported with the line it is on."""

import copy
import json
import re
from datetime import date, time
from pathlib import Path

import pytest

from workshop.programme_files.importing import programme_vocabulary
from workshop.programme_files.positions import load_positioned
from workshop.programme_files.problems import ProgrammeFileError
from workshop.programme_files.specs import (
    AppointmentSpec,
    BlockSpec,
    DaySpec,
    DocumentSpec,
    ItemSpec,
    LooseItemSpec,
    OrganisationSpec,
    PersonSpec,
    RoomSpec,
    SessionSpec,
    TrackSpec,
)
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
                    "loose_items": [
                        {"kind": "opening_remarks", "title": "Welcome", "starts": "09:00", "ends": "09:15"}
                    ],
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
            "guest.example.org",
            "not an e-mail address",
        ),
        (
            lambda d: d["people"][0].update(organisation="OECD"),
            '"organisation": "OECD"',
            'not listed in "organisations"',
        ),
        (lambda d: d["days"][0].update(date="2030-03-09"), '"date": "2030-03-09"', "outside the forum's dates"),
        (lambda d: d["days"][0]["blocks"][0].update(starts="9:00"), '"starts": "9:00"', "HH:MM"),
        (
            lambda d: d["days"][0]["blocks"][0].update(ends="08:00"),
            '"ends": "08:00"',
            "time block ends before it starts",
        ),
        (
            lambda d: first_session(d).update(room="Sala Medellín"),
            "Sala Medellín",
            'room "Sala Medellín" is not listed',
        ),
        (lambda d: first_session(d).update(track="Finance"), '"track": "Finance"', 'track "Finance" is not listed'),
        (lambda d: first_session(d).update(format="lecture"), '"lecture"', '"lecture" is not a valid format'),
        (lambda d: first_session(d).update(documents=["Unknown paper"]), '"Unknown paper"', 'document "Unknown paper"'),
        (lambda d: first_session(d)["items"][0].update(kind="speech"), '"speech"', '"speech" is not a valid kind'),
        (lambda d: first_session(d)["items"][0].update(duration_minutes="five"), '"five"', "whole number"),
        (
            lambda d: first_session(d)["appointments"][0].update(person="nobody@example.org"),
            "nobody@example.org",
            'person "nobody@example.org" is not listed',
        ),
        (lambda d: d["rooms"].append({"name": "Main hall"}), '{"name": "Main hall"', "listed twice"),
        (
            lambda d: d["days"][0]["blocks"][0]["loose_items"][0].update(ends="12:30"),
            '{"kind": "opening_remarks"',
            "lies outside its time block",
        ),
        (
            lambda d: d["documents"].append({"title": "Papel", "translation_of": "Missing paper"}),
            '{"title": "Papel"',
            "not another listed document",
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


# --- Every field of a complete file, read exactly -------------------------------------------

COMPLETE = {
    "workshop_forum_format": 1,
    "forum": {
        "slug": "bogota-2011",
        "title": "Learning from South-South Cooperation",
        "subtitle": "Regional workshop",
        "city": "Bogotá",
        "country_code": "co",
        "venue": "Hotel Tequendama",
        "start_date": "2030-03-02",
        "end_date": "2030-03-04",
        "timezone": "America/Bogota",
        "convened_by": "Government of Colombia",
        "facilitated_by": "Task Team",
        "objective": "Gather evidence",
        "background": "Busan is near",
        "participants_text": "Practitioners",
        "methodology": "Engagement workshops",
        "agenda_note": "Times may move",
        "status": "final",
        "is_public": False,
    },
    "organisations": [
        {
            "name": "Task Team on South-South Cooperation",
            "acronym": "TT-SSC",
            "type": "un_agency",
            "country_code": "co",
        },
        {"name": "Universidad Nacional"},
    ],
    "people": [
        {
            "email": "Lead@Example.org",
            "name": "Lead Person",
            "job_title": "Director",
            "organisation": "Task Team on South-South Cooperation",
            "country_code": "ar",
            "roles": ["secretariat", "participant", "secretariat"],
        },
        {"email": "guest@example.org", "name": "Guest"},
    ],
    "rooms": [{"name": "Main hall", "capacity": 80}, {"name": "Annex", "capacity": 0}, {"name": "Library"}],
    "tracks": [{"name": "Evidence"}],
    "documents": [
        {
            "title": "Good practices paper",
            "kind": "position_paper",
            "organisation": "Universidad Nacional",
            "language": "es",
        },
        {"title": "Buenas prácticas", "translation_of": "Good practices paper", "language": ""},
    ],
    "days": [
        {
            "date": "2030-03-02",
            "title": "Opening day",
            "to_be_announced": False,
            "note": "Registration at 8:00",
            "blocks": [
                {
                    "label": "Morning",
                    "starts": "09:00",
                    "ends": "12:00",
                    "loose_items": [
                        {
                            "kind": "opening_remarks",
                            "title": "Welcome",
                            "starts": "09:00",
                            "ends": "09:15",
                            "speaker": "lead@example.org",
                            "room": "Main hall",
                        }
                    ],
                    "sessions": [
                        {
                            "number": "1",
                            "title": "Good practices",
                            "outputs": "Recommendations",
                            "format": "panel",
                            "room": "Main hall",
                            "track": "Evidence",
                            "capacity": 60,
                            "starts": "09:15",
                            "ends": "12:00",
                            "items": [
                                {
                                    "kind": "keynote",
                                    "title": "Opening thoughts",
                                    "speaker": "LEAD@example.org",
                                    "duration_minutes": 5,
                                },
                                {"kind": "debate"},
                            ],
                            "appointments": [
                                {"role": "facilitator", "person": "lead@example.org"},
                                {"role": "rapporteur", "person": "lead@example.org"},
                            ],
                            "documents": ["Good practices paper", "Buenas prácticas"],
                        }
                    ],
                }
            ],
            "sessions": [{"title": "Unscheduled talk", "starts": "18:00", "ends": "19:00"}],
        },
        {"date": "2030-03-04", "to_be_announced": True},
    ],
}


def test_a_complete_file_reads_into_exactly_its_specifications():
    spec = read_programme(copy.deepcopy(COMPLETE), programme_vocabulary())

    assert spec.forum == {
        "slug": "bogota-2011",
        "title": "Learning from South-South Cooperation",
        "subtitle": "Regional workshop",
        "city": "Bogotá",
        "country_code": "CO",
        "venue": "Hotel Tequendama",
        "start_date": date(2030, 3, 2),
        "end_date": date(2030, 3, 4),
        "timezone": "America/Bogota",
        "convened_by": "Government of Colombia",
        "facilitated_by": "Task Team",
        "objective": "Gather evidence",
        "background": "Busan is near",
        "participants_text": "Practitioners",
        "methodology": "Engagement workshops",
        "agenda_note": "Times may move",
        "status": "final",
        "is_public": False,
    }
    assert (spec.forum_line, spec.slug_line) == (None, None)
    assert spec.organisations == (
        OrganisationSpec(None, "Task Team on South-South Cooperation", "TT-SSC", "un_agency", "CO"),
        OrganisationSpec(None, "Universidad Nacional", "", "other", ""),
    )
    assert spec.people == (
        PersonSpec(
            None,
            "lead@example.org",
            "Lead Person",
            "Director",
            "Task Team on South-South Cooperation",
            "AR",
            ("secretariat", "participant"),
        ),
        PersonSpec(None, "guest@example.org", "Guest", "", None, "", ()),
    )
    assert spec.rooms == (RoomSpec(None, "Main hall", 80), RoomSpec(None, "Annex", 0), RoomSpec(None, "Library", 0))
    assert spec.tracks == (TrackSpec(None, "Evidence"),)
    assert spec.documents == (
        DocumentSpec(None, "Good practices paper", "position_paper", "Universidad Nacional", "es", None),
        DocumentSpec(None, "Buenas prácticas", "paper", None, "en", "Good practices paper"),
    )
    session = SessionSpec(
        None,
        "1",
        "Good practices",
        "Recommendations",
        "panel",
        "Main hall",
        "Evidence",
        60,
        time(9, 15),
        time(12),
        (
            ItemSpec(None, "keynote", "Opening thoughts", "lead@example.org", 5),
            ItemSpec(None, "debate", "", None, None),
        ),
        (
            AppointmentSpec(None, "facilitator", "lead@example.org"),
            AppointmentSpec(None, "rapporteur", "lead@example.org"),
        ),
        ("Good practices paper", "Buenas prácticas"),
    )
    welcome = LooseItemSpec(None, "opening_remarks", "Welcome", time(9), time(9, 15), "lead@example.org", "Main hall")
    unscheduled = SessionSpec(
        None, "", "Unscheduled talk", "", "engagement_workshop", None, None, None, time(18), time(19), (), (), ()
    )
    assert spec.days == (
        DaySpec(
            None,
            date(2030, 3, 2),
            "Opening day",
            False,
            "Registration at 8:00",
            (BlockSpec(None, "Morning", time(9), time(12), (welcome,), (session,)),),
            (unscheduled,),
        ),
        DaySpec(None, date(2030, 3, 4), "", True, "", (), ()),
    )


def spec_lines(spec):
    """Return the line of every specification in a programme, in file order, with what it is."""
    lines = [("forum", spec.forum_line), ("slug", spec.slug_line)]
    for section in ("organisations", "people", "rooms", "tracks", "documents"):
        lines += [(section, item.line) for item in getattr(spec, section)]
    for day in spec.days:
        lines.append(("day", day.line))
        for block in day.blocks:
            lines.append(("block", block.line))
            lines += [("loose item", item.line) for item in block.loose_items]
            for session in block.sessions:
                lines += session_lines(session)
        for session in day.sessions:
            lines += session_lines(session)
    return lines


def session_lines(session):
    return (
        [("session", session.line)]
        + [("item", item.line) for item in session.items]
        + [("appointment", appointment.line) for appointment in session.appointments]
    )


def object_lines(data):
    """Return the line each object of a positioned file starts on, in the order spec_lines lists them."""
    lines = [("forum", data["forum"].line), ("slug", data["forum"].line_of("slug"))]
    for section in ("organisations", "people", "rooms", "tracks", "documents"):
        lines += [(section, item.line) for item in data[section]]
    for day in data["days"]:
        lines.append(("day", day.line))
        for block in day.get("blocks", []):
            lines.append(("block", block.line))
            lines += [("loose item", item.line) for item in block["loose_items"]]
            for session in block["sessions"]:
                lines += raw_session_lines(session)
        for session in day.get("sessions", []):
            lines += raw_session_lines(session)
    return lines


def raw_session_lines(session):
    return (
        [("session", session.line)]
        + [("item", item.line) for item in session.get("items", [])]
        + [("appointment", appointment.line) for appointment in session.get("appointments", [])]
    )


def test_every_specification_keeps_the_line_its_object_starts_on():
    data = load_positioned(json.dumps(COMPLETE, indent=2, ensure_ascii=False))
    spec = read_programme(data, programme_vocabulary())

    assert spec_lines(spec) == object_lines(data)
    assert len({line for _, line in spec_lines(spec)}) == len(spec_lines(spec)), "each object has a line of its own"


# --- Refusals, each with its exact message and line ----------------------------------------


def problems_of(data):
    """Return (line, message) of every problem of a file, or [] when it reads."""
    try:
        read(data)
    except ProgrammeFileError as refused:
        return [(problem.line, problem.message) for problem in refused.problems]
    return []


def line_holding(data, marker):
    """Return the last line of the file's text that holds `marker`; "{" before it means the line opening its object."""
    lines = json.dumps(data, indent=2).splitlines()
    opens_object = marker.startswith("{") and marker != "{}"
    needle = marker.lstrip("{") if opens_object else marker
    found = max(number for number, line in enumerate(lines, 1) if needle in line)
    return found - 1 if opens_object else found


def loose_items(data):
    return data["days"][0]["blocks"][0]["loose_items"]


def person(email, **fields):
    return {"email": email, "name": "Someone", **fields}


# (where the text goes, the field named in the refusal, its limit)
LENGTH_LIMITS = [
    (lambda d, text: d["forum"].update(slug=text), "slug", 80),
    (lambda d, text: d["forum"].update(title=text), "title", 300),
    (lambda d, text: d["forum"].update(subtitle=text), "subtitle", 300),
    (lambda d, text: d["forum"].update(city=text), "city", 120),
    (lambda d, text: d["forum"].update(venue=text), "venue", 300),
    (lambda d, text: d["forum"].update(timezone=text), "timezone", 64),
    (lambda d, text: d["forum"].update(convened_by=text), "convened_by", 300),
    (lambda d, text: d["forum"].update(facilitated_by=text), "facilitated_by", 300),
    (lambda d, text: d["forum"].update(country_code=text), "country_code", 2),
    (lambda d, text: d["organisations"].append({"name": text}), "name", 300),
    (lambda d, text: d["organisations"][0].update(acronym=text), "acronym", 40),
    (lambda d, text: d["organisations"][0].update(country_code=text), "country_code", 2),
    (lambda d, text: d["people"].append(person(text[: -len("@example.org")] + "@example.org")), "email", 254),
    (lambda d, text: d["people"].append({"email": "guest@example.org", "name": text}), "name", 200),
    (lambda d, text: d["people"][0].update(job_title=text), "job_title", 200),
    (lambda d, text: d["people"][0].update(organisation=text), "organisation", 300),
    (lambda d, text: d["people"][0].update(country_code=text), "country_code", 2),
    (lambda d, text: d["rooms"].append({"name": text}), "name", 200),
    (lambda d, text: d["tracks"].append({"name": text}), "name", 200),
    (lambda d, text: d["documents"].append({"title": text}), "title", 500),
    (lambda d, text: d["documents"][0].update(organisation=text), "organisation", 300),
    (lambda d, text: d["documents"][0].update(language=text), "language", 5),
    (lambda d, text: d["documents"].append({"title": "Papel", "translation_of": text}), "translation_of", 500),
    (lambda d, text: d["days"][0].update(title=text), "title", 200),
    (lambda d, text: d["days"][0]["blocks"][0].update(label=text), "label", 200),
    (lambda d, text: first_session(d).update(title=text), "title", 500),
    (lambda d, text: first_session(d).update(number=text), "number", 20),
    (lambda d, text: first_session(d).update(room=text), "room", 300),
    (lambda d, text: first_session(d).update(track=text), "track", 300),
    (lambda d, text: first_session(d)["items"][0].update(speaker=text), "speaker", 254),
    (lambda d, text: first_session(d)["appointments"][0].update(person=text), "person", 254),
    (lambda d, text: loose_items(d)[0].update(speaker=text), "speaker", 254),
    (lambda d, text: loose_items(d)[0].update(room=text), "room", 300),
]


LENGTH_LIMIT_IDS = [f"{index}-{field}-{limit}" for index, (_, field, limit) in enumerate(LENGTH_LIMITS)]


@pytest.mark.parametrize(("place", "field", "limit"), LENGTH_LIMITS, ids=LENGTH_LIMIT_IDS)
def test_text_one_character_over_its_limit_is_refused_on_its_line(place, field, limit):
    data = changed(lambda d: place(d, "x" * (limit + 1)))

    filler_line = line_holding(data, "x" * min(limit + 1, 10))
    assert problems_of(data) == [(filler_line, f'The field "{field}" is longer than {limit} characters.')]


@pytest.mark.parametrize(("place", "field", "limit"), LENGTH_LIMITS, ids=LENGTH_LIMIT_IDS)
def test_text_exactly_at_its_limit_is_not_too_long(place, field, limit):
    # It may be wrong in another way (an unknown time zone, an unlisted room), but not in length.
    problems = problems_of(changed(lambda d: place(d, "x" * limit)))

    assert not [message for _, message in problems if "longer than" in message]


@pytest.mark.parametrize(
    ("place", "field", "limit"),
    [
        (lambda d, text: d["people"][0].update(roles=[text]), "roles", 20),
        (lambda d, text: first_session(d).update(documents=[text]), "documents", 500),
    ],
)
def test_an_entry_of_a_list_over_its_limit_is_refused_and_one_at_it_is_read(place, field, limit):
    over = changed(lambda d: place(d, "x" * (limit + 1)))
    assert problems_of(over) == [
        (line_holding(over, "x" * (limit + 1)), f'Each entry of "{field}" must be a non-empty text.')
    ]

    at_limit = [message for _, message in problems_of(changed(lambda d: place(d, "x" * limit)))]
    assert len(at_limit) == 1 and "must be a non-empty text" not in at_limit[0]


@pytest.mark.parametrize(
    ("change", "first_member", "field"),
    [
        (lambda d: d["forum"].pop("slug"), '"title": "A small forum"', "slug"),
        (lambda d: d["forum"].pop("title"), '"slug": "small-forum"', "title"),
        (lambda d: d["forum"].pop("timezone"), '"slug": "small-forum"', "timezone"),
        (lambda d: d["forum"].pop("start_date"), '"slug": "small-forum"', "start_date"),
        (lambda d: d["forum"].pop("end_date"), '"slug": "small-forum"', "end_date"),
        (lambda d: d["organisations"].append({"acronym": "UN"}), '"acronym": "UN"', "name"),
        (lambda d: d["people"].append({"name": "Guest"}), '"name": "Guest"', "email"),
        (lambda d: d["people"].append({"email": "guest@example.org"}), '"email": "guest@example.org"', "name"),
        (lambda d: d["rooms"].append({"capacity": 12}), '"capacity": 12', "name"),
        (lambda d: d["tracks"].append({}), "{}", "name"),
        (lambda d: d["documents"].append({"kind": "proposal"}), '"kind": "proposal"', "title"),
        (lambda d: d["days"].append({"title": "Spare day"}), '"title": "Spare day"', "date"),
        (lambda d: d["days"][0]["blocks"].append({"label": "Late", "ends": "20:00"}), '"label": "Late"', "starts"),
        (lambda d: d["days"][0]["blocks"].append({"label": "Late", "starts": "20:00"}), '"label": "Late"', "ends"),
        (
            lambda d: loose_items(d).append({"title": "Break", "starts": "10:00", "ends": "10:15"}),
            '"title": "Break"',
            "kind",
        ),
        (
            lambda d: loose_items(d).append({"kind": "break", "starts": "10:00", "ends": "10:15"}),
            '"kind": "break"',
            "title",
        ),
        (
            lambda d: loose_items(d).append({"kind": "break", "title": "Break", "ends": "10:15"}),
            '"kind": "break"',
            "starts",
        ),
        (
            lambda d: loose_items(d).append({"kind": "break", "title": "Break", "starts": "10:00"}),
            '"kind": "break"',
            "ends",
        ),
        (lambda d: first_session(d).pop("starts"), '"number": "1"', "starts"),
        (lambda d: first_session(d).pop("ends"), '"number": "1"', "ends"),
        (lambda d: first_session(d)["items"].append({"title": "Questions"}), '"title": "Questions"', "kind"),
        (
            lambda d: first_session(d)["appointments"].append({"person": "lead@example.org"}),
            '"person": "lead@example.org"',
            "role",
        ),
        (lambda d: first_session(d)["appointments"].append({"role": "rapporteur"}), '"role": "rapporteur"', "person"),
    ],
)
def test_a_missing_required_field_is_refused_on_the_line_of_its_object(change, first_member, field):
    data = changed(change)
    opening = first_member if first_member == "{}" else "{" + first_member

    assert problems_of(data) == [(line_holding(data, opening), f'The field "{field}" is required.')]


def test_a_file_without_a_forum_is_refused_at_its_start():
    assert problems_of({"workshop_forum_format": 1}) == [(1, 'The field "forum" is required.')]


@pytest.mark.parametrize(
    ("change", "marker", "field"),
    [
        (lambda d: d["forum"].update(slug="  "), '"slug": "  "', "slug"),
        (lambda d: d["forum"].update(title=" "), '"title": " "', "title"),
        (lambda d: d["forum"].update(timezone=""), '"timezone": ""', "timezone"),
        (lambda d: d["rooms"].append({"name": " "}), '"name": " "', "name"),
        (lambda d: d["people"].append(person(" ")), '"email": " "', "email"),
    ],
)
def test_a_required_field_of_blanks_is_refused_as_empty(change, marker, field):
    data = changed(change)

    assert problems_of(data) == [(line_holding(data, marker), f'The field "{field}" must not be empty.')]


@pytest.mark.parametrize(
    ("change", "marker", "message"),
    [
        (lambda d: d["forum"].update(title=5), '"title": 5', 'The field "title" must be text.'),
        (lambda d: d["forum"].update(subtitle=["Regional"]), '"subtitle"', 'The field "subtitle" must be text.'),
        (lambda d: d["forum"].update(is_public="yes"), '"is_public"', 'The field "is_public" must be true or false.'),
        (
            lambda d: d["days"][0].update(to_be_announced=1),
            '"to_be_announced"',
            'The field "to_be_announced" must be true or false.',
        ),
        (
            lambda d: d["rooms"][0].update(capacity=True),
            '"capacity"',
            'The field "capacity" must be a whole number, 0 or more.',
        ),
        (
            lambda d: d["rooms"][0].update(capacity=2.5),
            '"capacity"',
            'The field "capacity" must be a whole number, 0 or more.',
        ),
        (
            lambda d: d["rooms"][0].update(capacity=-1),
            '"capacity"',
            'The field "capacity" must be a whole number, 0 or more.',
        ),
        (
            lambda d: first_session(d)["items"][0].update(duration_minutes=-5),
            '"duration_minutes"',
            'The field "duration_minutes" must be a whole number, 0 or more.',
        ),
        (
            lambda d: (d.update(rooms={"name": "Main hall"}), first_session(d).pop("room")),
            '"rooms"',
            'The field "rooms" must be a list ([ … ]).',
        ),
        (lambda d: d["people"][0].update(roles="secretariat"), '"roles"', 'The field "roles" must be a list ([ … ]).'),
        (lambda d: d["people"][0].update(roles=[" "]), '" "', 'Each entry of "roles" must be a non-empty text.'),
        (
            lambda d: d["people"][0].update(roles=["chair"]),
            '"chair"',
            '"chair" is not a valid role; use one of: facilitator, participant, rapporteur, secretariat.',
        ),
        (
            lambda d: d["organisations"][0].update(type="ngo"),
            '"ngo"',
            '"ngo" is not a valid type; use one of: academia, civil_society, development_bank, government, '
            "government_agency, other, private_sector, regional_body, regional_organisation, un_agency.",
        ),
        (
            lambda d: d["documents"][0].update(kind="memo"),
            '"memo"',
            '"memo" is not a valid kind; use one of: concept_note, outcome_document, paper, position_paper, presentation, '
            "proposal, working_paper.",
        ),
        (
            lambda d: d["rooms"][0].update(colour="blue"),
            '"colour"',
            'Unknown field "colour"; the fields allowed here are: name, capacity.',
        ),
        (
            lambda d: d["forum"].update(start_date="2030-3-02"),
            '"start_date"',
            '"2030-3-02" in "start_date" is not a date written YYYY-MM-DD.',
        ),
        (
            lambda d: d["days"][0]["blocks"][0].update(starts="9:00"),
            '"starts": "9:00"',
            '"9:00" in "starts" is not a time written HH:MM (24-hour clock).',
        ),
        (
            lambda d: d["days"][0]["blocks"][0].update(ends="25:00"),
            '"ends": "25:00"',
            '"25:00" in "ends" is not a time written HH:MM (24-hour clock).',
        ),
        (
            lambda d: d["days"][0]["blocks"][0].update(ends="09:00"),
            '"ends": "09:00"',
            "The time block ends before it starts.",
        ),
        (
            lambda d: d["days"][0].update(date="2030-03-04"),
            '"date": "2030-03-04"',
            "The day 2030-03-04 falls outside the forum's dates (2030-03-02 to 2030-03-03).",
        ),
        (
            lambda d: d["days"][0].update(date="2030-03-01"),
            '"date": "2030-03-01"',
            "The day 2030-03-01 falls outside the forum's dates (2030-03-02 to 2030-03-03).",
        ),
        (
            lambda d: d["forum"].update(slug="-small"),
            '"slug"',
            'The slug "-small" may hold only lower-case letters, digits and hyphens.',
        ),
        (
            lambda d: d["forum"].update(timezone="Mars/Olympus"),
            '"timezone"',
            '"Mars/Olympus" is not a known IANA time zone (e.g. America/Bogota).',
        ),
        (lambda d: d["forum"].update(country_code="xx"), '"country_code"', '"xx" is not an ISO 3166 country code.'),
        (
            lambda d: d["people"][0].update(organisation="OECD"),
            '"OECD"',
            'The organisation "OECD" is not listed in "organisations".',
        ),
        (
            lambda d: d["documents"][0].update(organisation="OECD"),
            '"OECD"',
            'The organisation "OECD" is not listed in "organisations".',
        ),
        (lambda d: first_session(d).update(room="Annex"), '"Annex"', 'The room "Annex" is not listed in "rooms".'),
        (
            lambda d: first_session(d)["items"][0].update(speaker="nobody@example.org"),
            "nobody@example.org",
            'The person "nobody@example.org" is not listed in "people".',
        ),
        (
            lambda d: loose_items(d)[0].update(ends="08:59"),
            '"ends": "08:59"',
            'The item "Welcome" ends before it starts.',
        ),
        (
            lambda d: loose_items(d)[0].update(starts="08:30"),
            '{"kind": "opening_remarks"',
            'The item "Welcome" (08:30–09:15) lies outside its time block (09:00–12:00).',
        ),
        (
            lambda d: first_session(d).update(documents=["Good practices paper", "Good practices paper"]),
            '"Good practices paper"',
            'The document "Good practices paper" is tabled twice in this session.',
        ),
        (
            lambda d: first_session(d)["appointments"].append({"role": "facilitator", "person": "LEAD@example.org"}),
            '{"role": "facilitator"',
            "lead@example.org is appointed twice as facilitator.",
        ),
        (
            lambda d: d["people"].append(person("LEAD@example.org")),
            '{"email": "LEAD@example.org"',
            '"lead@example.org" is listed twice in "people".',
        ),
        (
            lambda d: d["documents"].extend(
                [
                    {"title": "Papel", "translation_of": "Good practices paper"},
                    {"title": "Papier", "translation_of": "Papel"},
                ]
            ),
            '{"title": "Papier"',
            '"Papier" translates "Papel", which is itself a translation; name the original.',
        ),
        (
            lambda d: d["documents"].append({"title": "Papel", "translation_of": "Papel"}),
            '{"title": "Papel"',
            '"Papel" is given as a translation of "Papel", which is not another listed document.',
        ),
    ],
)
def test_a_faulty_field_is_refused_with_exactly_this_message(change, marker, message):
    data = changed(change)

    assert problems_of(data) == [(line_holding(data, marker), message)]


def test_an_element_that_is_not_an_object_is_refused_as_such():
    data = changed(lambda d: d["tracks"].append("Finance"))

    assert problems_of(data) == [
        (line_holding(data, '"Finance"'), "Expected an object ({ … }) here."),
        (line_holding(data, '"Finance"'), 'The field "name" is required.'),
    ]


def test_a_forum_ending_before_it_starts_is_refused_and_so_are_its_days():
    data = changed(lambda d: d["forum"].update(end_date="2030-03-01"))

    assert problems_of(data) == [
        (line_holding(data, '"end_date"'), "The forum's end date comes before its start date."),
        (
            line_holding(data, '"date": "2030-03-02"'),
            "The day 2030-03-02 falls outside the forum's dates (2030-03-02 to 2030-03-01).",
        ),
    ]


def test_a_one_day_forum_is_read():
    spec = read(changed(lambda d: d["forum"].update(end_date="2030-03-02")))

    assert spec.forum["end_date"] == spec.forum["start_date"] == date(2030, 3, 2)


def test_an_unreadable_address_is_refused_once_however_often_it_is_named():
    def name_a_broken_address(data):
        data["people"].append({"email": "guest.example.org", "name": "Guest"})
        first_session(data)["appointments"].append({"role": "rapporteur", "person": "GUEST.example.org"})

    [(line, message)] = problems_of(changed(name_a_broken_address))
    assert message.startswith('"guest.example.org" is not an e-mail address: ')
    assert line == line_holding(changed(name_a_broken_address), '"email": "guest.example.org"')


def test_an_address_on_a_reserved_test_domain_is_read():
    spec = read(changed(lambda d: d["people"].append(person("guest@forum.test"))))

    assert spec.people[-1].email == "guest@forum.test"


COALITION = {
    "name": "Building block",
    "kind": "coalition",
    "quota": 12,
    "organisations": ["Task Team on South-South Cooperation"],
    "people": ["lead@example.org"],
}


def with_groups(*groups, restricted_to=None):
    def change(data):
        data["participant_groups"] = [copy.deepcopy(group) for group in groups]
        first_session(data)["restricted_to"] = restricted_to

    return changed(change)


def test_groups_members_and_restricted_sessions_are_read():
    spec = read(with_groups({"stakeholder": "civil_society", "quota": 20}, COALITION, restricted_to="Building block"))

    civil_society, coalition = spec.participant_groups
    assert (civil_society.stakeholder, civil_society.name, civil_society.kind, civil_society.quota) == (
        "civil_society",
        None,
        "stakeholder",
        20,
    )
    assert (coalition.name, coalition.kind, coalition.quota) == ("Building block", "coalition", 12)
    assert coalition.organisations == ("Task Team on South-South Cooperation",)
    assert coalition.people == ("lead@example.org",)
    assert spec.days[0].blocks[0].sessions[0].restricted_to == "Building block"


def test_a_session_may_be_restricted_to_a_stakeholder_group_by_its_value():
    spec = read(with_groups({"stakeholder": "technical_secretariat"}, restricted_to="technical_secretariat"))
    assert spec.days[0].blocks[0].sessions[0].restricted_to == "technical_secretariat"


@pytest.mark.parametrize(
    ("groups", "restricted_to", "marker", "reason"),
    [
        (
            [{"name": "Both", "stakeholder": "civil_society"}],
            None,
            '{"name": "Both"',
            'either a "stakeholder" value or a "name"',
        ),
        ([{"kind": "coalition"}], None, '{"kind": "coalition"', 'either a "stakeholder" value or a "name"'),
        (
            [{"stakeholder": "civil_society", "people": ["lead@example.org"]}],
            None,
            '{"stakeholder": "civil_society"',
            "people join it by choosing it when they register",
        ),
        (
            [{"stakeholder": "civil_society", "kind": "coalition"}],
            None,
            '{"stakeholder": "civil_society"',
            'has the kind "stakeholder"',
        ),
        (
            [{"name": "civil_society", "kind": "coalition"}],
            None,
            '{"name": "civil_society"',
            "is not a stakeholder group",
        ),
        ([{"name": "Mine", "kind": "stakeholder"}], None, '{"name": "Mine"', "is not a stakeholder group"),
        ([{"stakeholder": "farmers"}], None, '"farmers"', '"farmers" is not a valid stakeholder'),
        ([{"name": "Club", "kind": "club"}], None, '"club"', '"club" is not a valid kind'),
        ([{**COALITION, "organisations": ["OECD"]}], None, '"OECD"', '"OECD" is not listed in "organisations"'),
        ([{**COALITION, "people": ["nobody@example.org"]}], None, "nobody@example.org", 'person "nobody@example.org"'),
        ([{**COALITION, "quota": -1}], None, '"quota": -1', "whole number"),
        (
            [COALITION, {"name": "Building block", "kind": "working_group"}],
            None,
            '{"name": "Building block"',
            "listed twice",
        ),
        (
            [COALITION],
            "The club",
            '"restricted_to": "The club"',
            'restricted_to "The club" is not listed in "participant_groups"',
        ),
    ],
)
def test_a_faulty_group_or_restriction_is_refused_with_its_line_and_reason(groups, restricted_to, marker, reason):
    problems, line = refusal(with_groups(*groups, restricted_to=restricted_to), marker)

    assert [(problem.line, reason in problem.message) for problem in problems] == [(line, True)]
