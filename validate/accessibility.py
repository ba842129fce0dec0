"""Run pa11y (WCAG2AA, HTML_CodeSniffer) over each HTML page of the crawl, in the live site."""

import json
import subprocess
from pathlib import Path

from validate.crawl import ANONYMOUS
from validate.problems import Problem

PA11Y = Path(__file__).resolve().parent / "pa11y.mjs"
# HTML_CodeSniffer's list of autocomplete values per input type predates the HTML standard's: `username`
# belongs on an e-mail field that signs someone in (html-validate and the Nu HTML Checker agree).
KNOWN_FALSE_POSITIVES = {("WCAG2AA.Principle1.Guideline1_3.1_3_5.H98", "#email")}


def pages_to_visit(pages):
    """Return the first English page of each endpoint seen by each role: pa11y takes seconds a page."""
    chosen = {}
    for page in pages:
        key = (page.endpoint, page.role)
        if page.content_type == "text/html" and page.status == 200 and page.language == "en" and key not in chosen:
            chosen[key] = page
    return list(chosen.values())


def check_accessibility(pages, base_url, cookies, folder):
    """Return pa11y's errors for each HTML page, visited as the role that saw it, in its language."""
    html_pages = pages_to_visit(pages)
    visits = [
        {
            "id": number,
            "url": f"{base_url}{page.path}{'&' if '?' in page.path else '?'}lang={page.language}",
            "cookie": None if page.role == ANONYMOUS else f"session={cookies[page.role]}",
        }
        for number, page in enumerate(html_pages)
    ]
    folder.mkdir(parents=True, exist_ok=True)
    listing = folder / "pa11y-visits.json"
    listing.write_text(json.dumps(visits))
    run = subprocess.run(["node", str(PA11Y), str(listing)], capture_output=True, text=True, timeout=1200, check=False)
    if run.returncode != 0:
        return [Problem("pa11y", "pa11y", run.stderr.strip()[-2000:])]
    return [
        Problem(html_pages[found["id"]].where, "pa11y", f"{found['code']}: {found['message']} ({found['selector']})")
        for found in json.loads(run.stdout)
        if (found["code"], found["selector"]) not in KNOWN_FALSE_POSITIVES
    ]
