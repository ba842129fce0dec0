"""A refused upload answers at the field: the page goes to it, the typed fields stay, the file is asked for again."""

import io
import re

from workshop.demo.sample_files import make_docx


def test_a_draft_without_a_title_is_refused_at_the_title_with_everything_else_kept(
    client,
    login,
    create_user,
    create_forum,
    create_day,
    create_block,
    create_session,
):
    forum = create_forum()
    facilitator = create_user()
    session = create_session(forum, create_block(create_day(forum)), facilitators=[facilitator])
    login(client, facilitator)
    url = f"/f/{forum.slug}/sessions/{session.id}/documents"

    response = client.post(
        f"{url}/new",
        data={
            "new-title": "",
            "new-kind": "position_paper",
            "new-language": "es",
            "new-note": "Second draft",
            "new-status": "revised",
            "new-organisation_id": "0",
            "new-translation_of_id": "0",
            "new-file": (io.BytesIO(make_docx("Paper", ["Text."])), "paper.docx"),
        },
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    title = re.search(r'<input[^>]*id="new-title"[^>]*>', page).group(0)
    assert "autofocus" in title and "required" in title
    assert page.count("autofocus") == 1, "only the first faulty field takes the focus"
    assert re.search(r'<option selected value="position_paper">|<option value="position_paper" selected>', page)
    assert 'value="Second draft"' in page
    assert "Choose the file again" in page
    form = re.search(r'<form[^>]*action="[^"]*/documents/new"[^>]*>', page).group(0)
    assert "novalidate" not in form, "the browser may check the title before the file is sent"


def test_the_session_form_focuses_its_first_faulty_field(
    client,
    login,
    create_user,
    create_forum,
    create_day,
    create_block,
):
    forum = create_forum()
    create_block(create_day(forum))
    login(client, create_user(is_admin=True))

    page = client.post(f"/manage/{forum.slug}/sessions/new", data={"title": "", "starts_at": "10:00"}).get_data(
        as_text=True
    )

    focused = re.findall(r"<(?:input|select|textarea)[^>]*autofocus[^>]*>", page)
    assert len(focused) == 1 and 'id="title"' in focused[0]
