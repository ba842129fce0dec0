"""Keyboard-only journeys in Chromium, against the demo installation: skip link, visible focus, every control reached.

Nothing here clicks: the journeys press Tab, Enter and type, as a person who uses no mouse does.
"""

import re

DEMO = "/f/bogota-2011"
# Everything a keyboard must be able to reach on a page.
CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary"

FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        key: element.outerHTML.slice(0, 160),
        inPage: document.hasFocus(),
        // Chromium's own picker button inside a date or time field: the field itself is not :focus then.
        inPicker: ['date', 'time'].includes(element.type) && !element.matches(':focus'),
        inMain: !!element.closest('main'),
        ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
        onScreen: box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.width > 0,
    };
}"""

VISIBLE_CONTROLS = f"""() => [...document.querySelectorAll('{CONTROLS}')]
    .filter(element => element.getClientRects().length && !element.closest('details:not([open]) > :not(summary)'))
    .map(element => element.outerHTML.slice(0, 160))"""


def press(page, key):
    page.keyboard.press(key)
    return page.evaluate(FOCUSED)


def tab_through(page):
    """Press Tab from the top of the page until the focus leaves it; return each element it rested on."""
    stops = []
    for _ in range(400):
        focused = press(page, "Tab")
        if not focused["inPage"] or focused["key"].startswith("<body") or (stops and focused["key"] == stops[0]["key"]):
            break
        stops.append(focused)
    return stops


def check_page_by_keyboard(page, path):
    """Open `path`, use its skip link, then Tab through it; return what a keyboard user could not reach or see."""
    page.goto(path)
    problems = []
    skip = press(page, "Tab")
    if "skip-link" not in skip["key"] or not skip["onScreen"] or not skip["ring"]:
        problems.append(f"{path}: the first Tab does not show the skip link: {skip}")
    press(page, "Enter")
    if not press(page, "Tab")["inMain"]:
        problems.append(f"{path}: after the skip link, Tab does not go into the content")
    page.goto(path)
    stops = tab_through(page)
    problems += [
        f"{path}: no visible focus on {stop['key']}"
        for stop in stops
        if not stop["inPicker"] and not (stop["ring"] and stop["onScreen"])
    ]
    reached = {stop["key"] for stop in stops}
    problems += [
        f"{path}: Tab never reaches {control}" for control in page.evaluate(VISIBLE_CONTROLS) if control not in reached
    ]
    return problems


def sign_in_by_keyboard(page, email):
    page.goto("/account/login")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.id") != "email":
        page.keyboard.press("Tab")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type("workshop-demo")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/account/login" not in page.url, f"{email} could not sign in by keyboard"


def test_a_participant_reads_the_agenda_and_switches_language_by_keyboard_alone(new_page):
    page = new_page()
    sign_in_by_keyboard(page, "participant@demo.workshop.test")
    problems = []
    for path in (f"{DEMO}/", f"{DEMO}/agenda", "/account/"):
        problems += check_page_by_keyboard(page, path)
    assert problems == []

    page.goto(f"{DEMO}/agenda")
    while 'lang="es"' not in page.evaluate(FOCUSED)["key"]:
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "es"


def test_the_secretariat_reaches_every_control_and_saves_a_form_by_keyboard_alone(new_page):
    page = new_page()
    sign_in_by_keyboard(page, "secretariat@demo.workshop.test")
    problems = []
    for path in ("/manage/", "/manage/bogota-2011/frame", "/manage/bogota-2011/sessions/new"):
        problems += check_page_by_keyboard(page, path)
    assert problems == []

    page.goto("/manage/bogota-2011/rooms/new")
    while page.evaluate("document.activeElement.id") != "name":
        page.keyboard.press("Tab")
    page.keyboard.type("Keyboard room")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"Keyboard room", page.inner_text("main")), page.inner_text("main")
