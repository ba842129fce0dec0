"""Tell a logo's type from its bytes and refuse what a page or a PDF should not carry. Pure: no Flask.

PNG and JPEG are recognised by `filetype` and opened by Pillow for their size in pixels (a small
file may declare an enormous image). An SVG is XML that browsers and WeasyPrint would obey: it is
accepted only if it holds drawing elements and nothing that runs, fetches or embeds (no script,
no event handlers, no foreign objects, no reference outside the file, no DOCTYPE and so no entities).
"""

import re
from dataclasses import dataclass

import filetype
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from PIL import Image, UnidentifiedImageError

from workshop.core.messages import N_

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS_PER_SIDE = 4000
HEAD_BYTES = 1024
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# What a logo is drawn with; anything else (script, foreignObject, image, a, iframe...) is refused.
SVG_DRAWING_ELEMENTS = frozenset(
    (
        "svg g defs symbol use title desc metadata path rect circle ellipse line polyline polygon "
        "text tspan textPath linearGradient radialGradient stop clipPath mask pattern filter style "
        "feGaussianBlur feOffset feBlend feColorMatrix feFlood feComposite feMerge feMergeNode"
    ).split()
)
# A reference inside the file (`#id`) is fine; anything else would make the reader fetch.
URL_REFERENCE = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)


@dataclass(frozen=True)
class LogoType:
    media_type: str
    extension: str
    name: str


PNG = LogoType("image/png", "png", "PNG")
JPEG = LogoType("image/jpeg", "jpg", "JPEG")
SVG = LogoType("image/svg+xml", "svg", "SVG")
LOGO_TYPES = (PNG, JPEG, SVG)
TYPES_BY_MEDIA_TYPE = {kind.media_type: kind for kind in LOGO_TYPES}


class UnacceptableLogo(ValueError):
    """A file that cannot be a logo; `reason` says why in words the uploader can act on (translatable)."""

    def __init__(self, reason, **values):
        super().__init__(reason % values if values else reason)
        self.reason = reason
        self.values = values


def detect_logo_type(path):
    """Return the LogoType of the file at `path`, or raise UnacceptableLogo."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    guess = filetype.guess(head)
    if guess is not None and guess.mime in (PNG.media_type, JPEG.media_type):
        kind = TYPES_BY_MEDIA_TYPE[guess.mime]
        _refuse_too_many_pixels(path, kind)
        return kind
    if _looks_like_xml(head):
        with open(path, "rb") as handle:
            check_svg(handle.read())
        return SVG
    raise UnacceptableLogo(N_("This file is not a PNG, JPEG or SVG image."))


def _refuse_too_many_pixels(path, kind):
    try:
        with Image.open(path) as image:
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise UnacceptableLogo(N_("This %(type)s image is damaged."), type=kind.name) from error
    if max(width, height) > MAX_LOGO_PIXELS_PER_SIDE:
        raise UnacceptableLogo(
            N_("The image is %(width)d × %(height)d pixels; a logo may be at most %(most)d pixels on each side."),
            width=width,
            height=height,
            most=MAX_LOGO_PIXELS_PER_SIDE,
        )


def _looks_like_xml(head):
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<")


def check_svg(data):
    """Raise UnacceptableLogo unless `data` is an SVG drawing that runs, fetches and embeds nothing."""
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise UnacceptableLogo(N_("The SVG declares a DOCTYPE or entities; save it again without them."))
    try:
        root = fromstring(data)
    except (ParseError, DefusedXmlException) as error:
        raise UnacceptableLogo(N_("This file is not a PNG, JPEG or SVG image.")) from error
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        raise UnacceptableLogo(N_("This file is not a PNG, JPEG or SVG image."))
    for element in root.iter():
        _check_element(element)


def _check_element(element):
    namespace, _, name = element.tag.rpartition("}")
    if namespace.lstrip("{") != SVG_NAMESPACE or name not in SVG_DRAWING_ELEMENTS:
        raise UnacceptableLogo(
            N_("The SVG holds an element a logo may not have (%(element)s); a logo may only draw."), element=name
        )
    for attribute, value in element.attrib.items():
        local = attribute.rpartition("}")[2]
        if local.lower().startswith("on"):
            raise UnacceptableLogo(N_("The SVG holds an event handler (%(name)s); a logo may only draw."), name=local)
        if local == "href" and not value.strip().startswith("#"):
            raise UnacceptableLogo(
                N_("The SVG refers to something outside itself (%(reference)s)."), reference=value[:80]
            )
        _check_style_text(value)
    if name == "style":
        _check_style_text(element.text or "")


def _check_style_text(text):
    if CSS_IMPORT.search(text):
        raise UnacceptableLogo(N_("The SVG refers to something outside itself (%(reference)s)."), reference="@import")
    for reference in URL_REFERENCE.findall(text):
        if not reference.startswith("#"):
            raise UnacceptableLogo(
                N_("The SVG refers to something outside itself (%(reference)s)."), reference=reference[:80]
            )
