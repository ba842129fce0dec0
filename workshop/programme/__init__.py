"""Sessions, their items and keynote slots, appointments, and the scheduling rules."""


def init_app(app):
    """Give the application what the programme owns: tables, names, audit wording and the programme screens."""
    from workshop.core.audit_wording import register_detail_wording
    from workshop.core.checklist import register_steps
    from workshop.core.labels import register_labels
    from workshop.programme import board_views, models  # noqa: F401  (register the board's routes and the tables)
    from workshop.programme.labels import LABELS
    from workshop.programme.steps import STEPS
    from workshop.programme.views import blueprint
    from workshop.programme.wording import AUDIT_DETAILS

    register_labels(LABELS)
    register_steps(STEPS)
    register_detail_wording(AUDIT_DETAILS)
    app.register_blueprint(blueprint)
