"""Users, forum roles, login, invitations and password resets."""

import email_validator

# The demo forum and the test suite use addresses under the reserved .test domain (RFC 2606);
# email-validator refuses it by default, which would lock the demo accounts out of the login form.
if "test" in email_validator.SPECIAL_USE_DOMAIN_NAMES:
    email_validator.SPECIAL_USE_DOMAIN_NAMES.remove("test")


def init_app(app):
    """Give the application what accounts own: tables, names, the sign-in pages and `flask user`."""
    from workshop.accounts import models  # noqa: F401  (registers the tables)
    from workshop.accounts.cli import user_cli
    from workshop.accounts.labels import LABELS
    from workshop.accounts.views import blueprint
    from workshop.core.labels import register_labels

    register_labels(LABELS)
    app.register_blueprint(blueprint)
    app.cli.add_command(user_cli)
