"""Check-in at the door on a phone: typed codes, a scan with the network cut, and the page read by axe."""

import json

from playwright.sync_api import expect

from tests.e2e.accessibility import serious_violations

DESK = "/manage/bogota-2011/desk"
CHECK_IN = f"{DESK}/check-in"
QUEUE_KEY = "workshop-check-in:bogota-2011"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def badge_code_of(page, name):
    """Read a confirmed person's badge code from the desk's search, as an officer would without the badge."""
    page.goto(f"{CHECK_IN}?q={name}")
    return page.locator("ul.check-in-found input[name=code]").first.input_value()


def type_code(page, code):
    page.fill("#code", code)
    page.click("#submit")


def test_the_door_checks_two_people_in_by_typed_code_and_keeps_a_scan_made_offline(new_page, sign_in_as):
    page = new_page(**PHONE)
    sign_in_as(page, "secretariat@demo.workshop.test")
    siti, park, thabo = (badge_code_of(page, name) for name in ("Siti Rahmawati", "Park Min-jun", "Thabo Nkosi"))
    page.goto(CHECK_IN)
    result, pending = page.locator("#check-in-result"), page.locator("#check-in-pending")

    type_code(page, siti)
    expect(result).to_have_text("Checked in: Siti Rahmawati, Country representatives.")
    type_code(page, park.lower())
    expect(result).to_contain_text("Checked in: Park Min-jun")
    type_code(page, park)
    expect(result).to_contain_text("Already checked in (at")
    assert page.url.endswith(CHECK_IN), "the page checked people in without leaving itself"

    page.context.set_offline(True)
    type_code(page, thabo)
    expect(result).to_contain_text("No connection: the scan is kept on this phone")
    expect(pending).to_have_text("1 scan is waiting to be sent. It is kept on this phone and sent again by itself.")
    [kept] = json.loads(page.evaluate(f"window.localStorage.getItem('{QUEUE_KEY}')"))
    assert kept["code"] == thabo

    page.context.set_offline(False)
    expect(result).to_contain_text("Checked in: Thabo Nkosi")
    expect(pending).to_be_hidden()
    assert json.loads(page.evaluate(f"window.localStorage.getItem('{QUEUE_KEY}')")) == []
    widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], "the check-in page is wider than the phone"

    page.goto(f"{DESK}/participants?checked_in=yes")
    listed = page.inner_text("table")
    for name in ("Siti Rahmawati", "Park Min-jun", "Thabo Nkosi"):
        assert name in listed


def test_a_refused_badge_is_said_loudly_and_leaves_the_queue(new_page, sign_in_as):
    page = new_page(**PHONE)
    sign_in_as(page, "secretariat@demo.workshop.test")
    page.goto(CHECK_IN)

    type_code(page, "1-AAAAAAAAAA")

    expect(page.locator("#check-in-result.refused")).to_have_text(
        "This badge was not issued by Workshop. Check the person's identity by hand."
    )
    expect(page.locator("#check-in-pending")).to_be_hidden()


def test_the_check_in_page_has_no_serious_accessibility_violation(new_page, sign_in_as):
    page = new_page(bypass_csp=True, **PHONE)
    sign_in_as(page, "secretariat@demo.workshop.test")
    page.goto(CHECK_IN)
    type_code(page, "1-AAAAAAAAAA")
    expect(page.locator("#check-in-result")).to_be_visible()

    serious = serious_violations(page)
    assert not serious, "\n".join(serious)
