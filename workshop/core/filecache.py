"""Keep what is built from a release (exports, rendered agenda pages) on disk under CACHE_DIR, built once.

Entries live in a folder per owner (a forum, a person); storing a new entry removes the entries of
that folder it supersedes, so that the cache holds what the latest release needs and not every
release ever published.
"""

import os
import tempfile
from pathlib import Path

# Half-written entries start with a dot, and are never taken for superseded ones.
TEMPORARY_PREFIX = "."


def cached_bytes(cache_dir, folder, name, build, superseded=lambda other_name: False):
    """Return the bytes stored as `folder/name`, building and storing them the first time.

    The file appears whole or not at all (temporary file, then os.replace), so that concurrent
    workers never read half a PDF; two workers racing may both build, and the last one wins. Once
    a new entry is stored, the other entries of the folder for which `superseded(name)` holds are
    removed.
    """
    home = Path(cache_dir) / folder
    path = home / name
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    body = build()
    home.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=home, prefix=TEMPORARY_PREFIX, suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(body)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    _remove_superseded(home, name, superseded)
    return body


def stored_bytes(cache_dir, folder, name):
    """Return the bytes stored as `folder/name`, or None if nothing is stored there yet."""
    try:
        return (Path(cache_dir) / folder / name).read_bytes()
    except FileNotFoundError:
        return None


def _remove_superseded(home, kept_name, superseded):
    for other in home.iterdir():
        if other.name != kept_name and not other.name.startswith(TEMPORARY_PREFIX) and superseded(other.name):
            other.unlink(missing_ok=True)
