"""Conditional GET for exports: validators derived from releases, and 304 before anything is rebuilt."""

import hashlib

from flask import make_response, request

from workshop.core.i18n import catalog_fingerprint
from workshop.core.site import site_url
from workshop.forums.logos import face_fingerprint

# Bump when an export's output changes for the same release, so that clients fetch it again.
# 2: the PDFs carry each part's /Lang (Language of Parts) and the badges' QR code its /Alt.
EXPORT_FORMAT = 2


def release_etag(kind, releases, language):
    """Return an ETag that changes whenever any of the releases, their forums' faces, the export, its language or the site address changes.

    Nothing of it comes from the request's headers but the language, one of a few: a client
    cannot make the server build and keep an export again by naming another host.
    """
    release_ids = ",".join(
        f"{release.cache_key}/{face_fingerprint(release.forum)}"
        for release in sorted(releases, key=lambda release: release.id)
    )
    key = f"{EXPORT_FORMAT}|{kind}|{language}|{catalog_fingerprint()}|{site_url()}|{release_ids}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def last_published(releases):
    """Return when the newest of the releases was published, or None for no release at all."""
    return max((release.published_at for release in releases), default=None)


def is_unchanged(etag, last_modified):
    """Tell whether the client's copy is current, by If-None-Match first and If-Modified-Since otherwise."""
    if request.if_none_match:
        # Weak comparison, as RFC 9110 asks for GET: W/"x" and "x" both match, and so does *.
        return request.if_none_match.contains_weak(etag)
    since = request.if_modified_since
    return since is not None and last_modified is not None and last_modified.replace(microsecond=0) <= since


def send_export(body, mimetype, filename, etag, last_modified, private):
    """Return the export (or an empty 304 when `body` is None) with validators and caching rules."""
    response = make_response(body if body is not None else "", 200 if body is not None else 304)
    if body is not None:
        response.mimetype = mimetype
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response.headers.pop("Content-Type", None)
    response.set_etag(etag)
    if last_modified is not None:
        response.last_modified = last_modified
    # no-cache: keep a copy but ask every time; the ETag makes asking cheap.
    response.headers["Cache-Control"] = "private, no-cache" if private else "public, no-cache"
    response.vary.update(("Accept-Language", "Cookie"))
    return response
