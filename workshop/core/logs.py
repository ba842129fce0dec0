"""Where log lines go: Workshop's own at LOG_LEVEL, every library's at LIBRARY_LOG_LEVEL (warnings unless asked)."""

import logging

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# WeasyPrint narrates every step of every PDF at INFO; its warnings are what matter, whatever is asked.
NARRATORS = ("weasyprint.progress",)


def configure_logging(config, *, send_to_stderr=True):
    """Set the levels from the configuration; write to stderr unless the host (tests, debug server) already does."""
    if send_to_stderr:
        logging.basicConfig(format=LOG_FORMAT)
    # Libraries (fontTools, huey, alembic, ...) inherit the root's level; only a level set on purpose shows their detail.
    logging.getLogger().setLevel(config["LIBRARY_LOG_LEVEL"])
    logging.getLogger("workshop").setLevel(config["LOG_LEVEL"])
    for name in NARRATORS:
        logging.getLogger(name).setLevel(logging.WARNING)
