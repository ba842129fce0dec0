"""Export and import of programme files against the database: round trips, refusals that change nothing."""

import copy
import json

import pytest
from sqlalchemy import func, select

from workshop.demo.services import DEMO_FILE
from workshop.documents.models import Document
from workshop.extensions import db
from workshop.forums.models import Forum, GroupKind, StakeholderGroup
from workshop.forums.services import find_forum
from workshop.programme.models import ForumSession
from workshop.programme.services import programme_conflicts
from workshop.programme_files.exporting import export_forum, programme_file_text
from workshop.programme_files.importing import import_programme_file
from workshop.programme_files.problems import ProgrammeFileError
from workshop.publishing.models import AgendaRelease
from workshop.publishing.services import publish_release


@pytest.fixture
def demo_data():
    """Return the demo programme file as plain data, to be changed at will."""
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def text_of(data):
    return json.dumps(data, indent=2, ensure_ascii=False)


def import_text(text, **options):
    forum = import_programme_file(text, **options)
    db.session.commit()
    return forum


def row_counts():
    """Return the number of rows of every table, to show that a refused import left no trace."""
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table)) for table in db.metadata.sorted_tables
    }


def without_slug(data):
    data = copy.deepcopy(data)
    data["forum"].pop("slug")
    return data


def sessions_in(data):
    return [session for day in data["days"] for block in day["blocks"] for session in block["sessions"]]


def session_named(data, number):
    return next(
        session
        for day in data["days"]
        for block in day["blocks"]
        for session in block["sessions"]
        if session["number"] == number
    )


def test_the_demo_file_is_exactly_what_exporting_its_import_gives(app, demo_data):
    forum = import_text(DEMO_FILE.read_text(encoding="utf-8"))

    assert programme_file_text(forum) == DEMO_FILE.read_text(encoding="utf-8")


def test_export_then_import_under_a_new_slug_then_export_gives_the_same_document(app, demo_data):
    # Cover what the demo lacks: a session in no time block and a translated document.
    demo_data["days"][2]["sessions"].append(
        {
            "number": "6",
            "title": "Building block coordination",
            "starts": "10:00",
            "ends": "11:00",
            "room": "Sala Cartagena",
            "documents": ["Documento de resultados de Busan"],
        }
    )
    demo_data["documents"].append(
        {
            "title": "Documento de resultados de Busan",
            "kind": "outcome_document",
            "language": "es",
            "translation_of": "Busan Outcome Document",
        }
    )
    original = import_text(text_of(demo_data))
    first_export = export_forum(original)
    first_export["forum"]["slug"] = "bogota-2011-copy"

    copy_forum = import_text(text_of(first_export))
    second_export = export_forum(copy_forum)

    assert copy_forum.id != original.id
    assert second_export["forum"]["slug"] == "bogota-2011-copy"
    assert without_slug(second_export) == without_slug(first_export)
    assert session_named(first_export, "1")["documents"]  # the comparison covered real content
    assert first_export["days"][2]["sessions"][0]["documents"] == ["Documento de resultados de Busan"]


def session_line(text, number):
    """Return the line that opens the session numbered `number` in an exported file."""
    lines = text.splitlines()
    return next(index for index, line in enumerate(lines, 1) if line.strip() == f'"number": "{number}",') - 1


def line_holding(text, fragment, after=1):
    return next(index for index, line in enumerate(text.splitlines(), 1) if index >= after and fragment in line)


def overlap_sessions_3_and_4_in_one_room(data):
    session_named(data, "4").update(starts="10:30", ends="11:30", room="Sala Cartagena")


def make_session_1_leave_its_block(data):
    session_named(data, "1")["ends"] = "12:30"


def give_session_4_too_many_items(data):
    session_named(data, "4")["items"][1]["duration_minutes"] = 120


def double_book_the_facilitator_of_session_3(data):
    session_named(data, "4").update(starts="10:30", ends="11:30")
    session_named(data, "4")["appointments"].append(
        {"role": "presenter", "person": "dewi.santoso@bappenas.example.org"}
    )


