"""The JSON reader remembers the line of every object, member and element, and refuses duplicate keys."""

import pytest

from workshop.programme_files.positions import decode_programme_file, load_positioned
from workshop.programme_files.problems import ProgrammeFileError

TEXT = """{
  "title": "Forum",
  "days": [
    {"date": "2011-09-26"},

    {
      "date": "2011-09-27"
    }
  ],
  "empty": {}
}
"""


def test_objects_know_their_own_line_and_their_members_lines():
    data = load_positioned(TEXT)

    assert data.line == 1
    assert data.line_of("title") == 2
    assert data.line_of("days") == 3
    assert data["days"].element_lines == [4, 6]
    assert data["days"][1].line == 6
    assert data["days"][1].line_of("date") == 7
    assert data.line_of("empty") == 10


def test_values_are_plain_json_values():
    assert load_positioned(TEXT) == {
        "title": "Forum",
        "days": [{"date": "2011-09-26"}, {"date": "2011-09-27"}],
        "empty": {},
    }


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('{\n  "a": 1\n  "b": 2\n}', 3, "Expecting ',' delimiter"),
        ('{\n  "a": [1,\n    2,\n  ]\n}', 4, "Expecting value"),
        ("", 1, "Expecting value"),
        ('{"a": 1}\n{"b": 2}', 2, "Extra data"),
    ],
)
def test_syntax_errors_are_refused_with_their_line(text, line, reason):
    with pytest.raises(ProgrammeFileError) as refused:
        load_positioned(text)

    [problem] = refused.value.problems
    assert problem.line == line
    assert reason in problem.message


def test_a_key_given_twice_is_refused_at_the_second():
    with pytest.raises(ProgrammeFileError) as refused:
        load_positioned('{\n  "room": "A",\n  "room": "B"\n}')

    [problem] = refused.value.problems
    assert problem.line == 3
    assert '"room" appears twice' in problem.message


def test_a_file_that_is_not_utf8_is_refused_at_the_line_of_the_bad_byte():
    with pytest.raises(ProgrammeFileError) as refused:
        decode_programme_file('{\n  "city": "Bogot\u00e1"\n}'.encode("latin-1"))

    [problem] = refused.value.problems
    assert problem.line == 2
    assert "not UTF-8" in problem.message


def test_a_utf8_file_may_start_with_a_byte_order_mark():
    assert decode_programme_file("\ufeff{}".encode("utf-8")) == "{}"
