"""A reader in Seoul follows the Bogotá demo forum: offered their zone, reads it on both clocks, goes back; phone too."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import ARTIFACTS

AGENDA = "/f/bogota-2011/agenda"
GRID = "/f/bogota-2011/agenda/grid"
CHOOSER = "/f/bogota-2011/time-zone"
# The demo's afternoon sessions start at 14:00 in Bogotá: 04:00 the next morning in Seoul.
AFTERNOON_IN_SEOUL = re.compile(
    r"4:00 AM–[0-9:]+ (AM|PM) your time, (Tue|Wed|Thu) \d+ Sep \(2:00 PM–[0-9:]+ PM at the forum"
)


def main_text(page):
    """Return the page's main text with every run of spaces as one (Babel writes 4:00 PM with a narrow no-break space)."""
    return re.sub(r"\s+", " ", page.inner_text("main"))


def serious_violations(page):
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def look(page, name):
    """Keep a screenshot to look at (tests/e2e/artifacts/, ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"reader-zone-{name}.png"), full_page=True)


def test_a_reader_in_seoul_is_offered_their_zone_reads_both_clocks_and_switches_back(new_page):
    page = new_page(timezone_id="Asia/Seoul", bypass_csp=True)
    page.goto(AGENDA)
    offer = page.locator(".zone-offer a")
    assert offer.is_visible()
    assert offer.inner_text() == "Your device is set to Asia/Seoul: show the times there"
    assert page.locator(".reader-time").count() == 0, "the detected zone is offered, never applied by itself"
    assert not serious_violations(page)
    look(page, "1-forum-zone")

    offer.click()
    page.wait_for_load_state()
    assert page.locator("#zone").input_value() == "Asia/Seoul"
    assert not serious_violations(page)
    look(page, "chooser")
    page.get_by_role("button", name="Show times in this zone").click()
    page.wait_for_load_state()

    assert page.url.endswith(AGENDA)
    body = main_text(page)
    assert "Times are shown in your time zone, Asia/Seoul (GMT+09:00)." in body
    assert "The forum's own times differ: it runs on America/Bogota (GMT-05:00)." in body
    assert AFTERNOON_IN_SEOUL.search(body), "an afternoon in Bogotá falls on the next day in Seoul, labelled"
    assert not serious_violations(page)
    look(page, "2-reader-zone")

    page.goto(GRID)
    assert AFTERNOON_IN_SEOUL.search(main_text(page))
    assert not serious_violations(page)
    page.get_by_role("link", name=re.compile("Session 1\\.")).first.click()
    page.wait_for_load_state()
    assert "your time" in page.inner_text(".when")
    assert not serious_violations(page)

    page.get_by_role("button", name="Show the forum's own times").click()
    page.wait_for_load_state()
    assert "/sessions/" in page.url, "switching back returns to the page it was pressed on"
    assert page.locator(".reader-time").count() == 0
    page.goto(AGENDA)
    assert page.locator(".reader-time").count() == 0
    assert "Times are the forum's local time, America/Bogota" in main_text(page)


def test_the_chooser_preselects_the_browsers_zone_and_works_on_a_phone_without_scrolling_sideways(new_page):
    phone = new_page(
        timezone_id="Asia/Seoul", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="fr-FR"
    )
    phone.goto(f"{CHOOSER}?lang=fr")
    assert phone.locator("#zone").input_value() == "Asia/Seoul", "the page's script picks the browser's zone"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="Afficher les heures dans ce fuseau").click()
    phone.wait_for_load_state()

    body = main_text(phone)
    assert "Les heures sont affichées dans votre fuseau horaire, Asia/Seoul" in body
    assert "à votre heure" in body and "au forum" in body
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "nothing scrolls sideways"
    look(phone, "3-phone-fr")
    phone.goto(GRID)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    look(phone, "4-phone-grid-fr")


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_an_unknown_zone_sent_to_the_chooser_is_refused_at_the_field(new_page, language):
    page = new_page(bypass_csp=True)
    page.goto(f"{CHOOSER}?lang={language}")
    page.evaluate("""() => {
        const select = document.querySelector('#zone');
        select.add(new Option('Mars', 'Mars/Olympus_Mons'));
        select.value = 'Mars/Olympus_Mons';
    }""")
    page.locator("form.stacked button[type=submit], form.stacked input[type=submit]").first.click()
    page.wait_for_load_state()

    assert page.locator("#zone[aria-invalid=true], .field.has-error #zone").count() == 1
    assert page.locator(".field.has-error .error").is_visible()
    assert not serious_violations(page)
    page.goto(AGENDA)
    assert page.locator(".reader-time").count() == 0
