"""Keep uploaded files like a careful archive: checked, complete or absent, never overwritten.

A file is streamed into a temporary file next to its final place, flushed to disk, checked, and
only then renamed to a generated name, so that a reader never sees half a file and a refused
upload leaves nothing behind. Its SHA-256 is recorded and checked again before it is served.
"""

import hashlib
import logging
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from workshop.documents.filetypes import FileType, detect_file_type

CHUNK_BYTES = 64 * 1024
FOLDER_NAME = "documents"
QUARANTINE_FOLDER_NAME = "quarantine"
TEMPORARY_PREFIX = ".incoming-"
STORED_NAME_PATTERN = re.compile(r"^[0-9a-f]{32}\.[a-z]{3,4}$")
ORIGINAL_STEM_MAX_CHARS = 150
# Characters that some file systems or browsers refuse in a download name.
AWKWARD_NAME_CHARACTERS = re.compile(r'[<>:"|?*]')

log = logging.getLogger(__name__)


class ArchiveError(Exception):
    """A file the archive refuses to take in or to give out."""


class EmptyFile(ArchiveError):
    pass


class FileTooLarge(ArchiveError):
    def __init__(self, limit_bytes):
        super().__init__(f"file larger than {limit_bytes} bytes")
        self.limit_bytes = limit_bytes


class ChecksumMismatch(ArchiveError):
    """The stored bytes are not those that were uploaded: tampering or disk corruption."""


class MissingFile(ArchiveError):
    pass


@dataclass(frozen=True)
class StoredFile:
    stored_name: str
    size: int
    sha256: str
    file_type: FileType


class Archive:
    """The document files kept under one upload directory."""

    def __init__(self, upload_dir, max_bytes):
        self.folder = Path(upload_dir) / FOLDER_NAME
        # Outside the folder files are served from, so that nothing in it is ever sent to anyone.
        self.quarantine_folder = Path(upload_dir) / QUARANTINE_FOLDER_NAME / FOLDER_NAME
        self.max_bytes = max_bytes

    def store(self, stream):
        """Copy `stream` into the archive and return what was stored, or raise and keep nothing."""
        self.folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=TEMPORARY_PREFIX)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                size, sha256 = self._copy_within_limit(stream, handle)
                handle.flush()
                os.fsync(handle.fileno())
            if size == 0:
                raise EmptyFile("empty file")
            file_type = detect_file_type(temporary)
            stored_name = f"{os.urandom(16).hex()}.{file_type.extension}"
            os.replace(temporary, self.folder / stored_name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._sync_folder()
        return StoredFile(stored_name, size, sha256, file_type)

    def _copy_within_limit(self, stream, handle):
        digest = hashlib.sha256()
        size = 0
        while chunk := stream.read(CHUNK_BYTES):
            size += len(chunk)
            if size > self.max_bytes:
                raise FileTooLarge(self.max_bytes)
            digest.update(chunk)
            handle.write(chunk)
        return size, digest.hexdigest()

    def _sync_folder(self):
        """Make the rename itself durable, where the platform allows opening a directory."""
        try:
            descriptor = os.open(self.folder, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def path_of(self, stored_name):
        """Return where a stored file lives; names are generated, so anything else is refused."""
        if not STORED_NAME_PATTERN.match(stored_name or ""):
            raise MissingFile(f"not an archive name: {stored_name!r}")
        return self.folder / stored_name

    def verified_path(self, stored_name, expected_sha256):
        """Return the path of a stored file after checking that its bytes are still the uploaded ones."""
        path = self.path_of(stored_name)
        try:
            actual = file_sha256(path)
        except FileNotFoundError as error:
            log.error("archive file %s is missing", stored_name)
            raise MissingFile(stored_name) from error
        if actual != expected_sha256:
            log.error("archive file %s fails its checksum: expected %s, found %s", stored_name, expected_sha256, actual)
            raise ChecksumMismatch(stored_name)
        return path

    def quarantine_unknown(self, known_names, written_before):
        """Move aside every file no record names (a worker killed between writing it and committing its row).

        Only files last written before `written_before` go: a younger one may belong to an upload
        whose row is about to be committed. Return the names moved, in order.
        """
        if not self.folder.is_dir():
            return []
        cutoff = written_before.timestamp()
        orphans = sorted(
            path
            for path in self.folder.iterdir()
            if path.is_file() and path.name not in known_names and path.stat().st_mtime < cutoff
        )
        if orphans:
            self.quarantine_folder.mkdir(parents=True, exist_ok=True)
        for path in orphans:
            os.replace(path, self.quarantine_folder / path.name)
            log.warning("archive file %s has no record; moved to %s", path.name, self.quarantine_folder)
        return [path.name for path in orphans]

    def discard(self, stored_name):
        """Remove a stored file whose record was never kept (its transaction rolled back)."""
        self.path_of(stored_name).unlink(missing_ok=True)


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


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
