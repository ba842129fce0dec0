"""The Spanish and French catalogues cover every user-facing string, and pages come out in the reader's language.

When a test here fails after you added or changed a string, run `make translations`, translate the
new or fuzzy entries in workshop/translations/{es,fr}/LC_MESSAGES/messages.po, and run it again.
"""

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import url_for

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "workshop" / "translations"
TRANSLATED_LANGUAGES = ("es", "fr")
# The same keywords as `pybabel extract -k _l -k lazy_gettext -k lazy_pgettext:1c,2` in the Makefile.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")


def read_catalog(path, locale=None):
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def message_ids(catalog):
    """Return the (context, id) of every message: one English word may be several messages (pgettext)."""
    return {(message.context, message.id) for message in catalog if message.id}


def placeholders(text):
    return set(PLACEHOLDER.findall(text))


def forms(value):
    """Return the singular and plural texts of a message id or translation as one tuple."""
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def extract_from_code():
    """Extract every translatable string from the code and templates, as `make translations` does."""
    with (ROOT / "babel.cfg").open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    catalog = Catalog()
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        catalog.add(message, None, [(filename, lineno)], context=context)
    return catalog


@pytest.fixture(scope="module")
def template_catalog():
    return read_catalog(TRANSLATIONS / "messages.pot")


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_message_is_translated(language, template_catalog):
    catalog = read_catalog(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", locale=language)
    untranslated = [
        message.id
        for message in catalog
        if message.id and (message.fuzzy or not all(text.strip() for text in forms(message.string)))
    ]
    assert untranslated == [], f"{language}: untranslated or fuzzy entries"
    assert message_ids(catalog) == message_ids(template_catalog), f"{language}: run `make translations`"
    assert not catalog.fuzzy, f"{language}: the catalogue header is marked fuzzy, so pybabel compile skips it"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translations_keep_the_placeholders(language):
    catalog = read_catalog(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", locale=language)
    mismatched = []
    for message in catalog:
        if not message.id:
            continue
        expected = set().union(*(placeholders(text) for text in forms(message.id)))
        for text in forms(message.string):
            if placeholders(text) != expected:
                mismatched.append((message.id, text))
    assert mismatched == []
    problems = [(message.id, [str(error) for error in errors]) for message, errors in catalog.check()]
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    source = read_catalog(folder / "messages.po", locale=language)
    with (folder / "messages.mo").open("rb") as file:
        compiled = read_mo(file)
    expected = {(message.context, forms(message.id)): forms(message.string) for message in source if message.id}
    actual = {(message.context, forms(message.id)): forms(message.string) for message in compiled if message.id}
    assert actual == expected, f"{language}: the .mo is stale; run `make translations`"


def test_template_lists_every_string_in_the_code(template_catalog):
    in_code = message_ids(extract_from_code())
    in_template = message_ids(template_catalog)
    assert sorted(in_code - in_template, key=str) == [], "strings not yet extracted: run `make translations`"
    assert sorted(in_template - in_code, key=str) == [], "strings no longer in the code: run `make translations`"


@pytest.mark.parametrize(
    ("language", "sign_in", "password"),
    [("en", "Sign in", "Password"), ("es", "Iniciar sesión", "Contraseña"), ("fr", "Se connecter", "Mot de passe")],
)
def test_login_page_speaks_the_chosen_language(client, language, sign_in, password):
    page = client.get(url_for("accounts.login", lang=language)).get_data(as_text=True)
    assert f'<html lang="{language}">' in page
    assert f"<h1>{sign_in}</h1>" in page
    assert password in page


def test_language_chosen_once_is_kept_for_the_next_pages(client):
    client.get(url_for("forums.index", lang="fr"))
    page = client.get(url_for("accounts.login")).get_data(as_text=True)
    assert "<h1>Se connecter</h1>" in page


def test_browser_language_is_used_when_nothing_was_chosen(client):
    page = client.get(url_for("forums.index"), headers={"Accept-Language": "es-CO,es;q=0.9,en;q=0.5"})
    assert "Iniciar sesión" in page.get_data(as_text=True)


def test_flash_messages_are_translated(client):
    response = client.post(
        url_for("accounts.login", lang="es"), data={"email": "nobody@example.org", "password": "not the password"}
    )
    assert "Ese correo electrónico y esa contraseña no corresponden a ninguna cuenta." in response.get_data(
        as_text=True
    )


def test_form_validation_messages_are_translated(client):
    """WTForms' own messages (a required field) come from the catalogues WTForms ships."""
    page = client.post(url_for("accounts.login", lang="fr"), data={"email": "", "password": ""}).get_data(as_text=True)
    assert "Ce champ est requis." in page
