"""Text as people type it into forms."""

from wtforms import TextAreaField


def normalise_newlines(text):
    """Return `text` with its line breaks as \\n, the way it is stored."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


class MultilineField(TextAreaField):
    """A text area whose line breaks are stored as \\n.

    Browsers send every line break of a text area as CRLF, so without this a form saved unchanged
    would rewrite every text that has more than one line.
    """

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if valuelist:
            self.data = normalise_newlines(self.data)
