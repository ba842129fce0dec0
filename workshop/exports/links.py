"""Where an export points back to: the session pages and document downloads, and the calendar UID domain."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app

from workshop.core.site import site_host, site_url, site_url_builder


@dataclass(frozen=True)
class ExportLinks:
    """Absolute URLs an export writes into its output; views build them, exports only call them."""

    uid_host: str
    # The site address the URLs start with: what a cached export's text depends on besides its data.
    address: str
    session_url: Callable[[str, int], str]
    document_url: Callable[[str, int], str]
    version_url: Callable[[str, int, int], str]


def site_export_links():
    """Return the links exports write, on the site's address: in a request or in a queue worker alike."""
    build = site_url_builder()
    return ExportLinks(
        uid_host=current_app.config["CALENDAR_UID_HOST"] or site_host(),
        address=site_url(),
        session_url=lambda slug, session_id: build("publishing.show_session", slug=slug, session_id=session_id),
        document_url=lambda slug, document_id: build("documents.show_document", slug=slug, document_id=document_id),
        version_url=lambda slug, document_id, number: build(
            "documents.download_version", slug=slug, document_id=document_id, number=number
        ),
    )
