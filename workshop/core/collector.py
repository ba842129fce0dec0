"""Pause Python's cycle collector while a large document is built, one pause shared by every thread."""

import contextlib
import gc
import threading


class CollectorPause:
    """Keep Python's cycle collector off while documents are built, and on again after the last.

    WeasyPrint makes millions of short-lived objects; each time they cross the collector's thresholds
    it walks every object the process holds (the application, the releases it keeps, the database
    session), which was a seventh of the agenda's processor time in a queue worker. A render's own
    cycles wait for the collector's next pass after it: a few megabytes at 400 sessions, whose freeing
    took 0.15–0.25 s. Pauses nest: a queue build holds one until its export is stored, so that readers
    get it before that pass. Builds on several threads share the pause; a collector that was off
    before stays off.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._renders = 0
        self._collector_was_on = False

    @contextlib.contextmanager
    def __call__(self):
        with self._lock:
            if self._renders == 0:
                self._collector_was_on = gc.isenabled()
                gc.disable()
            self._renders += 1
        try:
            yield
        finally:
            with self._lock:
                self._renders -= 1
                if self._renders == 0 and self._collector_was_on:
                    gc.enable()


cycle_collector_paused = CollectorPause()
