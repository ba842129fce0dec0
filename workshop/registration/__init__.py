"""Participants: registration, participant groups, capacity with waiting lists, and choosing sessions."""
