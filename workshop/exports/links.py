"""Where an export points back to: the session pages and document downloads, and the calendar UID domain."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app

from workshop.core.site import site_host, site_url_for


@dataclass(frozen=True)
class ExportLinks:
    """Absolute URLs an export writes into its output; views build them, exports only call them."""

    uid_host: str
    session_url: Callable[[str, int], str]
    document_url: Callable[[str, int], str]


def site_export_links():
    """Return the links exports write, on the site's address: in a request or in a queue worker alike."""
    return ExportLinks(
        uid_host=current_app.config["CALENDAR_UID_HOST"] or site_host(),
        session_url=lambda slug, session_id: site_url_for("publishing.show_session", slug=slug, session_id=session_id),
        document_url=lambda slug, document_id: site_url_for(
            "documents.show_document", slug=slug, document_id=document_id
        ),
    )
