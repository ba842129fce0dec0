"""The Bogotá 2011 demo forum, loaded by `flask demo`."""
