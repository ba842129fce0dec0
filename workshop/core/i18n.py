"""Language choice: an explicit choice kept in the session, then the account's, then the browser's."""

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import current_app, has_request_context, request, session
from flask_login import current_user


def select_locale():
    """Return the language to render this request in."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.args.get("lang")
    if chosen in languages:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in languages:
        return session["lang"]
    if current_user and current_user.is_authenticated and current_user.preferred_language in languages:
        return current_user.preferred_language
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def language_of(person, working_languages=()):
    """Return the language to write to `person` in, whoever reads the page: theirs, else the forum's first we speak."""
    languages = current_app.config["LANGUAGES"]
    candidates = (person.preferred_language, *working_languages)
    return next((code for code in candidates if code in languages), current_app.config["BABEL_DEFAULT_LOCALE"])


def init_app(app, babel):
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")


@lru_cache(maxsize=1)
def catalog_fingerprint():
    """Return a short hash of the compiled translations, so that caches of rendered text follow them."""
    digest = hashlib.sha256()
    for catalog in sorted((Path(__file__).parent.parent / "translations").glob("*/LC_MESSAGES/*.mo")):
        digest.update(catalog.read_bytes())
    return digest.hexdigest()[:12]
