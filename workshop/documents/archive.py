"""The documents' archive: the core archive, in its own folder, taking only the accepted document types."""

import re
import unicodedata

from workshop.core.archive import (
    Archive as CoreArchive,
)
from workshop.documents.filetypes import detect_file_type

FOLDER_NAME = "documents"
ORIGINAL_STEM_MAX_CHARS = 150
# Characters that some file systems or browsers refuse in a download name.
AWKWARD_NAME_CHARACTERS = re.compile(r'[<>:"|?*]')


class Archive(CoreArchive):
    """The drafts' files, kept under `documents/`."""

    def __init__(self, upload_dir, max_bytes):
        super().__init__(upload_dir, max_bytes, FOLDER_NAME, detect_file_type)


def safe_original_name(name, file_type):
    """Return a download name from what the uploader's browser sent: no folders, no control characters.

    The extension is made to match the detected type, so that the file opens in the right program.
    """
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(character for character in name if not unicodedata.category(character).startswith("C"))
    name = AWKWARD_NAME_CHARACTERS.sub("_", name).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot or extension.lower() != file_type.extension:
        stem = name
    stem = stem[:ORIGINAL_STEM_MAX_CHARS].strip(" .") or "document"
    return f"{stem}.{file_type.extension}"
