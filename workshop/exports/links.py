"""Where an export points back to: the session pages and document downloads, and the calendar UID domain."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ExportLinks:
    """Absolute URLs an export writes into its output; views build them, exports only call them."""

    uid_host: str
    session_url: Callable[[str, int], str]
    document_url: Callable[[str, int], str]
