"""Tell an office document's type from its bytes, never from its name or what the browser claims.

DOCX, PPTX and XLSX are ZIP packages told apart by `[Content_Types].xml` and their main folder;
ODT, ODP and ODS are ZIP packages that name their type in a `mimetype` entry. A generic signature
library sees only "a ZIP", so the packages are opened and read here.
"""

import zipfile
from dataclasses import dataclass

import filetype

from workshop.core.messages import N_

PDF_SIGNATURE = b"%PDF-"
HEAD_BYTES = 1024
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_PACKAGE_ENTRY_BYTES = 512 * 1024
# What a package may unpack to, in all and in entries, before anything of it is read: real office
# documents stay far below; a zip bomb (845 KB unpacking to 300 MB) does not.
MAX_PACKAGE_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PACKAGE_ENTRIES = 10_000


@dataclass(frozen=True)
class FileType:
    """An accepted document type: what to send it as and the extension it should carry."""

    media_type: str
    extension: str
    name: str
    has_text: bool


PDF = FileType("application/pdf", "pdf", "PDF", True)
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "DOCX", True)
PPTX = FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", "PPTX", False)
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "XLSX", False)
ODT = FileType("application/vnd.oasis.opendocument.text", "odt", "ODT", True)
ODP = FileType("application/vnd.oasis.opendocument.presentation", "odp", "ODP", False)
ODS = FileType("application/vnd.oasis.opendocument.spreadsheet", "ods", "ODS", False)

ACCEPTED_TYPES = (PDF, DOCX, ODT, PPTX, ODP, XLSX, ODS)
TYPES_BY_MEDIA_TYPE = {kind.media_type: kind for kind in ACCEPTED_TYPES}

# The main part of each Office Open XML package: its folder and the content type it must declare.
OOXML_MAIN_PARTS = (
    (DOCX, "word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    (PPTX, "ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
    (XLSX, "xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
)


class UnsupportedFileType(ValueError):
    """The content is not one of the accepted document types; `found` names what it looks like."""

    def __init__(self, found):
        super().__init__(f"unsupported file type: {found}")
        self.found = found


def accepted_type_names():
    return ", ".join(kind.name for kind in ACCEPTED_TYPES)


def detect_file_type(path):
    """Return the FileType of the file at `path`, or raise UnsupportedFileType."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    # Readers tolerate bytes before the header, but that tolerance is what polyglot files abuse.
    if head.startswith(PDF_SIGNATURE):
        return PDF
    if head.startswith(ZIP_SIGNATURE):
        return _detect_package(path)
    raise UnsupportedFileType(_describe(head))


def _detect_package(path):
    try:
        with zipfile.ZipFile(path) as package:
            _refuse_a_package_that_unpacks_too_far(package)
            names = set(package.namelist())
            if "mimetype" in names:
                return _detect_open_document(package)
            if "[Content_Types].xml" in names:
                return _detect_office_open_xml(package, names)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise UnsupportedFileType(N_("damaged ZIP archive")) from error
    raise UnsupportedFileType(N_("ZIP archive"))


def _refuse_a_package_that_unpacks_too_far(package):
    """Refuse a package by the sizes its directory declares, before reading any entry.

    Python's zipfile never inflates an entry beyond its declared size, so the declared sizes bound
    what any reader of the package can be made to unpack.
    """
    entries = package.infolist()
    if len(entries) > MAX_PACKAGE_ENTRIES or sum(entry.file_size for entry in entries) > MAX_PACKAGE_UNPACKED_BYTES:
        raise UnsupportedFileType(N_("a package that unpacks to more than 100 MB"))


def _detect_open_document(package):
    declared = _read_small_entry(package, "mimetype").decode("ascii", "replace").strip()
    kind = TYPES_BY_MEDIA_TYPE.get(declared)
    if kind is None or kind not in (ODT, ODP, ODS):
        raise UnsupportedFileType(declared or N_("OpenDocument package"))
    return kind


def _detect_office_open_xml(package, names):
    content_types = _read_small_entry(package, "[Content_Types].xml").decode("utf-8", "replace")
    for kind, folder, main_content_type in OOXML_MAIN_PARTS:
        has_folder = any(name.startswith(folder) for name in names)
        if has_folder and main_content_type in content_types:
            return kind
    # Macro-enabled documents (docm, xlsm, pptm) and templates land here on purpose.
    raise UnsupportedFileType(N_("Office package of another kind"))


def _read_small_entry(package, name):
    """Read a package entry that is small by nature, refusing to inflate a hostile one."""
    if package.getinfo(name).file_size > MAX_PACKAGE_ENTRY_BYTES:
        raise UnsupportedFileType(N_("oversized package entry"))
    return package.read(name)


def _describe(head):
    """Name what a refused file looks like, so that the refusal can say so."""
    if head.startswith(b"\x7fELF"):
        return N_("ELF executable")
    if head.startswith(b"MZ"):
        return N_("Windows executable")
    guess = filetype.guess(head)
    if guess is not None:
        return guess.mime
    return N_("unknown")
