"""Every link Workshop sends out (mail, feeds, the API) points at the configured site, whatever Host a request names."""

import json
import re

import icalendar
import pytest

from workshop.extensions import db
from workshop.forums.models import Forum
from workshop.forums.services import appoint_to_forum

SITE = "https://forum.example.org/workshop/"
FORGED = {"Host": "evil.example"}


@pytest.fixture
def site(app):
    """Serve under a configured address with a path, trusting any Host header (as an unconfigured site would)."""
    app.config.update(SITE_URL=SITE, TRUSTED_HOSTS=None)
    return SITE


def links_in(text):
    return re.findall(r"(?:https?|webcal)://[^\s\"'<>]+", text)


def test_a_password_reset_link_is_built_on_the_site_address(client, create_user, smtp_sink, site):
    user = create_user()

    client.post("/account/password/reset", data={"email": user.email}, headers=FORGED)

    [message] = smtp_sink.messages
    [link] = links_in(message.get_content())
    assert link.startswith(f"{SITE}account/password/set/")


def test_an_invitation_link_is_built_on_the_site_address(app, world, smtp_sink, site):
    forum = db.session.get(Forum, world.forum_a.forum_id)

    with app.test_request_context(headers=FORGED):
        appoint_to_forum(world.user("secretariat"), forum, "newcomer@example.test", "Newcomer", "participant")
        db.session.commit()

    [message] = smtp_sink.messages
    links = links_in(message.get_content())
    assert links and all(link.startswith(f"{SITE}account/password/set/") for link in links)


def test_feeds_and_the_api_link_to_the_site_address(client, world, site):
    slug = world.forum_a.ids["slug"]

    calendar = client.get(f"/f/{slug}/agenda.ics", headers=FORGED)
    agenda = client.get(f"/api/v1/forums/{slug}/agenda", headers=FORGED)
    openapi = client.get("/api/v1/openapi.json", headers=FORGED)
    page = client.get(f"/f/{slug}/agenda", headers=FORGED)

    events = icalendar.Calendar.from_ical(calendar.data).walk("VEVENT")
    sessions = [event for event in events if str(event["UID"]).startswith("workshop-session-")]
    assert sessions and all(str(event["URL"]).startswith(f"{SITE}f/{slug}/sessions/") for event in sessions)
    assert all(str(event["UID"]).endswith("@forum.example.org") for event in events)
    assert "evil.example" not in calendar.get_data(as_text=True)
    documents = json.loads(agenda.data)["documents"]
    assert documents and all(document["url"].startswith(f"{SITE}f/{slug}/documents/") for document in documents)
    assert json.loads(openapi.data)["servers"][0]["url"] == SITE.rstrip("/")
    assert f'href="webcal://forum.example.org/workshop/f/{slug}/agenda.ics"' in page.get_data(as_text=True)
    assert "evil.example" not in page.get_data(as_text=True)


def test_the_personal_feed_links_to_the_site_address(client, world, site):
    facilitator = world.user("facilitator")

    response = client.get(f"/feeds/{facilitator.feed_token}.ics", headers=FORGED)

    events = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
    sessions = [event for event in events if str(event["UID"]).startswith("workshop-session-")]
    assert sessions and all(str(event["URL"]).startswith(SITE) for event in sessions)


def test_a_private_forum_export_is_not_built_again_for_another_host(client, world, site, monkeypatch):
    from workshop.exports import ical

    forum = db.session.get(Forum, world.forum_a.forum_id)
    builds = []
    real = ical.calendar_bytes
    monkeypatch.setattr(ical, "calendar_bytes", lambda *arguments: builds.append(1) or real(*arguments))

    bodies = {
        client.get(f"/f/{forum.slug}/agenda.ics", headers={"Host": f"host{number}.example"}).data
        for number in range(20)
    }

    assert len(builds) == 1
    assert len(bodies) == 1
