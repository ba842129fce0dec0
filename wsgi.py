"""WSGI entry point: the only module that builds an application at import time."""

from workshop import create_app

app = create_app()
