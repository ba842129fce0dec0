"""Keep the most recently used of many computed values in a process, safe across threads."""

import threading
from collections import OrderedDict


class RecentlyUsed:
    """Values by key, at most `most` of them, the least recently used dropped first.

    With `lock_free_reads`, a look-up takes no lock and leaves the value where it stands, so the
    oldest stored goes first and one still in use is made again. That is for caches looked up hundreds
    of times per use (every session of a release): the lock cost ~1 ms of a 10 ms feed rebuild.
    A dict read is atomic in CPython; stores and evictions still take the lock.
    """

    def __init__(self, most, lock_free_reads=False):
        self.most = most
        self._values = OrderedDict()
        self._lock = threading.Lock()
        self._look_up = self._values.get if lock_free_reads else self._look_up_and_refresh

    def get_or_make(self, key, make):
        """Return the value kept under `key`, making and keeping it with `make()` the first time.

        `make` runs outside the lock: two threads may both make a missing value; either is kept.
        """
        value = self._look_up(key)
        if value is not None:
            return value
        value = make()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.most:
                self._values.popitem(last=False)
        return value

    def _look_up_and_refresh(self, key):
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def __len__(self):
        return len(self._values)
