"""Run the Nu HTML Checker (the W3C validator) and html-validate over every HTML page of the crawl."""

import json
import subprocess
from pathlib import Path

from validate.problems import Problem

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTML_VALIDATE = NODE_MODULES / ".bin" / "html-validate"
HTML_VALIDATE_CONFIG = HERE / "htmlvalidate.json"


def write_pages(pages, folder, suffix=".html"):
    """Write each page's body to a file of its own, for tools that read files; return {file path: page}."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for number, page in enumerate(pages):
        path = folder / f"{number:04d}{suffix}"
        path.write_bytes(page.body)
        files[str(path)] = page
    return files


def check_with_nu(files):
    """Return the errors (and the warnings about language) the Nu HTML Checker reports."""
    run = subprocess.run(
        # Its guess at each page's language only ever gives warnings, and takes most of its time.
        ["java", "-Xss2m", "-jar", str(VNU_JAR), "--no-langdetect", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if run.returncode not in (0, 1) or not run.stdout:
        return [Problem("Nu HTML Checker", "Nu HTML Checker", run.stderr.strip()[-2000:])]
    messages = json.loads(run.stdout)["messages"]
    return [
        Problem(files[nu_path(message)].where, "Nu HTML Checker", f"{message['message']} ({excerpt(message)})")
        for message in messages
        if message["type"] == "error"
    ]


def nu_path(message):
    return message["url"].removeprefix("file:")


def excerpt(message):
    return " ".join(message.get("extract", "").split())[:160]


def check_with_html_validate(files, report):
    """Return html-validate's errors; its report goes to a file, as Node may cut a long one on a pipe."""
    run = subprocess.run(
        [str(HTML_VALIDATE), "--config", str(HTML_VALIDATE_CONFIG), "--formatter", f"json={report}", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if run.returncode not in (0, 1) or not report.exists():
        return [Problem("html-validate", "html-validate", run.stderr.strip()[-2000:])]
    problems = []
    for result in json.loads(report.read_text()):
        page = files[result["filePath"]]
        problems.extend(
            Problem(
                page.where, "html-validate", f"{message['ruleId']}: {message['message']} ({message.get('selector')})"
            )
            for message in result["messages"]
            if message["severity"] >= 2
        )
    return problems


def check_markup(pages, folder):
    """Return what both HTML validators find in the HTML pages among `pages`."""
    # A redirect's body is Werkzeug's, and no browser shows it.
    shown = [page for page in pages if page.content_type == "text/html" and not 300 <= page.status < 400]
    files = write_pages(shown, folder)
    return check_with_nu(files) + check_with_html_validate(files, folder / "html-validate.json")