@pytest.mark.parametrize(
    ("change", "where", "reason"),
    [
        (overlap_sessions_3_and_4_in_one_room, ("session", "4"), "Sala Cartagena is already taken by Session 3"),
        (make_session_1_leave_its_block, ("session", "1"), "does not fit inside its time block"),
        (give_session_4_too_many_items, ("session", "4"), "need 125 minutes but the session lasts 60"),
        (double_book_the_facilitator_of_session_3, ("session", "4"), "Dewi Santoso is also appointed to Session 3"),
        (lambda d: d["forum"].update(timezone="America/Bogata"), ("text", '"timezone"'), "not a known IANA time zone"),
        (lambda d: d["days"][1].update(date="2011-09-31"), ("text", '"date": "2011-09-31"'), "not a date"),
        (
            lambda d: session_named(d, "2").update(room="Sala Medellín"),
            ("text", "Sala Medellín"),
            'is not listed in "rooms"',
        ),
        (
            lambda d: session_named(d, "5").update(track="Finance"),
            ("text", '"track": "Finance"'),
            'is not listed in "tracks"',
        ),
        (lambda d: session_named(d, "3")["items"][0].update(kind="speech"), ("text", '"speech"'), "not a valid kind"),
        (lambda d: session_named(d, "5").pop("starts"), ("session", "5"), 'The field "starts" is required.'),
    ],
)
def test_a_faulty_file_is_refused_with_its_line_and_leaves_the_database_unchanged(
    app, demo_data, change, where, reason
):
    import_text(DEMO_FILE.read_text(encoding="utf-8"))
    demo_data["forum"]["slug"] = "bogota-2011-faulty"
    change(demo_data)
    text = text_of(demo_data)
    before = row_counts()

    with pytest.raises(ProgrammeFileError) as refused:
        import_programme_file(text)
    db.session.rollback()

    kind, value = where
    expected_line = session_line(text, value) if kind == "session" else line_holding(text, value)
    assert [(problem.line, reason in problem.message) for problem in refused.value.problems] == [(expected_line, True)]
    assert row_counts() == before
    assert find_forum("bogota-2011-faulty") is None


def test_a_syntax_error_is_refused_with_its_line(app, demo_data):
    text = text_of(demo_data)
    broken_line = line_holding(text, '"subtitle"')
    lines = text.splitlines()
    lines[broken_line - 1] = lines[broken_line - 1].rstrip(",")

    with pytest.raises(ProgrammeFileError) as refused:
        import_programme_file("\n".join(lines))

    [problem] = refused.value.problems
    assert problem.line == broken_line + 1
    assert "Expecting ',' delimiter" in problem.message
    assert db.session.scalar(select(func.count()).select_from(Forum)) == 0


def test_importing_an_existing_slug_is_refused_without_replace(app):
    text = DEMO_FILE.read_text(encoding="utf-8")
    import_text(text)
    before = row_counts()

    with pytest.raises(ProgrammeFileError) as refused:
        import_programme_file(text)
    db.session.rollback()

    [problem] = refused.value.problems
    assert problem.line == line_holding(text, '"slug"')
    assert "exists already" in problem.message
    assert row_counts() == before


def test_replace_rebuilds_the_programme_of_the_same_forum_and_keeps_its_releases(app, demo_data):
    forum = import_text(DEMO_FILE.read_text(encoding="utf-8"))
    publish_release(None, forum, "preliminary")
    db.session.commit()
    demo_data["forum"]["title"] = "Learning from South-South Cooperation"
    session_named(demo_data, "4")["title"] = "The way ahead towards 2015"

    replaced = import_text(text_of(demo_data), replace=True)

    assert replaced.id == forum.id
    assert replaced.title == "Learning from South-South Cooperation"
    assert export_forum(replaced) == demo_data
    assert db.session.scalar(select(func.count()).select_from(AgendaRelease)) == 1
    assert db.session.scalar(select(func.count()).select_from(ForumSession)) == len(sessions_in(demo_data))
    assert programme_conflicts(replaced) == []


