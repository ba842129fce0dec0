"""Text that comes from libraries (countries, error explanations) follows the reader's language too."""

import pytest
from flask_babel import force_locale

from workshop.core.templating import country_name


@pytest.mark.parametrize(("language", "expected"), [("en", "Germany"), ("es", "Alemania"), ("fr", "Allemagne")])
def test_country_names_are_in_the_reader_s_language(app, language, expected):
    with app.test_request_context(), force_locale(language):
        assert country_name("de") == expected


def test_an_unknown_code_is_shown_as_it_is(app):
    with app.test_request_context():
        assert country_name("XX") == "XX"


def test_error_pages_do_not_fall_back_to_english_explanations(client):
    page = client.get("/f/no-such-forum/agenda?lang=es").get_data(as_text=True)
    assert "<h1>No encontrado</h1>" in page
    assert "The requested URL was not found" not in page


def test_a_label_written_as_a_constant_in_a_template_follows_each_reader_s_language(app):
    # Jinja folds a filter applied to constants when it compiles the template; a label must not be
    # frozen in the language of whoever happened to be served first.
    template = app.jinja_env.from_string('{{ "women"|label("report_field") }}')
    with app.test_request_context(), force_locale("en"):
        assert template.render() == "Women"
    with app.test_request_context(), force_locale("es"):
        assert template.render() == "Mujeres"
