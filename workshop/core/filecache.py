"""Keep what is built from a release (exports, rendered agenda pages) on disk under CACHE_DIR, built once."""

import os
import tempfile
from pathlib import Path


def cached_bytes(cache_dir, name, build):
    """Return the bytes stored under `name`, building and storing them the first time.

    The file appears whole or not at all (temporary file, then os.replace), so that concurrent
    workers never read half a PDF; two workers racing may both build, and the last one wins.
    """
    folder = Path(cache_dir) / "releases"
    path = folder / name
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    body = build()
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(body)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return body
