"""Draft documents, their versions, the sessions they are tabled in, and session conclusions."""

import enum
from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.accounts.models import User
from workshop.core.markdown import render_on_save
from workshop.core.timezones import UTCDateTime, utcnow
from workshop.documents.filetypes import TYPES_BY_MEDIA_TYPE
from workshop.extensions import db
from workshop.forums.models import Forum, Organisation
from workshop.programme.models import ForumSession


class DocumentKind(enum.Enum):
    PAPER = "paper"
    OUTCOME_DOCUMENT = "outcome_document"
    POSITION_PAPER = "position_paper"
    CONCEPT_NOTE = "concept_note"
    PROPOSAL = "proposal"
    WORKING_PAPER = "working_paper"
    PRESENTATION = "presentation"


class VersionStatus(enum.Enum):
    PRELIMINARY = "preliminary"
    REVISED = "revised"
    FINAL = "final"


class ConclusionStatus(enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Document(db.Model):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[DocumentKind] = mapped_column(
        Enum(DocumentKind, native_enum=False, length=30), default=DocumentKind.PAPER
    )
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    language: Mapped[str] = mapped_column(String(5), default="en")
    # The session the document was drafted for (or whose conclusions it holds): its facilitators own it,
    # wherever else it is tabled. None for documents the secretariat added outside any session.
    session_id: Mapped[int | None] = mapped_column(ForeignKey("forum_sessions.id", ondelete="SET NULL"), index=True)
    # Language versions point at the document they translate; the original points at nothing.
    translation_of_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    forum: Mapped[Forum] = relationship()
    session: Mapped[ForumSession | None] = relationship(foreign_keys=[session_id])
    organisation: Mapped[Organisation | None] = relationship()
    session_links: Mapped[list["SessionDocument"]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    versions: Mapped[list["DocumentVersion"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentVersion.number"
    )
    translation_of: Mapped[Optional["Document"]] = relationship(remote_side=[id], back_populates="translations")
    translations: Mapped[list["Document"]] = relationship(back_populates="translation_of", order_by="Document.language")

    def __str__(self):
        return self.title

    @property
    def current_version(self):
        """Return the latest version, the one participants should read, or None before any upload."""
        return self.versions[-1] if self.versions else None

    def language_versions(self):
        """Return the other language versions of this document: its original and the original's translations."""
        original = self.translation_of or self
        family = [original, *original.translations]
        return [document for document in family if document.id != self.id]


class DocumentVersion(db.Model):
    """One uploaded file of a document; versions are only ever added, never replaced."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_document_versions_document_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    status: Mapped[VersionStatus] = mapped_column(
        Enum(VersionStatus, native_enum=False, length=20), default=VersionStatus.PRELIMINARY
    )
    note: Mapped[str] = mapped_column(Text, default="")
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(120))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    extracted_text: Mapped[str] = mapped_column(Text, default="")
    # When the background job read the file's text and compared it with earlier versions; None until then.
    prepared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    document: Mapped[Document] = relationship(back_populates="versions")
    uploaded_by: Mapped[User | None] = relationship()

    @property
    def has_text(self):
        """Tell whether the file is of a kind with running text, whether or not it has been read yet."""
        file_type = TYPES_BY_MEDIA_TYPE.get(self.media_type)
        return file_type is not None and file_type.has_text


class VersionComparison(db.Model):
    """What changed from one version's text to a later one's, computed once when the later was prepared."""

    __tablename__ = "version_comparisons"
    __table_args__ = (
        UniqueConstraint("older_version_id", "newer_version_id", name="uq_version_comparisons_older_version_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    older_version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id", ondelete="CASCADE"))
    newer_version_id: Mapped[int] = mapped_column(ForeignKey("document_versions.id", ondelete="CASCADE"), index=True)
    # [[kind, sentence], ...] as textdiff.DiffLine gives them; empty when the texts are the same.
    lines: Mapped[list] = mapped_column(JSON, default=list)
    too_long: Mapped[bool] = mapped_column(default=False)


class SessionDocument(db.Model):
    """A document tabled for discussion in a session; one document may be tabled in several."""

    __tablename__ = "session_documents"
    __table_args__ = (UniqueConstraint("session_id", "document_id", name="uq_session_documents_session_document"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)

    session: Mapped[ForumSession] = relationship(back_populates="document_links")
    document: Mapped[Document] = relationship(back_populates="session_links")


class SessionConclusion(db.Model):
    """What a session concluded and recommends, written by its facilitator, then submitted."""

    __tablename__ = "session_conclusions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id", ondelete="CASCADE"), unique=True)
    body: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    status: Mapped[ConclusionStatus] = mapped_column(
        Enum(ConclusionStatus, native_enum=False, length=20), default=ConclusionStatus.DRAFT
    )
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    session: Mapped[ForumSession] = relationship()
    document: Mapped[Document | None] = relationship()
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])

    @property
    def is_submitted(self):
        return self.status == ConclusionStatus.SUBMITTED


render_on_save(SessionConclusion.body, "body_html")
