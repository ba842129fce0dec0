"""Import every feature's models so that SQLAlchemy and Alembic see the whole schema."""


def load_all_models():
    """Import the model modules of every feature; their classes register themselves on `db`."""
    import workshop.accounts.models  # noqa: F401
    import workshop.core.audit  # noqa: F401
    import workshop.documents.models  # noqa: F401
    import workshop.forums.models  # noqa: F401
    import workshop.programme.models  # noqa: F401
    import workshop.publishing.models  # noqa: F401
    import workshop.registration.models  # noqa: F401
