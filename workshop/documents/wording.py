"""Document words in the reader's language: version states, file sizes, and why a file was refused."""

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from workshop.core.archive import EmptyFile, FileTooLarge
from workshop.core.labels import choices, label
from workshop.documents.filetypes import UnsupportedFileType, accepted_type_names


def version_status_label(status):
    return label(status, "version_status")


def version_status_choices():
    return choices("version_status")


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


# How the audit trail words the details documents record (see workshop.core.audit_wording).
AUDIT_DETAILS = {
    "version": lambda action, value: _("Version %(number)d", number=value),
    "file": lambda action, value: _("File: %(name)s", name=value),
    "reopened": lambda action, value: _("The submitted conclusions became a draft again.") if value else None,
    "characters": lambda action, value: ngettext("%(num)d character", "%(num)d characters", value),
}
