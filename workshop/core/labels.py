"""Translatable names for the values of the domain's enumerations and audit actions, gathered from every feature.

Each feature names its own values in its `labels.py` (`LABELS`, by group); `register_labels` adds
them here when the feature is set up, so that every output looks names up in one place.
"""

LABELS: dict[str, dict] = {}


def register_labels(groups):
    """Add a feature's names, by group (a feature may add to a shared group such as "audit_action")."""
    for group, names in groups.items():
        LABELS.setdefault(group, {}).update(names)


def label(value, group):
    """Return the translated name of an enumeration value (an enum member or its string value)."""
    key = getattr(value, "value", value)
    return LABELS[group].get(key, key)


def choices(group):
    """Return (value, label) pairs for a select field."""
    return [(key, text) for key, text in LABELS[group].items()]


def enum_value(value):
    """Coerce a select's data to the plain value its options carry, so that an enum loaded from a model is shown selected."""
    return getattr(value, "value", value)


def group_label(stakeholder, name):
    """Name a participant group: a stakeholder group by its label in the reader's language, any other by its name."""
    return str(label(stakeholder, "stakeholder_group")) if stakeholder else name
