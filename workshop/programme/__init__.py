"""Sessions, their items and keynote slots, appointments, and the scheduling rules."""
