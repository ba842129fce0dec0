"""What a request can carry in its path, method and form fields never costs a server error.

Built from the URL map and from every form class, so that a new route or form is covered the day
it is written: huge numbers in paths are not found, control characters in paths are not found,
control characters in form fields are dropped, huge numbers in form fields are refused at their
field, and a wrong method is answered 405 with the methods that would do.
"""

import importlib
import inspect
import pkgutil
from urllib.parse import urlsplit

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from werkzeug.routing import IntegerConverter, UnicodeConverter
from wtforms import IntegerField, SelectField, StringField, TextAreaField

import workshop
from tests.security.routes import list_rules, method_for, parameter_values
from workshop.core.forms import WorkshopForm

RULES = list_rules()
TOO_LARGE = 2**31
RULES_WITH_NUMBERS = [
    rule for rule in RULES if any(isinstance(converter, IntegerConverter) for converter in rule._converters.values())
]
RULES_WITH_TEXT = [
    rule for rule in RULES if any(isinstance(converter, UnicodeConverter) for converter in rule._converters.values())
]


def number_arguments(rule):
    return [name for name, converter in rule._converters.items() if isinstance(converter, IntegerConverter)]


def text_arguments(rule):
    return [name for name, converter in rule._converters.items() if isinstance(converter, UnicodeConverter)]


def test_the_url_map_has_numbers_and_text_to_check():
    assert len(RULES_WITH_NUMBERS) > 20
    assert len(RULES_WITH_TEXT) > 20


def request_each(app, client, rules, arguments_of, replace):
    """Request every rule with each of its `arguments_of(rule)` replaced in turn; return the URLs that were not 404."""
    surprises = []
    for rule in rules:
        for name in arguments_of(rule):
            values = parameter_values(rule, client.world, client.world.forum_a)
            values[name] = replace(values[name])
            url = app.url_for(rule.endpoint, **values)
            response = client.open(url, method=method_for(rule))
            if response.status_code != 404:
                surprises.append(f"{method_for(rule)} {url!r}: {response.status_code}")
    return surprises


@pytest.fixture
def admin_client(client, world, sign_in):
    """A client signed in as the site administrator, who gets past every permission check."""
    sign_in(client, world.user("admin"))
    client.world = world
    return client


@pytest.mark.parametrize("number", [TOO_LARGE, 2**63], ids=["postgresql", "sqlite"])
def test_a_number_too_large_for_the_database_is_not_found(app, admin_client, number):
    surprises = request_each(app, admin_client, RULES_WITH_NUMBERS, number_arguments, lambda value: number)
    assert not surprises, "\n".join(surprises)


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f"], ids=["nul", "escape", "delete"])
def test_a_control_character_in_a_path_is_not_found(app, admin_client, character):
    surprises = request_each(app, admin_client, RULES_WITH_TEXT, text_arguments, lambda value: f"{value}{character}")
    assert not surprises, "\n".join(surprises)


def test_a_method_no_route_takes_gets_405_with_the_allowed_ones(app, admin_client):
    surprises = []
    for rule in RULES:
        url = app.url_for(rule.endpoint, **parameter_values(rule, admin_client.world, admin_client.world.forum_a))
        allowed = set(app.url_map.bind("localhost").allowed_methods(urlsplit(url).path))
        response = admin_client.open(url, method="DELETE")
        answered = set(response.headers.get("Allow", "").replace(" ", "").split(","))
        # The API answers in JSON, pages in HTML.
        expected_type = "application/json" if urlsplit(url).path.startswith("/api/") else "text/html"
        if response.status_code != 405 or answered != allowed or expected_type not in response.content_type:
            surprises.append(f"DELETE {url}: {response.status_code}, Allow: {response.headers.get('Allow')}")
    assert not surprises, "\n".join(surprises)


# --- Every form class --------------------------------------------------------------------


def every_form_class():
    """Import every module of the application and return every form class it defines."""
    for module in pkgutil.walk_packages(workshop.__path__, "workshop."):
        importlib.import_module(module.name)
    found, pending = set(), [FlaskForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass.__module__.startswith("workshop.") and subclass not in found:
                found.add(subclass)
                pending.append(subclass)
    return sorted(found - {WorkshopForm}, key=lambda form_class: form_class.__qualname__)


FORM_CLASSES = every_form_class()


def build_form(form_class, formdata):
    """Build a form from `formdata`; choices that views fill in (or pass as arguments) are left empty."""
    parameters = [
        parameter
        for name, parameter in inspect.signature(form_class.__init__).parameters.items()
        if name != "self" and parameter.kind == parameter.POSITIONAL_OR_KEYWORD and parameter.default is parameter.empty
    ]
    form = form_class(*([] for _ in parameters), formdata=formdata, meta={"csrf": False})
    for field in form:
        if isinstance(field, SelectField) and field.choices is None:
            field.choices = []
    return form


def test_there_are_forms_to_check():
    assert len(FORM_CLASSES) > 20


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda form_class: form_class.__qualname__)
def test_every_form_derives_from_the_one_that_cleans_its_input(form_class):
    assert issubclass(form_class, WorkshopForm)


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda form_class: form_class.__qualname__)
def test_control_characters_are_dropped_from_every_text_field(app, form_class):
    with app.test_request_context(method="POST"):
        names = [field.name for field in build_form(form_class, MultiDict())]
        form = build_form(form_class, MultiDict({name: "ab\x00c\x1b\x7fd\te\r\nf\x85" for name in names}))

        texts = {field.name: field.data for field in form if isinstance(field.data, str)}

    for name, value in texts.items():
        assert value.startswith("abcd\te"), (name, value)
        assert not any(character in value for character in "\x00\x1b\x7f\x85"), (name, value)


def test_most_forms_have_text_fields_to_clean(app):
    with app.test_request_context(method="POST"):
        with_text = [
            form_class
            for form_class in FORM_CLASSES
            if any(isinstance(field, (StringField, TextAreaField)) for field in build_form(form_class, MultiDict()))
        ]
    assert len(with_text) > 15


def has_number_field(form_class):
    field_classes = (getattr(getattr(form_class, name), "field_class", None) for name in dir(form_class))
    return any(isinstance(field_class, type) and issubclass(field_class, IntegerField) for field_class in field_classes)


FORMS_WITH_NUMBERS = [form_class for form_class in FORM_CLASSES if has_number_field(form_class)]


def test_there_are_number_fields_to_check():
    assert FORMS_WITH_NUMBERS


@pytest.mark.parametrize("form_class", FORMS_WITH_NUMBERS, ids=lambda form_class: form_class.__qualname__)
@pytest.mark.parametrize("number", [str(TOO_LARGE), str(-TOO_LARGE - 1), "9" * 5000])
def test_a_number_too_large_for_the_database_is_refused_at_its_field(app, form_class, number):
    with app.test_request_context(method="POST"):
        names = [field.name for field in build_form(form_class, MultiDict()) if isinstance(field, IntegerField)]
        form = build_form(form_class, MultiDict({name: number for name in names}))
        form.validate()

        assert all(form[name].errors for name in names), {name: form[name].errors for name in names}


@pytest.mark.parametrize("page", [str(TOO_LARGE), str(2**63), "0", "-1", "2"])
def test_a_page_number_beyond_the_pages_is_not_found(app, client, world, sign_in, page):
    sign_in(client, world.user("secretariat"))
    url = app.url_for("forums.audit_trail", slug=world.forum_a.ids["slug"])

    assert client.get(url).status_code == 200
    assert client.get(f"{url}?page={page}").status_code == 404
