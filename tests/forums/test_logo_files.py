"""A logo's type is told from its bytes; an SVG that runs, fetches or embeds anything is refused. No app needed."""

import pytest

from tests.forums import logo_samples as samples
from workshop.forums import logo_files
from workshop.forums.logo_files import JPEG, PNG, SVG, UnacceptableLogo, check_svg, detect_logo_type


def write(tmp_path, data, name="upload"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (samples.png_bytes(), PNG),
        (samples.jpeg_bytes(), JPEG),
        (samples.CLEAN_SVG, SVG),
        (b"\xef\xbb\xbf" + samples.CLEAN_SVG, SVG),
    ],
)
def test_the_type_comes_from_the_content(tmp_path, data, kind):
    # Named as something else on purpose: the name plays no part.
    assert detect_logo_type(write(tmp_path, data, "logo.pdf")) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        b"Just some words in a text file.",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        samples.XML_NOT_SVG,
        b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",
    ],
    ids=["pdf", "text", "gif", "xhtml", "broken-xml"],
)
def test_what_is_not_a_png_jpeg_or_svg_is_refused(tmp_path, data):
    with pytest.raises(UnacceptableLogo) as refusal:
        detect_logo_type(write(tmp_path, data))
    assert refusal.value.reason == "This file is not a PNG, JPEG or SVG image."


def test_a_damaged_png_is_refused_as_damaged(tmp_path):
    damaged = samples.png_bytes()[:40] + b"\x00" * 200
    with pytest.raises(UnacceptableLogo) as refusal:
        detect_logo_type(write(tmp_path, damaged))
    assert str(refusal.value) == "This PNG image is damaged."


@pytest.mark.parametrize(("width", "height"), [(4000, 1), (1, 4000)])
def test_an_image_of_the_most_pixels_a_side_is_taken(tmp_path, width, height):
    assert detect_logo_type(write(tmp_path, samples.png_bytes(width, height))) == PNG


@pytest.mark.parametrize(("width", "height"), [(4001, 1), (1, 4001)])
def test_an_image_wider_or_taller_than_that_is_refused_with_its_size(tmp_path, width, height):
    with pytest.raises(UnacceptableLogo) as refusal:
        detect_logo_type(write(tmp_path, samples.png_bytes(width, height)))
    assert str(refusal.value) == (
        f"The image is {width} × {height} pixels; a logo may be at most 4000 pixels on each side."
    )
    assert logo_files.MAX_LOGO_PIXELS_PER_SIDE == 4000


def test_a_clean_svg_with_references_inside_itself_passes():
    check_svg(samples.CLEAN_SVG)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (samples.SVG_WITH_SCRIPT, "The SVG holds an element a logo may not have (script); a logo may only draw."),
        (
            samples.SVG_WITH_FOREIGN_OBJECT,
            "The SVG holds an element a logo may not have (foreignObject); a logo may only draw.",
        ),
        (
            samples.SVG_WITH_EMBEDDED_IMAGE,
            "The SVG holds an element a logo may not have (image); a logo may only draw.",
        ),
        (samples.SVG_WITH_EVENT_HANDLER, "The SVG holds an event handler (onclick); a logo may only draw."),
        (
            samples.SVG_WITH_EXTERNAL_HREF,
            "The SVG refers to something outside itself (https://tracker.example/dot.svg#d).",
        ),
        (
            samples.SVG_WITH_PLAIN_EXTERNAL_HREF,
            "The SVG refers to something outside itself (http://tracker.example/x).",
        ),
        (
            samples.SVG_WITH_EXTERNAL_STYLE_URL,
            "The SVG refers to something outside itself (https://tracker.example/p).",
        ),
        (samples.SVG_WITH_STYLE_IMPORT, "The SVG refers to something outside itself (@import)."),
        (samples.SVG_WITH_ENTITIES, "The SVG declares a DOCTYPE or entities; save it again without them."),
    ],
    ids=["script", "foreign-object", "image", "handler", "xlink-href", "href", "style-url", "import", "entities"],
)
def test_an_svg_that_runs_fetches_or_embeds_is_refused_saying_what_it_holds(tmp_path, data, message):
    with pytest.raises(UnacceptableLogo) as refusal:
        detect_logo_type(write(tmp_path, data))
    assert str(refusal.value) == message


def test_an_element_of_another_namespace_is_refused_even_with_a_drawing_name():
    foreign = samples.CLEAN_SVG.replace(b"<title>", b'<x:rect xmlns:x="urn:other"/><title>')
    with pytest.raises(UnacceptableLogo):
        check_svg(foreign)


def test_the_root_must_be_an_svg_element():
    with pytest.raises(UnacceptableLogo):
        check_svg(b'<g xmlns="http://www.w3.org/2000/svg"><rect/></g>')


@pytest.mark.parametrize("attribute", [b'fill="url(#sky)"', b"fill=\"url('#sky')\"", b'fill="url( #sky )"'])
def test_a_url_that_points_inside_the_file_is_kept(attribute):
    check_svg(samples.CLEAN_SVG.replace(b'fill="url(#sky)"', attribute))
