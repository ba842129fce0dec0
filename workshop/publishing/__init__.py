"""Agenda releases: numbered snapshots of the programme, what changed between them, the public agenda."""
