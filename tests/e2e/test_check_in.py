"""Check-in at the door on a phone: typed codes, a scan with the network cut, a badge read by the camera, axe."""

import io
import json

import segno
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.accessibility import serious_violations
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

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


def badge_video(code, path):
    """Write a camera's view of a badge's QR code as a Y4M video, which Chromium plays as its fake camera."""
    width, height = 640, 480
    picture = Image.new("L", (width, height), 255)
    qr = segno.make(code, error="m", micro=False)
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=8, border=4)
    symbol = Image.open(buffer).convert("L")
    picture.paste(symbol, ((width - symbol.width) // 2, (height - symbol.height) // 2))
    # 4:2:0 colour planes at their middle value: a grey picture.
    chroma = bytes([128]) * (width * height // 2)
    frame = b"FRAME\n" + picture.tobytes() + chroma
    path.write_bytes(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode() + frame * 10)
    return path


def test_the_phone_camera_reads_a_badge_and_checks_the_person_in(browser, new_page, sign_in_as, live_server, tmp_path):
    page = new_page(**PHONE)
    sign_in_as(page, "secretariat@demo.workshop.test")
    code = badge_code_of(page, "Ana Paula Souza")
    video = badge_video(code, tmp_path / "badge.y4m")
    arguments = [
        *CHROMIUM_ARGS,
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    # A browser of its own: the fake camera is chosen when Chromium starts.
    camera_browser = browser.browser_type.launch(executable_path=str(CHROMIUM), args=arguments)
    try:
        context = camera_browser.new_context(base_url=live_server, **PHONE)
        context.grant_permissions(["camera"])
        door = context.new_page()
        sign_in_as(door, "secretariat@demo.workshop.test")
        door.goto(CHECK_IN)

        door.get_by_role("button", name="Scan badges with the camera").click()

        expect(door.locator("#check-in-result")).to_have_text(
            "Checked in: Ana Paula Souza, Country representatives.", timeout=20000
        )
        door.get_by_role("button", name="Stop the camera").click()
        expect(door.locator("#camera-video")).to_be_hidden()
    finally:
        camera_browser.close()
