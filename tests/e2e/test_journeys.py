"""One test per user journey, done in Chromium as a person would do it, against the demo installation."""

import re
import subprocess

from tests.calendar_clients import khal_listing
from tests.e2e.accessibility import serious_violations
from workshop.demo.sample_files import make_docx

DEMO_AGENDA = "/f/bogota-2011/agenda"
NEW_FORUM = "e2e-forum"


def submit_form(page, button="#submit"):
    page.click(button)
    page.wait_for_load_state()


def flashed_text(page):
    return page.inner_text("body")


def test_secretariat_builds_a_forum_hits_a_conflict_publishes_twice_and_reads_the_changelog(new_page, sign_in_as):
    page = new_page()
    sign_in_as(page, "admin@demo.workshop.test")
    page.goto("/manage/new")
    page.fill("#title", "Journey forum")
    page.fill("#slug", NEW_FORUM)
    page.fill("#start_date", "2031-03-10")
    page.fill("#end_date", "2031-03-10")
    page.fill("#timezone", "UTC")
    page.check("#is_public")
    submit_form(page)
    assert "Forum created" in flashed_text(page)
    assert "Something went wrong" not in flashed_text(page), "creating a forum ends on an error page"

    page.goto(f"/manage/{NEW_FORUM}/blocks/new")
    page.fill("#starts_at", "09:00")
    page.fill("#ends_at", "12:00")
    page.fill("#label", "Morning")
    submit_form(page)
    page.goto(f"/manage/{NEW_FORUM}/rooms/new")
    page.fill("#name", "Room A")
    submit_form(page)

    def save_session(title, start, end, url=f"/manage/{NEW_FORUM}/sessions/new"):
        page.goto(url)
        page.fill("#title", title)
        page.fill("#starts_at", start)
        page.fill("#ends_at", end)
        page.select_option("#room_id", label="Room A")
        submit_form(page)

    save_session("Opening plenary", "09:00", "10:00")
    first_session_url = re.sub(r"/?$", "", page.url)
    assert re.search(r"/sessions/\d+$", first_session_url), flashed_text(page)
    save_session("Working group", "09:30", "10:30")
    assert "Room A is already taken by" in flashed_text(page)
    page.fill("#starts_at", "10:00")
    page.fill("#ends_at", "11:00")
    submit_form(page)
    assert "saved" in flashed_text(page)

    page.goto(f"/manage/{NEW_FORUM}/releases")
    submit_form(page)
    assert "Release 1 is published" in flashed_text(page)
    save_session("Opening plenary", "11:00", "12:00", url=f"{first_session_url}/edit")
    page.goto(f"/manage/{NEW_FORUM}/releases")
    submit_form(page)
    assert "Release 2 is published" in flashed_text(page)

    page.goto(f"/f/{NEW_FORUM}/agenda/changes")
    assert "Moved: " in flashed_text(page)
    assert "Opening plenary" in flashed_text(page)


def test_visitor_reads_the_agenda_on_a_phone_without_scrolling_sideways(new_page):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(DEMO_AGENDA)
    assert page.get_by_text("Learning from South-South").first.is_visible()
    assert page.locator("main").inner_text().count(":") > 10, "the agenda shows no sessions"
    widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]}px wide on a {widths[1]}px screen"


def test_visitor_downloads_the_pdf_and_follows_the_subscribe_link(new_page):
    page = new_page()
    page.goto(DEMO_AGENDA)
    pdf_link = page.locator('a[href$="/agenda.pdf"]')
    assert pdf_link.count() > 0, "the agenda page must link its PDF (exports/_agenda_links.html)"
    with page.expect_download() as download:
        pdf_link.first.click()
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
    subscribe = page.locator('a[href^="webcal://"]').first.get_attribute("href")
    feed = page.request.get(subscribe.replace("webcal://", "http://", 1))
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert feed.text().startswith("BEGIN:VCALENDAR")


def test_facilitator_uploads_a_draft_then_a_new_version_and_submits_conclusions(new_page, sign_in_as, tmp_path):
    draft = tmp_path / "draft.docx"
    draft.write_bytes(make_docx("Regional draft", ["First draft."]))
    revised = tmp_path / "draft-v2.docx"
    revised.write_bytes(make_docx("Regional draft", ["Second draft, revised."]))
    page = new_page()
    sign_in_as(page, "facilitator@demo.workshop.test")
    page.goto("/f/bogota-2011/my-sessions")
    page.locator("a", has_text="Open workspace").first.click()
    page.wait_for_load_state()

    page.fill("#new-title", "Journey draft paper")
    page.set_input_files("#new-file", str(draft))
    submit_form(page, "#new-submit")
    assert "is uploaded and tabled" in flashed_text(page)
    document_id = re.search(r"#document-(\d+)$", page.url).group(1)
    page.locator(f"#document-{document_id} summary", has_text="Upload a new version").click()
    page.set_input_files(f"#version-{document_id}-file", str(revised))
    submit_form(page, f"#version-{document_id}-submit")
    assert "Version 2 of Journey draft paper is uploaded" in flashed_text(page)

    page.fill("#conclusions-body", "The group agreed on **three** recommendations.")
    submit_form(page, "#conclusions-submit")
    assert "Conclusions saved as a draft" in flashed_text(page)
    submit_form(page, 'form[action$="/conclusions/submit"] button')
    assert "Conclusions submitted" in flashed_text(page)


