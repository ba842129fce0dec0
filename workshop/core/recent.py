"""Keep the most recently used of many computed values in a process, safe across threads."""

import threading
from collections import OrderedDict


class RecentlyUsed:
    """Values by key, at most `most` of them, the least recently used dropped first."""

    def __init__(self, most):
        self.most = most
        self._values = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key, make):
        """Return the value kept under `key`, making and keeping it with `make()` the first time.

        `make` runs outside the lock: two threads may both make a missing value; either is kept.
        """
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
                return value
        value = make()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.most:
                self._values.popitem(last=False)
        return value

    def __len__(self):
        return len(self._values)
