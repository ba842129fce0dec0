"""Programme files: a forum's programme written to and read from JSON."""