def test_the_cli_exports_to_a_file_and_imports_it_back(app, runner, tmp_path, demo_data):
    import_text(DEMO_FILE.read_text(encoding="utf-8"))
    exported = tmp_path / "bogota.json"

    result = runner.invoke(args=["forum", "export", "bogota-2011", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["forum"]["slug"] = "bogota-copy"
    exported.write_text(text_of(data), encoding="utf-8")

    result = runner.invoke(args=["forum", "import", str(exported)])

    assert result.exit_code == 0, result.output
    assert "/f/bogota-copy/" in result.output
    assert find_forum("bogota-copy") is not None


def test_the_cli_prints_file_line_and_reason_and_fails(app, runner, tmp_path, demo_data):
    session_named(demo_data, "2")["room"] = "Sala Medellín"
    source = tmp_path / "faulty.json"
    source.write_text(text_of(demo_data), encoding="utf-8")
    line = line_holding(text_of(demo_data), "Sala Medellín")

    result = runner.invoke(args=["forum", "import", str(source)])

    assert result.exit_code == 1
    assert f'{source}:{line}: The room "Sala Medellín" is not listed in "rooms".' in result.output
    assert find_forum("bogota-2011") is None


def test_the_cli_refuses_to_export_an_unknown_forum(app, runner):
    result = runner.invoke(args=["forum", "export", "nowhere"])

    assert result.exit_code != 0
    assert 'no forum with the slug "nowhere"' in result.output


def test_replacing_keeps_the_documents_still_listed_and_deletes_those_left_out(app, demo_data):
    forum = import_text(DEMO_FILE.read_text(encoding="utf-8"))

    def documents():
        db.session.expire_all()
        return {
            document.title: document.id
            for document in db.session.scalars(select(Document).where(Document.forum_id == forum.id))
        }

    before = documents()
    demo_data["documents"] = [item for item in demo_data["documents"] if item["title"] != "Building block proposal"]
    for day in demo_data["days"]:
        for session in [*day["sessions"], *(session for block in day["blocks"] for session in block["sessions"])]:
            if "Building block proposal" in session["documents"]:
                session["documents"].remove("Building block proposal")

    import_text(text_of(demo_data), replace=True)

    after = documents()
    assert "Building block proposal" not in after
    assert after == {title: document_id for title, document_id in before.items() if title != "Building block proposal"}


def groups_of(forum):
    return {group.stakeholder.value if group.stakeholder else group.name: group for group in forum.participant_groups}


def test_a_coalition_with_its_member_organisations_and_its_closed_meeting_is_imported_whole(app):
    forum = import_text(DEMO_FILE.read_text(encoding="utf-8"))

    groups = groups_of(forum)
    assert list(groups)[:6] == [stakeholder.value for stakeholder in StakeholderGroup], "each stakeholder group once"
    coalition = groups["Building block on South-South Cooperation"]
    assert coalition.kind == GroupKind.COALITION
    assert sorted(member.organisation.acronym for member in coalition.members if member.organisation) == [
        "APC-Colombia",
        "BAPPENAS",
    ]
    assert [member.user.email for member in coalition.members if member.user] == ["marta.ruiz@segib.example.org"]
    [closed] = [session for session in forum.sessions if session.restricted_to_group is not None]
    assert closed.restricted_to_group == coalition and "closed working meeting" in closed.title


def test_replacing_rebuilds_the_groups_from_the_file(app, demo_data):
    forum = import_text(DEMO_FILE.read_text(encoding="utf-8"))
    coalition_id = groups_of(forum)["Building block on South-South Cooperation"].id
    demo_data["participant_groups"] = [
        group
        for group in demo_data["participant_groups"]
        if group["name"] != "Latin America and the Caribbean regional platform"
    ]
    next(group for group in demo_data["participant_groups"] if group["stakeholder"] == "civil_society")["quota"] = 15
    coalition = next(group for group in demo_data["participant_groups"] if group["kind"] == "coalition")
    coalition["people"] = []

    replaced = import_text(text_of(demo_data), replace=True)

    groups = groups_of(replaced)
    assert "Latin America and the Caribbean regional platform" not in groups
    assert groups["civil_society"].quota == 15
    assert groups["Building block on South-South Cooperation"].id == coalition_id, "a listed group keeps its identity"
    assert [member.user for member in groups["Building block on South-South Cooperation"].members if member.user] == []
    assert export_forum(replaced) == demo_data
