"""Absolute links to this site, built from its configured address (SITE_URL), never from the request.

A link that leaves the site (in a mail, a calendar feed, the API) built from the request's Host
header would point wherever the sender of a forged header wants; built from the request at all, it
would make every host name a new cache entry. SITE_URL may carry a path ("https://example.org/forum/").
"""

from urllib.parse import urlsplit

from flask import current_app


def site_url():
    """Return the configured site address, ending with a slash."""
    return current_app.config["SITE_URL"]


def site_host():
    """Return the host name of the site address, without its port."""
    return urlsplit(site_url()).hostname


def site_url_for(endpoint, **values):
    """Return the absolute URL of `endpoint` on the site address, in or outside a request."""
    return site_url_builder()(endpoint, **values)


def site_url_builder():
    """Return a function that builds absolute URLs on the site address, bound once: an export writes hundreds."""
    address = urlsplit(site_url())
    adapter = current_app.url_map.bind(address.netloc, script_name=address.path or "/", url_scheme=address.scheme)
    app = current_app._get_current_object()

    def build(endpoint, **values):
        app.inject_url_defaults(endpoint, values)
        return adapter.build(endpoint, values, force_external=True)

    return build
