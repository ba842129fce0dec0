"""Document words in the reader's language: version states, audit actions, and why a file was refused."""
from flask_babel import format_decimal, gettext as _, lazy_gettext as _l

from workshop.documents.archive import EmptyFile, FileTooLarge
from workshop.documents.filetypes import UnsupportedFileType, accepted_type_names

VERSION_STATUS_LABELS = {
    "preliminary": _l("Preliminary"),
    "revised": _l("Revised"),
    "final": _l("Final"),
}

AUDIT_ACTION_LABELS = {
    "document.created": _l("Document created"),
    "document.uploaded": _l("File uploaded"),
    "document.replaced": _l("New version uploaded"),
    "document.linked": _l("Document tabled in a session"),
    "document.unlinked": _l("Document taken off a session"),
    "conclusions.saved": _l("Conclusions saved"),
    "conclusions.file_attached": _l("Conclusions document attached"),
    "conclusions.submitted": _l("Conclusions submitted"),
}


def version_status_label(status):
    key = getattr(status, "value", status)
    return VERSION_STATUS_LABELS.get(key, key)


def audit_action_label(action):
    """Name an audit action in words; actions of other features keep their code."""
    return AUDIT_ACTION_LABELS.get(action, action)


def version_status_choices():
    return list(VERSION_STATUS_LABELS.items())


def megabytes(size):
    return format_decimal(size / (1024 * 1024), "#,##0.0")


def file_size(size):
    """Say a file's size in the unit a reader expects: kilobytes below a megabyte."""
    if size < 1024 * 1024:
        return _("%(size)s KB", size=format_decimal(max(size / 1024, 0.1), "#,##0.0"))
    return _("%(size)s MB", size=megabytes(size))


def describe_refusal(error):
    """Say why the archive refused a file and what to do instead."""
    if isinstance(error, EmptyFile):
        return _("The file is empty. Choose the document file again.")
    if isinstance(error, FileTooLarge):
        return _(
            "The file is larger than the limit of %(limit)s MB. Make it smaller (for example, save the PDF "
            "with compressed images) or split it, then upload it again.",
            limit=megabytes(error.limit_bytes),
        )
    if isinstance(error, UnsupportedFileType):
        return _(
            "This file is not a document Workshop accepts (its content looks like: %(found)s). "
            "Upload one of these: %(accepted)s.",
            found=_(error.found),
            accepted=accepted_type_names(),
        )
    return _("The file could not be stored.")
