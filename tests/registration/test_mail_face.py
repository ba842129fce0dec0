"""A forum's mail carries its logos, linked from the site, above the same text as the plain part."""

import io

from tests.forums import logo_samples as samples
from workshop.extensions import db
from workshop.forums.logos import upload_logo


def test_the_forums_mail_shows_its_logo_linked_from_the_site(create_user, forum, register, mail_to, smtp_sink):
    forum.convened_by = "Ministry of Planning"
    secretary = create_user("sec@example.test")
    logo = upload_logo(secretary, forum, "convener", io.BytesIO(samples.png_bytes()), "Ministry of Planning")
    db.session.commit()

    assert register(forum, email="ana@example.org").status_code == 302

    [message] = mail_to("ana@example.org")
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert f'src="http://localhost/f/{forum.slug}/logos/{logo.id}" alt="Ministry of Planning"' in html
    assert 'height="48"' in html
    first_line = plain.strip().splitlines()[0]
    assert first_line in html


def test_without_a_logo_the_mail_still_reads_the_same(forum, register, mail_to, smtp_sink):
    assert register(forum, email="ana@example.org").status_code == 302

    [message] = mail_to("ana@example.org")
    html = message.get_body(("html",)).get_content()
    assert "<img" not in html
    assert message.get_body(("plain",)).get_content().strip().splitlines()[0] in html
