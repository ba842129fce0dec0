"""Participants: registration, participant groups, capacity with waiting lists, and choosing sessions."""


def init_app(app):
    """Give the application what registration owns: tables, names, audit wording, the change digest and the registration pages."""
    from workshop.core.audit_wording import register_detail_wording
    from workshop.core.checklist import register_steps
    from workshop.core.labels import register_labels
    from workshop.registration import (
        digest,  # noqa: F401  (declares the digest job, listens for releases)
        models,  # noqa: F401  (registers the tables)
    )
    from workshop.registration.labels import LABELS
    from workshop.registration.steps import STEPS
    from workshop.registration.views import blueprint
    from workshop.registration.wording import AUDIT_DETAILS

    register_labels(LABELS)
    register_detail_wording(AUDIT_DETAILS)
    register_steps(STEPS)
    app.register_blueprint(blueprint)
