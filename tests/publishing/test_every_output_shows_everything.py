"""Property: every published session and loose item appears in the agenda page, the PDF, the feed and the JSON alike.

Hypothesis draws programmes (days announced or not, blocks, sessions in blocks and outside any,
loose items with and without speakers, time zones) and publishes them; each output is then read
back as its reader gets it. Titles carry a tag (SES3, ITM5) that every output must show.
"""

import io
import re
from datetime import date, time, timedelta

import pdfplumber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import empty_all_tables
from workshop.accounts.models import User
from workshop.core.timezones import local_to_utc
from workshop.extensions import db
from workshop.forums.models import Forum
from workshop.programme.models import BlockItem, ForumDay, ForumSession, ItemKind, TimeBlock
from workshop.publishing.services import publish_release

FIRST_DAY = date(2031, 3, 10)
ZONES = ("UTC", "America/Bogota", "Asia/Seoul", "Pacific/Auckland")
WORDS = st.lists(
    st.sampled_from(["agenda", "cooperación", "Sud-Sud", "débat", "partners", "Busan", "G20"]), min_size=0, max_size=4
).map(" ".join)


def pdf_text(body):
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        return " ".join(page.extract_text() or "" for page in pdf.pages)


@st.composite
def programmes(draw):
    """Return a programme as plain data: a zone and days of blocks, sessions and loose items."""
    days = []
    for offset in range(draw(st.integers(1, 3))):
        blocks = []
        for hour in sorted(draw(st.sets(st.sampled_from([8, 11, 14, 17]), max_size=3))):
            slots = draw(st.lists(st.sampled_from(["session", "item", "spoken item"]), max_size=3))
            blocks.append((hour, slots))
        outside = draw(st.lists(st.sampled_from([7, 12, 20]), max_size=2))
        days.append((offset, draw(st.booleans()), blocks, outside))
    return draw(st.sampled_from(ZONES)), days


def build(zone, days, draw_words):
    """Write the programme; return the tags of its sessions and loose items."""
    forum = Forum(
        slug="property",
        title="Property forum",
        start_date=FIRST_DAY,
        end_date=FIRST_DAY + timedelta(days=len(days) - 1),
        timezone=zone,
    )
    speaker = User(email="speaker@example.test", name="Amina Yusuf")
    db.session.add_all([forum, speaker])
    tags = {"session": [], "item": []}

    def at(on, hour, minute=0):
        return local_to_utc(on, time(hour, minute), zone)

    def add_session(on, block, hour, minute):
        tag = f"SES{len(tags['session'])}"
        tags["session"].append(tag)
        db.session.add(
            ForumSession(
                forum=forum,
                block=block,
                title=f"{tag} {draw_words()}".strip(),
                starts_at=at(on, hour, minute),
                ends_at=at(on, hour, minute) + timedelta(minutes=40),
            )
        )

    for offset, to_be_announced, blocks, outside in days:
        on = FIRST_DAY + timedelta(days=offset)
        day = ForumDay(forum=forum, date=on, to_be_announced=to_be_announced)
        for hour, slots in blocks:
            block = TimeBlock(day=day, starts_at=at(on, hour), ends_at=at(on, hour + 3))
            for position, slot in enumerate(slots):
                if slot == "session":
                    add_session(on, block, hour + position, 0)
                    continue
                tag = f"ITM{len(tags['item'])}"
                tags["item"].append(tag)
                db.session.add(
                    BlockItem(
                        block=block,
                        kind=ItemKind.OTHER,
                        title=f"{tag} {draw_words()}".strip(),
                        starts_at=at(on, hour + position),
                        ends_at=at(on, hour + position, 30),
                        speaker=speaker if slot == "spoken item" else None,
                    )
                )
        for hour in outside:
            add_session(on, None, hour, 15)
        db.session.add(day)
    db.session.flush()
    publisher = User(email="publisher@example.test", name="Publisher", is_admin=True)
    db.session.add(publisher)
    publish_release(publisher, forum, "preliminary")
    db.session.commit()
    return tags


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(programme=programmes(), data=st.data())
def test_every_published_session_and_loose_item_is_in_every_output(app, client, migrated_tables, programme, data):
    empty_all_tables(migrated_tables)
    zone, days = programme
    tags = build(zone, days, lambda: data.draw(WORDS))

    page = client.get("/f/property/agenda").get_data(as_text=True)
    pdf = " ".join(pdf_text(client.get("/f/property/agenda.pdf").data).split())
    feed = client.get("/f/property/agenda.ics").get_data(as_text=True).replace("\r\n ", "")
    agenda = client.get("/api/v1/forums/property/agenda").get_json()
    listed = " ".join(
        entry.get("title") or next(s["title"] for s in agenda["sessions"] if s["id"] == entry["session_id"])
        for day in agenda["days"]
        for block in day["blocks"]
        for entry in block["entries"]
    )

    for tag in tags["session"] + tags["item"]:
        pattern = re.compile(rf"\b{tag}\b")
        missing = [
            name
            for name, text in (("page", page), ("PDF", pdf), ("feed", feed), ("JSON days", listed))
            if not pattern.search(text)
        ]
        assert not missing, f"{tag} is missing from {missing} ({zone}, {days})"
    assert len(agenda["sessions"]) == len(tags["session"])
    # The PDF's text layer may split a name around a time in the next column; the page must name every speaker.
    assert page.count("Amina Yusuf") == sum(
        slots.count("spoken item") for _offset, _tba, blocks, _outside in days for _hour, slots in blocks
    )
