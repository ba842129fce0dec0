"""Signals other features listen to, so that publishing never has to know who reacts to a release."""

from blinker import Namespace

signals = Namespace()

# Sent by the publishing screen once a release is committed, with `release`.
release_published = signals.signal("release-published")