def test_facilitator_downloads_the_personal_agenda_and_a_session_brief(new_page, sign_in_as):
    page = new_page()
    sign_in_as(page, "facilitator@demo.workshop.test")
    page.goto("/f/bogota-2011/my-sessions")
    workspace = page.locator("a", has_text="Open workspace").first.get_attribute("href")
    session_id = re.search(r"/sessions/(\d+)/documents", workspace).group(1)
    page.goto(DEMO_AGENDA)
    personal = page.locator('a[href$="/my-agenda.pdf"]')
    assert personal.count() > 0, "the agenda page must link the personal agenda (exports/_agenda_links.html)"
    with page.expect_download() as download:
        personal.first.click()
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
    brief = page.request.get(f"/f/bogota-2011/sessions/{session_id}/brief.pdf")
    assert brief.status == 200
    assert brief.body()[:5] == b"%PDF-"


def test_public_agenda_has_no_serious_accessibility_violation(new_page):
    page = new_page(bypass_csp=True)
    page.goto(DEMO_AGENDA)
    serious = serious_violations(page)
    assert not serious, "\n".join(serious)


def test_secretariat_moves_a_panel_to_another_room_and_it_stays_a_panel(new_page, sign_in_as):
    page = new_page()
    sign_in_as(page, "secretariat@demo.workshop.test")
    assert "My forums" in page.inner_text("h1"), "signing in leads to the person's forums"
    page.goto("/manage/bogota-2011/")
    page.locator("a", has_text="Session 2.").first.click()
    page.wait_for_load_state()
    session_url = page.url
    page.click("text=Edit or move")
    page.select_option("#format", label="Panel")
    submit_form(page)
    assert "saved" in flashed_text(page)

    page.goto(f"{session_url}/edit")
    assert page.locator("#format").input_value() == "panel", "the form shows the saved format"
    page.select_option("#room_id", label="No room yet")
    submit_form(page)

    assert "saved" in flashed_text(page)
    assert "Panel" in page.inner_text(".when")
    page.goto(f"{session_url}/edit")
    assert page.locator("#format").input_value() == "panel"


def test_a_new_person_registers_checks_the_address_picks_sessions_and_takes_them_along(new_page, mail_sink, tmp_path):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto("/f/bogota-2011/")
    page.get_by_role("link", name="Register").click()
    page.wait_for_load_state()
    page.fill("#email", "journey@example.org")
    page.select_option("#title", "mx")
    page.fill("#name", "Alex Journey")
    page.select_option("#country_code", "CO")
    page.select_option("#group_id", label="Subject-matter experts (academia)")
    page.check("input[name=languages][value=es]")
    page.fill("#dietary_needs", "No nuts")
    page.check("#listed_publicly")
    submit_form(page)
    assert "We have sent a link to journey@example.org" in flashed_text(page)
    widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], "the forum page is wider than the phone"

    [message] = [message for message in mail_sink.messages if message["To"] == "journey@example.org"]
    link = re.search(r"https?://\S+/register/check/\S+", message.get_body(("plain",)).get_content()).group(0)
    page.goto(link)
    submit_form(page, "#confirm-email")
    assert "Your place is confirmed." in flashed_text(page)
    assert "Confirmed" in page.inner_text("#registration-status")

    page.get_by_role("link", name="Choose sessions").click()
    page.wait_for_load_state()

    def press(title, button):
        page.locator("article.choice-card", has_text=title).get_by_role("button", name=button).click()
        page.wait_for_load_state()
        return flashed_text(page)

    assert "You have a place in Side event: regional platforms" in press("Side event: regional platforms", "Choose")
    assert "runs at the same time as Side event: regional platforms" in press(
        "Session 3. How SSC is expected", "Choose"
    )
    assert "is restricted to the members of “Building block on South-South Cooperation”" in press(
        "closed working meeting", "Choose"
    )
    assert "You have a place in Session 5." in press("Session 5. How to improve", "Choose")

    page.goto("/f/bogota-2011/registration")
    with page.expect_download() as download:
        page.get_by_role("link", name="My agenda (PDF)").click()
    agenda = " ".join(
        subprocess.run(
            ["pdftotext", download.value.path(), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Agenda of Alex Journey" in agenda
    assert "Side event: regional platforms" in agenda and "Session 5." in agenda and "Session 4." in agenda
    assert "Session 3." not in agenda and "closed working meeting" not in agenda

    feed_url = page.locator('a[href^="webcal://"]').first.get_attribute("href").replace("webcal://", "http://", 1)
    feed = page.request.get(feed_url)
    assert feed.status == 200
    listing = khal_listing(feed.body(), tmp_path, "America/Bogota", "2011-09-26", "3d")
    assert "2011-09-27 09:00 2011-09-27 10:15 Side event: regional platforms" in listing
    assert "2011-09-27 14:00 2011-09-27 15:30 Session 5." in listing
    assert "Session 3." not in listing
