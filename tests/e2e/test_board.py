"""The schedule board in Chromium: the demo secretariat drags, moves with the keyboard, undoes and publishes."""

import re

import pytest

from tests.e2e.accessibility import serious_violations

BOARD = "/manage/bogota-2011/board?day=2011-09-27"


def card(page, number):
    return page.locator(".board-card", has_text=f"Session {number}.")


def drag_to(page, number, room, clock_row):
    """Drag a card by its top edge so that its top lands on the row `clock_row` (0 = the board's first) of `room`."""
    grid = page.locator(".board-grid").bounding_box()
    head = page.locator(".board-head", has_text=room).bounding_box()
    row_height = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.board-grid')).gridAutoRows)")
    target = {
        "x": head["x"] + head["width"] / 2 - grid["x"],
        "y": head["y"] + head["height"] - grid["y"] + clock_row * row_height + 4,
    }
    card(page, number).drag_to(page.locator(".board-grid"), source_position={"x": 20, "y": 4}, target_position=target)


def status_says(page, text):
    page.wait_for_function(
        "text => document.getElementById('board-status').textContent.includes(text)", arg=text, timeout=15000
    )


def test_secretariat_drags_is_refused_drags_again_moves_by_keyboard_undoes_and_publishes(new_page, sign_in_as):
    page = new_page(viewport={"width": 1280, "height": 1000})
    sign_in_as(page, "secretariat@demo.workshop.test")
    page.goto(BOARD)
    taken_place = card(page, 4).get_attribute("class")

    drag_to(page, 4, "Sala Cartagena", 0)

    status_says(page, "Sala Cartagena is already taken by Session 3.")
    assert card(page, 4).get_attribute("class") == taken_place, "the refused card went back"

    # 11:00 in Sala Cartagena is free once session 3 is over (Salón Bolívar at 9:00 holds the side event).
    drag_to(page, 4, "Sala Cartagena", 25)

    status_says(page, "moved to 11:00")
    assert "Sala Cartagena" in page.inner_text("#board-status")
    assert re.search(r"\bat-26\b.*\broom-2\b", card(page, 4).get_attribute("class"))

    session_three = card(page, 3)
    session_three.focus()
    page.keyboard.press("Enter")
    status_says(page, "Picked up Session 3.")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    status_says(page, "Sala Cartagena")
    assert re.search(r"9:10\s?AM, Sala Cartagena", page.inner_text("#board-status"))
    page.keyboard.press("Enter")

    status_says(page, "Session 3. How SSC is expected to be discussed at the Busan HLF4 moved to 9:10")
    assert page.evaluate("document.activeElement.id") == card(page, 3).get_attribute("id"), "focus stays on the card"
    page.click("text=Undo the last move")
    page.wait_for_load_state()
    assert "Move undone: Session 3." in page.inner_text(".flashes")
    assert re.search(r"\bat-2\b.*\broom-2\b", card(page, 3).get_attribute("class"))

    page.goto("/manage/bogota-2011/releases")
    page.click("#submit")
    page.wait_for_load_state()
    page.goto("/f/bogota-2011/agenda/changes")
    # The newest release comes first; the demo's own releases (a room swap among them) follow "Release 3".
    newest = page.inner_text("main").split("Release 3 ·")[0]
    assert re.search(r"Moved: Session 4\.", newest), newest
    assert "Moved: Session 3." not in newest, "the undone move is not a change"


def test_the_keyboard_escape_puts_a_card_back_and_nothing_is_sent(new_page, sign_in_as):
    page = new_page()
    sign_in_as(page, "secretariat@demo.workshop.test")
    page.goto(BOARD)
    before = card(page, 3).get_attribute("class")

    card(page, 3).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")

    status_says(page, "Put back where it was.")
    assert card(page, 3).get_attribute("class") == before
    page.reload()
    assert card(page, 3).get_attribute("class") == before


PARALLEL = (r"^Session 3\.", r"^Side event: regional platforms")


def test_visitor_sees_parallel_sessions_side_by_side_on_a_desktop_and_a_list_on_a_phone(new_page):
    desktop = new_page(viewport={"width": 1280, "height": 900})
    desktop.goto("/f/bogota-2011/agenda/grid")
    # Session 3 (Sala Cartagena) and the side event (Salón Bolívar) both start at 9:00 on the second day.
    third, side_event = (desktop.get_by_role("link", name=re.compile(name)) for name in PARALLEL)
    assert third.bounding_box()["y"] == side_event.bounding_box()["y"], "parallel sessions share a row"
    assert third.bounding_box()["x"] < side_event.bounding_box()["x"]

    phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.goto("/f/bogota-2011/agenda/grid")
    third, side_event = (phone.get_by_role("link", name=re.compile(name)) for name in PARALLEL)
    assert third.bounding_box()["y"] < side_event.bounding_box()["y"], "on a phone the rooms follow each other"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "nothing scrolls sideways"


@pytest.mark.parametrize(
    ("path", "reader"), [(BOARD, "secretariat@demo.workshop.test"), ("/f/bogota-2011/agenda/grid", None)]
)
def test_the_board_and_the_grid_have_no_serious_accessibility_violation(new_page, sign_in_as, path, reader):
    page = new_page(bypass_csp=True)
    if reader:
        sign_in_as(page, reader)
    page.goto(path)
    serious = serious_violations(page)
    assert not serious, "\n".join(serious)
