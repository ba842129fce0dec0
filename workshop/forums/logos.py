"""Each forum's logos: uploaded by the secretariat, kept like documents, shown on its pages, PDFs and e-mails.

A logo is stored through the core archive (atomic, checksummed, never overwritten) in its own
folder; a new upload becomes the logo shown and the one before it is kept. `forum_face` is the one
helper every output calls (pages, the PDF agenda, badges, reports, the consolidated outcome, mail).
"""

import base64
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from workshop.core import audit
from workshop.core.archive import Archive, ArchiveError, EmptyFile, FileTooLarge
from workshop.core.files_in_transaction import discard_unless_committed
from workshop.core.locking import hold_write_lock
from workshop.core.refusals import Refused
from workshop.core.site import site_url_for
from workshop.core.timezones import utcnow
from workshop.extensions import db
from workshop.forums.logo_files import MAX_LOGO_BYTES, UnacceptableLogo, detect_logo_type
from workshop.forums.models import Forum, ForumLogo, LogoRole

FOLDER_NAME = "logos"
# The HTML part of a forum's mail: its logos, linked from the site, above the plain text.
FORUM_MAIL_LAYOUT = "forums/mail/forum_message.html"


class LogoRefused(Refused):
    """Raised when an uploaded file cannot be a forum's logo; the logo shown before stays."""


@dataclass(frozen=True)
class ShownLogo:
    """A logo as an output shows it: where its image comes from, and the organisation it stands for."""

    src: str
    alt: str
    role: str


@dataclass(frozen=True)
class ForumFace:
    """What dresses a forum's outputs: its logos, accent colour and the language its programme is written in."""

    logos: tuple
    accent_colour: str
    content_language: str


def logo_archive():
    """Return the archive of logos under the configured upload directory."""
    return Archive(current_app.config["UPLOAD_DIR"], MAX_LOGO_BYTES, FOLDER_NAME, detect_logo_type)


def upload_logo(actor, forum, role, stream, organisation_name):
    """Store a logo as the forum's `role` logo; refuse a file that is not a safe image, keeping the last one."""
    role = LogoRole(role)
    archive = logo_archive()
    try:
        stored = archive.store(stream)
    except UnacceptableLogo as error:
        raise LogoRefused(_(error.reason, **error.values), field=f"{role.value}_logo") from error
    except ArchiveError as error:
        raise LogoRefused(_describe_archive_refusal(error), field=f"{role.value}_logo") from error
    discard_unless_committed(db.session(), archive, stored.stored_name)
    # Two uploads at once take turns for the number, so that each is kept under its own.
    hold_write_lock(Forum, forum.id)
    logo = ForumLogo(
        forum=forum,
        role=role,
        number=_next_number(forum, role),
        organisation_name=organisation_name.strip(),
        stored_name=stored.stored_name,
        size=stored.size,
        sha256=stored.sha256,
        media_type=stored.file_type.media_type,
        uploaded_by_id=actor.id,
        uploaded_at=utcnow(),
    )
    db.session.add(logo)
    db.session.flush()
    audit.record(actor, "forum.logo_uploaded", logo.organisation_name, forum, sha256=logo.sha256)
    return logo


def _describe_archive_refusal(error):
    if isinstance(error, EmptyFile):
        return _("The file is empty. Choose the logo again.")
    if isinstance(error, FileTooLarge):
        return too_large_message()
    return _("The file could not be stored.")


def too_large_message():
    """Say how large a logo may be; also what a request too large to read at all is answered with."""
    return _("A logo may be at most %(limit)d MB. Save it smaller (a logo rarely needs more than 200 KB).", limit=2)


def _next_number(forum, role):
    highest = db.session.scalar(
        select(func.max(ForumLogo.number)).where(ForumLogo.forum_id == forum.id, ForumLogo.role == role)
    )
    return (highest or 0) + 1


def current_logos(forum):
    """Return the forum's logos shown now, convener first: the latest upload of each role."""
    latest = {}
    for logo in forum.logos:
        latest[logo.role] = logo
    return [latest[role] for role in LogoRole if role in latest]


def find_logo(forum, logo_id):
    """Return one of the forum's logos (shown or kept), or None."""
    return db.session.scalar(select(ForumLogo).where(ForumLogo.forum_id == forum.id, ForumLogo.id == logo_id))


def logo_alt(logo, forum):
    """Name the organisation a logo stands for: the convener's defaults to who the forum says convenes it."""
    return logo.organisation_name or forum.convened_by or forum.title


def forum_face(forum, inline=False, absolute=False):
    """Return what dresses the forum's outputs; `inline` embeds the logos (PDFs), `absolute` links them (mail)."""
    logos = tuple(
        ShownLogo(
            src=_inline_source(logo) if inline else _address(forum, logo, absolute),
            alt=logo_alt(logo, forum),
            role=logo.role.value,
        )
        for logo in current_logos(forum)
    )
    return ForumFace(logos=logos, accent_colour=forum.accent_colour, content_language=forum.content_language)


def face_fingerprint(forum):
    """Name what of the forum's face a built output shows, so that a new logo or colour builds it again."""
    shas = ",".join(logo.sha256[:16] for logo in current_logos(forum))
    return f"{forum.accent_colour}|{forum.content_language}|{shas}"


def _address(forum, logo, absolute):
    build = site_url_for if absolute else url_for
    return build("forums.show_logo", slug=forum.slug, logo_id=logo.id)


def _inline_source(logo):
    """Return the logo as a data URI, read after checking its checksum: WeasyPrint then fetches nothing."""
    path = logo_archive().verified_path(logo.stored_name, logo.sha256)
    return f"data:{logo.media_type};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
