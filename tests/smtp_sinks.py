"""An SMTP sink on a fixed loopback port that can be stopped and started again, as a mail server goes away and returns.

Used by the mail delivery tests and by bench/mail_drain.py; it keeps only each message's headers, so that
it can take thousands of messages and count them by Message-ID.
"""

import threading
import time
from collections import Counter
from email.parser import BytesHeaderParser
from email.policy import default

from aiosmtpd.controller import Controller


class HeaderCollector:
    """Keep the headers of every message an aiosmtpd server accepts, and when it arrived (time.monotonic())."""

    def __init__(self):
        self.messages = []
        self.arrival_times = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        headers = BytesHeaderParser(policy=default).parsebytes(envelope.content)
        with self._lock:
            self.messages.append(headers)
            self.arrival_times.append(time.monotonic())
        return "250 Message accepted for delivery"


class RestartableSink:
    """An SMTP server on 127.0.0.1:`port` that `stop()` takes away (connections refused) and `start()` brings back."""

    def __init__(self, port, handler=None):
        self.port = port
        self.handler = handler or HeaderCollector()
        self._controller = None

    def start(self):
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self):
        return self.handler.messages

    def copies_by_message_id(self):
        """Count how many times each Message-ID arrived."""
        return Counter(message["Message-ID"] for message in self.messages)
