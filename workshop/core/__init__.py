"""Pieces every feature uses: time, auditing, security headers, template helpers."""
