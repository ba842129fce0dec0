"""Serve the demo forum, crawl it as every role, and run every validator; exit 1 naming each problem."""

import sys
import tempfile
import time
from pathlib import Path

from validate.accessibility import check_accessibility
from validate.crawl import crawl_site, uncrawled_endpoints
from validate.feeds import check_feeds
from validate.headers import check_headers
from validate.language_of_parts import check_language_of_parts, demo_typed_texts
from validate.markup import check_markup
from validate.openapi import check_openapi
from validate.pdfs import check_pdfs, typed_by_secretariat
from validate.problems import Problem
from validate.site import demo_site
from workshop.demo.services import DEMO_SLUG
from workshop.forums.services import find_forum


def run_validators(folder, selected):
    with demo_site(folder) as (app, base_url):
        crawl = crawl_site(app, base_url)
        pages = crawl.pages
        print(f"validate: crawled {len(pages)} responses", flush=True)
        validators = {
            "coverage": lambda: [
                Problem(endpoint, "crawl", "no role reached this endpoint; link it or say why in NOT_CRAWLED")
                for endpoint in uncrawled_endpoints(app, pages)
            ],
            "headers": lambda: check_headers(pages, crawl.sign_out),
            "markup": lambda: check_markup(pages, folder / "pages"),
            "feeds": lambda: check_feeds(pages, folder / "feeds"),
            "openapi": lambda: check_openapi(pages),
            "pdfs": lambda: check_pdfs(pages, folder / "pdfs", typed_by_secretariat(app)),
            "languages": lambda: check_language_of_parts(pages, content_language(app), demo_typed_texts()),
            "accessibility": lambda: check_accessibility(pages, base_url, crawl.cookies, folder / "pa11y"),
        }
        problems = []
        for name, validator in validators.items():
            if selected and name not in selected:
                continue
            started = time.monotonic()
            found = validator()
            print(f"validate: {name}: {len(found)} problems ({time.monotonic() - started:.0f} s)", flush=True)
            problems += found
        return problems


def content_language(app):
    with app.app_context():
        return find_forum(DEMO_SLUG).content_language


def main(selected):
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="workshop-validate-") as folder:
        problems = run_validators(Path(folder), set(selected))
    for problem in problems:
        print(problem)
    print(f"validate: {len(problems)} problems in {time.monotonic() - started:.0f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
