"""A forum's accent colour as a rule: written as #rrggbb, and refused below WCAG AA contrast with white."""

import pytest

from workshop.forums.colours import contrast_ratio, is_readable_accent, normalise_colour, relative_luminance


@pytest.mark.parametrize(
    ("typed", "colour"),
    [
        ("#0B5CAD", "#0b5cad"),
        ("0b5cad", "#0b5cad"),
        ("  #0b5cad ", "#0b5cad"),
        ("#abc", "#aabbcc"),
        ("#0b5cad0", None),
        ("#0b5ca", None),
        ("#ab", None),
        ("#gggggg", None),
        ("red", None),
        ("", None),
        (None, None),
        ("#0b5cad; } body { display: none", None),
    ],
)
def test_a_colour_is_written_as_hex_digits_and_nothing_else(typed, colour):
    assert normalise_colour(typed) == colour


def test_luminance_runs_from_black_to_white_and_weighs_green_most():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert relative_luminance("#00ff00") > relative_luminance("#ff0000") > relative_luminance("#0000ff")
    # The sRGB curve's linear part ends at 0.04045 (10/255 is below it, 11/255 above).
    assert relative_luminance("#0a0a0a") == pytest.approx(10 / 255 / 12.92)
    assert relative_luminance("#0b0b0b") == pytest.approx(((11 / 255 + 0.055) / 1.055) ** 2.4)


def test_contrast_is_the_same_either_way_round_from_1_to_21():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#0b5cad", "#0b5cad") == pytest.approx(1)


@pytest.mark.parametrize(
    ("colour", "readable"),
    [
        ("#767676", True),  # 4.54:1, the lightest grey AA allows for normal text on white
        ("#777777", False),  # 4.48:1
        ("#0b5cad", True),  # the site's own blue
        ("#8b0000", True),
        ("#ffeb3b", False),
        ("#ffffff", False),
        ("#000000", True),
    ],
)
def test_an_accent_must_reach_aa_contrast_with_white_text(colour, readable):
    assert is_readable_accent(colour) is readable
