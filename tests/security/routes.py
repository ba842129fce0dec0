"""Read the app's routes and fill their URL parameters from the security world."""

from urllib.parse import urlsplit

from workshop import create_app

SKIPPED_ENDPOINTS = {"static"}

# Routes whose <item_id> is a loose item of a block rather than an item of a session.
LOOSE_ITEM_ENDPOINTS = {"programme.edit_loose_item", "programme.delete_loose_item"}

# Routes whose <token> is a mailed link; every other <token> is a personal feed secret.
MAILED_TOKENS = {"accounts.set_password": "password_token", "accounts.unlock_sign_in": "unlock_token"}


def list_rules():
    """Return every routed rule but the static files, read from an app that is never served."""
    app = create_app({"TESTING": True, "SECRET_KEY": "routes-only", "DATABASE_URL": "sqlite://"})
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint not in SKIPPED_ENDPOINTS]
    return sorted(rules, key=lambda rule: (rule.endpoint, rule.rule))


def rule_id(rule):
    """Name a rule in test ids: its endpoint, and its path when one endpoint has several."""
    return f"{rule.endpoint}:{rule.rule}"


def method_for(rule):
    """GET when the route answers it, else POST (the state change does not matter, the status does)."""
    return "GET" if "GET" in rule.methods else "POST"


def parameter_values(rule, world, forum_parts, target_parts=None):
    """Return the URL arguments of `rule`: the slug of `forum_parts`, ids of `target_parts` (same forum by default)."""
    target = target_parts or forum_parts
    values = {}
    for name in rule.arguments:
        if name == "slug":
            values[name] = forum_parts.ids["slug"]
        elif name == "item_id" and rule.endpoint in LOOSE_ITEM_ENDPOINTS:
            values[name] = target.ids["loose_item_id"]
        elif name == "token":
            values[name] = world.extra_ids[MAILED_TOKENS.get(rule.endpoint, "feed_token")]
        elif name in target.ids:
            values[name] = target.ids[name]
        elif name in world.extra_ids:
            values[name] = world.extra_ids[name]
        else:
            raise KeyError(f"{rule_id(rule)}: no value for URL parameter <{name}>; add it to the security world")
    return values


# Answers that mean the request got past the permission checks and its (empty) input was refused.
INPUT_REFUSALS = {400, 409, 413, 415, 422}


def classify(response, login_path):
    """Reduce a response to an outcome class: ok, login, forbidden, not_found, or the bare status.

    "ok" is a page, a redirect elsewhere than the login page, or the refusal of the request's empty
    form: whoever got past the permission checks. The matrix then checks what the request did to the
    database (an empty form that is refused must have changed nothing).
    """
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        return "login" if urlsplit(response.headers.get("Location", "")).path == login_path else "ok"
    if 200 <= status < 300 or status == 304 or status in INPUT_REFUSALS:
        return "ok"
    return {403: "forbidden", 404: "not_found"}.get(status, str(status))
