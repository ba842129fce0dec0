"""The secretariat gives the demo forum its convener's logo and colour, and sees them on the agenda and its PDF."""

import subprocess

from tests.forums import logo_samples as samples

APPEARANCE = "/manage/bogota-2011/appearance"
AGENDA = "/f/bogota-2011/agenda"
# #8b0000 as the browser computes it.
DARK_RED = "rgb(139, 0, 0)"


def test_secretariat_uploads_a_logo_picks_a_colour_and_sees_them_on_the_agenda_and_its_pdf(
    new_page, sign_in_as, tmp_path
):
    page = new_page()
    sign_in_as(page, "secretariat@demo.workshop.test")
    refused_svg = tmp_path / "with-script.svg"
    refused_svg.write_bytes(samples.SVG_WITH_SCRIPT)
    page.goto(APPEARANCE)
    page.set_input_files("#convener_logo", str(refused_svg))
    page.click("#submit")
    page.wait_for_load_state()
    assert "a logo may only draw" in page.inner_text(".field.has-error")

    logo = tmp_path / "apc-colombia.png"
    logo.write_bytes(samples.png_bytes(240, 80, (139, 0, 0)))
    page.fill("#accent_colour", "#8b0000")
    page.set_input_files("#convener_logo", str(logo))
    page.click("#submit")
    page.wait_for_load_state()
    assert page.url.endswith(APPEARANCE)

    page.goto(AGENDA)
    image = page.locator("header.forum-header img.forum-logo-convener")
    assert image.get_attribute("alt")
    assert image.evaluate("image => image.complete && image.naturalWidth") == 240
    link_colour = page.locator("a", has_text="What changed").evaluate("link => getComputedStyle(link).color")
    assert link_colour == DARK_RED
    page.screenshot(path=str(tmp_path / "agenda.png"))

    # The reader's request builds the PDF (the queue runs at once here): give it time on a busy machine.
    response = page.request.get(page.locator('a[href$="/agenda.pdf"]').first.get_attribute("href"), timeout=180_000)
    assert response.status == 200
    pdf = tmp_path / "agenda.pdf"
    pdf.write_bytes(response.body())
    listing = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(pdf)], capture_output=True, text=True)
    rows = [line.split() for line in listing.stdout.splitlines()[2:]]
    assert any(row[3:5] == ["240", "80"] for row in rows), listing.stdout
    # The first page as a person sees it, kept beside the test's other files for a look.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "agenda-pdf")], check=True
    )
