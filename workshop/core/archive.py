"""Keep uploaded files like a careful archive: checked, complete or absent, never overwritten.

Documents and forum logos each have their own archive folder and their own way of telling a
file's type from its bytes; both are kept the same way.

A file is streamed into a temporary file next to its final place, flushed to disk, checked, and
only then renamed to a generated name, so that a reader never sees half a file and a refused
upload leaves nothing behind. Its SHA-256 is recorded and checked again before it is served.
"""

import hashlib
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHUNK_BYTES = 64 * 1024
QUARANTINE_FOLDER_NAME = "quarantine"
TEMPORARY_PREFIX = ".incoming-"
STORED_NAME_PATTERN = re.compile(r"^[0-9a-f]{32}\.[a-z]{3,4}$")

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
    # What `detect` found: anything with the `extension` the stored name takes.
    file_type: object


class Archive:
    """The files of one kind kept under one upload directory, in `folder_name`.

    `detect(path)` returns the type of a complete file (with an `extension`) or raises to refuse it.
    """

    def __init__(self, upload_dir, max_bytes, folder_name, detect):
        self.folder = Path(upload_dir) / folder_name
        # Outside the folder files are served from, so that nothing in it is ever sent to anyone.
        self.quarantine_folder = Path(upload_dir) / QUARANTINE_FOLDER_NAME / folder_name
        self.max_bytes = max_bytes
        self.detect = detect

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
            file_type = self.detect(temporary)
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
