"""Two members of the secretariat upload a logo at the same moment: both are kept, each under its own number."""

from sqlalchemy import select

from tests.concurrency.conftest import all_at_once
from tests.forums import logo_samples as samples
from workshop.accounts.models import ForumRoleName
from workshop.extensions import db
from workshop.forums.models import ForumLogo

TIMEOUT = 60


def test_simultaneous_logo_uploads_are_numbered_one_after_the_other(live_url, signed_in, create_forum, create_user):
    forum = create_forum(convened_by="Ministry of Planning")
    secretaries = [
        create_user(f"sec-{number}@example.test", roles={forum: [ForumRoleName.SECRETARIAT]}) for number in range(4)
    ]
    clients = [signed_in(secretary) for secretary in secretaries]
    url = f"{live_url}/manage/{forum.slug}/appearance"

    def upload(number):
        return lambda: clients[number].post(
            url,
            data={"accent_colour": "", "partner_name": ""},
            files={"convener_logo": (f"logo-{number}.png", samples.png_bytes(10 + number, 10))},
            allow_redirects=False,
            timeout=TIMEOUT,
        )

    responses = all_at_once([upload(number) for number in range(4)])

    assert [response.status_code for response in responses] == [302] * 4
    numbers = db.session.scalars(select(ForumLogo.number).where(ForumLogo.forum_id == forum.id)).all()
    assert sorted(numbers) == [1, 2, 3, 4]
