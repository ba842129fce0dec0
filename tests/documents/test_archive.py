"""The archive keeps whole, checked files under generated names, and nothing of what it refuses."""

import io

import pytest

from workshop.core.archive import ChecksumMismatch, EmptyFile, FileTooLarge, MissingFile, file_sha256
from workshop.documents import filetypes
from workshop.documents.archive import Archive, safe_original_name
from workshop.documents.filetypes import UnsupportedFileType

from . import samples


def files_under(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_store_writes_under_a_generated_name_with_its_checksum(tmp_path):
    archive = Archive(tmp_path, max_bytes=1024 * 1024)
    data = samples.pdf_bytes()
    stored = archive.store(io.BytesIO(data))
    assert stored.file_type == filetypes.PDF
    assert stored.size == len(data)
    assert files_under(tmp_path) == [f"documents/{stored.stored_name}"]
    assert archive.path_of(stored.stored_name).read_bytes() == data
    assert file_sha256(archive.path_of(stored.stored_name)) == stored.sha256


def test_two_stores_of_the_same_file_never_share_a_name(tmp_path):
    archive = Archive(tmp_path, max_bytes=1024 * 1024)
    data = samples.pdf_bytes()
    first, second = archive.store(io.BytesIO(data)), archive.store(io.BytesIO(data))
    assert first.stored_name != second.stored_name
    assert len(files_under(tmp_path)) == 2


@pytest.mark.parametrize(
    "data, refusal",
    [
        (b"", EmptyFile),
        (samples.ELF_BYTES, UnsupportedFileType),
        (b"%PDF-1.7\n" + b"0" * 5000, FileTooLarge),
    ],
)
def test_refused_files_leave_nothing_behind(tmp_path, data, refusal):
    archive = Archive(tmp_path, max_bytes=4096)
    with pytest.raises(refusal):
        archive.store(io.BytesIO(data))
    assert files_under(tmp_path) == []


def test_a_stream_that_breaks_midway_leaves_nothing_behind(tmp_path):
    class BrokenStream:
        def __init__(self):
            self.calls = 0

        def read(self, size):
            self.calls += 1
            if self.calls > 1:
                raise OSError("connection reset")
            return b"%PDF-1.7\n"

    with pytest.raises(OSError):
        Archive(tmp_path, max_bytes=4096).store(BrokenStream())
    assert files_under(tmp_path) == []


def test_too_large_says_its_limit(tmp_path):
    with pytest.raises(FileTooLarge) as refusal:
        Archive(tmp_path, max_bytes=10).store(io.BytesIO(samples.pdf_bytes()))
    assert refusal.value.limit_bytes == 10


def test_verified_path_refuses_a_tampered_file(tmp_path):
    archive = Archive(tmp_path, max_bytes=1024 * 1024)
    stored = archive.store(io.BytesIO(samples.pdf_bytes()))
    assert archive.verified_path(stored.stored_name, stored.sha256) == archive.path_of(stored.stored_name)
    with archive.path_of(stored.stored_name).open("ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ChecksumMismatch):
        archive.verified_path(stored.stored_name, stored.sha256)


def test_verified_path_reports_a_missing_file(tmp_path):
    archive = Archive(tmp_path, max_bytes=1024 * 1024)
    stored = archive.store(io.BytesIO(samples.pdf_bytes()))
    archive.path_of(stored.stored_name).unlink()
    with pytest.raises(MissingFile):
        archive.verified_path(stored.stored_name, stored.sha256)


@pytest.mark.parametrize("stored_name", ["../secret_key", "documents/../../x.pdf", "", "ABC.pdf"])
def test_only_generated_names_are_looked_up(tmp_path, stored_name):
    with pytest.raises(MissingFile):
        Archive(tmp_path, max_bytes=10).path_of(stored_name)


@pytest.mark.parametrize(
    "sent, kind, kept",
    [
        ("../../x.pdf", filetypes.PDF, "x.pdf"),
        ("..\\..\\windows\\x.pdf", filetypes.PDF, "x.pdf"),
        ("Propuesta_Bogotá.pdf", filetypes.PDF, "Propuesta_Bogotá.pdf"),
        ("Propuesta_Bogota\u0301.pdf", filetypes.PDF, "Propuesta_Bogotá.pdf"),
        ("report.PDF", filetypes.PDF, "report.pdf"),
        ("report.pdf", filetypes.DOCX, "report.pdf.docx"),
        ("notes", filetypes.ODT, "notes.odt"),
        ("..", filetypes.PDF, "document.pdf"),
        ("", filetypes.PDF, "document.pdf"),
        ("evil\u202egnp.pdf", filetypes.PDF, "evilgnp.pdf"),
        ('a:b*c?"d".pdf', filetypes.PDF, "a_b_c__d_.pdf"),
    ],
)
def test_safe_original_name(sent, kind, kept):
    assert safe_original_name(sent, kind) == kept


def test_safe_original_name_is_kept_short():
    assert len(safe_original_name("x" * 1000 + ".pdf", filetypes.PDF)) == 154
