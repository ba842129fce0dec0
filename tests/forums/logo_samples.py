"""Logos as people upload them: small PNG and JPEG images, a clean SVG, and SVGs that must be refused."""

import io

from PIL import Image

CLEAN_SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="40">'
    b'<defs><linearGradient id="sky"><stop offset="0" stop-color="#0b5cad"/></linearGradient>'
    b'<circle id="dot" r="4"/></defs>'
    b"<title>Ministry of Planning</title>"
    b'<rect width="120" height="40" fill="url(#sky)"/><use xlink:href="#dot" x="10" y="10"/>'
    b'<text x="20" y="28" fill="#ffffff">MinPlan</text></svg>'
)
SVG_WITH_SCRIPT = CLEAN_SVG.replace(b"<title>", b"<script>alert(document.cookie)</script><title>")
SVG_WITH_EVENT_HANDLER = CLEAN_SVG.replace(b'<rect width="120"', b'<rect onclick="alert(1)" width="120"')
SVG_WITH_EXTERNAL_HREF = CLEAN_SVG.replace(b'xlink:href="#dot"', b'xlink:href="https://tracker.example/dot.svg#d"')
SVG_WITH_PLAIN_EXTERNAL_HREF = CLEAN_SVG.replace(b'xlink:href="#dot"', b'href="http://tracker.example/x"')
SVG_WITH_FOREIGN_OBJECT = CLEAN_SVG.replace(
    b"<title>",
    b'<foreignObject width="9" height="9"><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject><title>',
)
SVG_WITH_EXTERNAL_STYLE_URL = CLEAN_SVG.replace(b'fill="url(#sky)"', b'style="fill: url(https://tracker.example/p)"')
SVG_WITH_STYLE_IMPORT = CLEAN_SVG.replace(b"<title>", b"<style>@import 'https://tracker.example/a.css';</style><title>")
SVG_WITH_ENTITIES = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>'
)
SVG_WITH_EMBEDDED_IMAGE = CLEAN_SVG.replace(b"<title>", b'<image href="#dot" width="1" height="1"/><title>')
XML_NOT_SVG = b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>hi</body></html>'


def png_bytes(width=60, height=30, colour=(11, 92, 173)):
    return _image_bytes("PNG", width, height, colour)


def jpeg_bytes(width=60, height=30, colour=(139, 0, 0)):
    return _image_bytes("JPEG", width, height, colour)


def _image_bytes(image_format, width, height, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, image_format)
    return buffer.getvalue()
