"""A forum's accent colour as a rule: how it is written, and whether text stays readable on it (WCAG 2.1 AA).

The accent colours links on white paper and sits behind the white text of buttons and the forum's
header, so it must contrast with white at least as much as AA asks of normal text. Pure: no Flask.
"""

import re

HEX_COLOUR = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
WHITE = "#ffffff"
# WCAG 2.1 success criterion 1.4.3, normal-size text.
AA_NORMAL_TEXT_CONTRAST = 4.5


def normalise_colour(text):
    """Return the colour as `#rrggbb`, or None if it is not a hex colour (#rgb or #rrggbb)."""
    match = HEX_COLOUR.fullmatch((text or "").strip())
    if not match:
        return None
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


def relative_luminance(colour):
    """Return the WCAG relative luminance of a `#rrggbb` colour, 0 for black to 1 for white."""
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4 for channel in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    """Return the WCAG contrast ratio of two `#rrggbb` colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_readable_accent(colour):
    """Tell whether white text on the colour, and the colour as text on white, meet AA."""
    return contrast_ratio(colour, WHITE) >= AA_NORMAL_TEXT_CONTRAST
