"""Benchmark Workshop at 1/10, 1/4 and full scale behind gunicorn (2 workers) on loopback; print one table.

    .venv/bin/python bench/run.py [--scales 0.1 0.25 1] [--duration 5] [--database-url postgresql://...]
                                  [--worker-type process|thread]

For each scale: a fresh database (SQLite in a temporary folder unless --database-url names an empty
one), `flask db upgrade`, the forum written by bench/build.py, gunicorn and a queue worker (`flask
queue work`, on worker processes as `make run` starts it, or on threads) started, then wrk (medians of bounded runs) and Python clients
for the cold requests, publishing through the secretariat's page, and the concurrent edits. A row whose
endpoint the app does not have yet reads "n/a (endpoint missing)".
"""

import argparse
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import requests

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.build import SECRETARIAT_EMAIL, SECRETARIAT_PASSWORD, build_forum, counts_for  # noqa: E402
from workshop.core.queue import DEFAULT_WORKER_TYPE, DEFAULT_WORKERS  # noqa: E402

VENV_BIN = Path(sys.executable).parent
CONCURRENT_EDITS = 50
MISSING = "n/a (endpoint missing)"
LANGUAGES = ("en", "es", "fr")
EVERY_LANGUAGE = "every language"


@dataclass(frozen=True)
class TimedExport:
    """An export timed from publishing to ready: the queue's name for it, where readers ask, the target."""

    kind: str
    path: str
    target: str


# Issue 14: at 400 sessions, feed and JSON in every language within 1.5 s of the publish request, the PDF within 8 s.
TIMED_EXPORTS = {
    "feed": TimedExport("agenda.ics", "/f/{slug}/agenda.ics", "< 1.5 s"),
    "JSON": TimedExport("agenda.json", "/api/v1/forums/{slug}/agenda", "< 1.5 s"),
    "PDF": TimedExport("agenda.pdf", "/f/{slug}/agenda.pdf", "< 8 s"),
}
PUBLISH_REQUEST_ROW = "publish request (part of each publish-to-ready row)"


def publish_row(export, language):
    return f"publish to ready: {export}, {language}"


def publish_rows():
    """Name a row per export for the last language ready (the target's), then one per language."""
    return [
        (publish_row(name, language), export.target if language == EVERY_LANGUAGE else "")
        for name, export in TIMED_EXPORTS.items()
        for language in (EVERY_LANGUAGE, *LANGUAGES)
    ]


ROWS = [
    ("agenda page, median", "< 50 ms"),
    ("JSON agenda, median", "< 50 ms"),
    (PUBLISH_REQUEST_ROW, ""),
    *publish_rows(),
    # A release published without its builds queued (bench/build.py publishes from a script): the reader's
    # request queues the feed's build, so this is the queue's pickup plus a cold build. The feed's targets
    # are on the build rows below, as the cold PDF's is on "agenda.pdf build, cold".
    ("agenda.ics cold (first request to ready)", ""),
    ("agenda.ics build, cold", "< 100 ms"),
    ("agenda.ics build, after a one-session change", "< 70 ms"),
    ("agenda.ics build, after every session changed", ""),
    ("agenda.ics 304, median", "< 5 ms"),
    ("agenda.pdf build, cold", "< 4 s"),
    ("agenda.pdf cold (first request to ready)", ""),
    ("agenda.pdf cached, median", "< 20 ms"),
    ("personal feed, median", ""),
    ("50 concurrent draft downloads, median", ""),
    ("50 concurrent session edits", "none lost, no error"),
    ("schedule board, one day (secretariat), median", "< 1 s"),
    ("peak web worker memory (RSS), readers only", "< 150 MB"),
    ("peak worker memory (RSS)", "< 150 MB"),
    ("peak queue worker memory (RSS)", ""),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def settings_for(folder, database_url):
    return {
        "WORKSHOP_DATABASE_URL": database_url or f"sqlite:///{folder / 'bench.sqlite'}",
        "WORKSHOP_SECRET_KEY": "bench-secret-key",
        "WORKSHOP_UPLOAD_DIR": str(folder / "uploads"),
        "WORKSHOP_CACHE_DIR": str(folder / "cache"),
        "WORKSHOP_QUEUE_URL": f"sqlite:///{folder / 'queue.sqlite'}",
    }


def app_for(settings):
    """Return the application on the bench's settings, in this process (to write or read what the server serves)."""
    from workshop import create_app

    return create_app({name.removeprefix("WORKSHOP_"): value for name, value in settings.items()})


def host_reference():
    """Say which Python runs the bench and how fast the host is just now, so that runs are compared knowingly.

    The host's speed swings by half within an hour, and an interpreter built with profile-guided
    optimisation runs plain Python in a third less time than one without: a figure means little without both.
    """
    started = time.process_time()
    total = 0
    for number in range(20_000_000):
        total += number
    seconds = time.process_time() - started
    return f"Python {platform.python_version()} of {sys.base_prefix}: 20 M additions in {seconds:.2f} s"


def prepare_database(settings, scale):
    """Migrate the database with the operator's command, then write the forum in this process."""
    environment = {**os.environ, **settings}
    subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "wsgi", "db", "upgrade", "heads"],
        cwd=PROJECT,
        env=environment,
        check=True,
        capture_output=True,
        timeout=600,
    )
    from workshop.extensions import db

    app = app_for(settings)
    with app.app_context():
        built = build_forum(scale)
        db.engine.dispose()
    return built


def start_gunicorn(settings, port):
    environment = {**os.environ, **settings}
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "300",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=PROJECT,
        env=environment,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            requests.get(base + "/", timeout=30)
            return server, base
        except requests.RequestException:
            time.sleep(0.5)
    server.terminate()
    server.wait(timeout=30)
    raise RuntimeError("gunicorn did not answer within two minutes")


def start_queue_worker(settings, worker_type=DEFAULT_WORKER_TYPE, workers=DEFAULT_WORKERS):
    """Start `flask queue work` on the same settings, as `make run` does beside the web server; wait until it answers."""
    environment = {**os.environ, **settings}
    worker = subprocess.Popen(
        [
            str(VENV_BIN / "flask"),
            "--app",
            "wsgi",
            "queue",
            "work",
            "--workers",
            str(workers),
            "--worker-type",
            worker_type,
        ],
        cwd=PROJECT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    check = [str(VENV_BIN / "flask"), "--app", "wsgi", "queue", "check", "--timeout", "120"]
    subprocess.run(check, cwd=PROJECT, env=environment, check=True, capture_output=True, timeout=300)
    return worker


def warm_up(base):
    """Let both workers import everything and open their connections before anything is timed."""
    for _ in range(4):
        requests.get(base + "/", timeout=60)


def worker_pids(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def peak_rss_mb(pids):
    """Return the largest peak resident set (VmHWM) of the workers, in MB."""
    peaks = []
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return max(peaks)


def with_children(pid):
    """Return a process and its children: the queue's consumer forks a process per worker."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [pid, *map(int, children)]


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_median(url, duration, connections=2, headers=()):
    """Drive `url` with wrk for `duration` seconds; return (median ms, requests/s, non-2xx/3xx count).

    Two connections by default, one per worker: the median is then the time of a request, not of a queue.
    """
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "30s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(command + [url], capture_output=True, text=True, timeout=duration + 60).stdout
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failures = int(errors.group(1)) if errors else 0
    failures += sum(map(int, socket_errors.groups())) if socket_errors else 0
    return float(median.group(1)) * UNITS[median.group(2)], float(rate.group(1)), failures


def timed_get(url, **kwargs):
    """Return the first 200 answer of `url` and the milliseconds until it came, asking again while it is 503."""
    started = time.perf_counter()
    response = requests.get(url, timeout=600, **kwargs)
    while response.status_code == 503 and time.perf_counter() - started < 600:
        time.sleep(0.02)
        response = requests.get(url, timeout=600, **kwargs)
    return response, (time.perf_counter() - started) * 1000


def signed_in_secretariat(base, pool_size=10):
    client = requests.Session()
    client.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=pool_size))
    login_page = client.get(f"{base}/account/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    client.post(
        f"{base}/account/login",
        data={"csrf_token": token, "email": SECRETARIAT_EMAIL, "password": SECRETARIAT_PASSWORD},
    )
    return client


# How often the bench looks on disk for the exports the queue stores. A file appears whole when its build
# is done; only then does one reader ask for it, to see it served. Readers asking for nine exports every
# tenth of a second instead took 2.3–3.4 s of the two cores' time during a publish at 400 sessions:
# the measure slowed the builds it measured.
WATCH_SECONDS = 0.02


def publish_to_ready(base, slug, settings):
    """Publish a release from the secretariat's page; return its rows: seconds until each export answers with it.

    An export counts as ready when a reader who asks for it (HEAD, without conditional headers) gets the
    new release: while its build runs, a reader gets the previous release's, marked with
    `Workshop-Latest-Release`. A reader asks once the queue has stored the export's file.
    """
    client = signed_in_secretariat(base)
    page = client.get(f"{base}/manage/{slug}/releases").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    started = time.perf_counter()
    published = client.post(
        f"{base}/manage/{slug}/releases",
        data={"csrf_token": token, "status": "final", "note": ""},
        allow_redirects=False,
        timeout=600,
    )
    assert published.status_code == 302, published.status_code
    answered = time.perf_counter() - started
    files = stored_export_files(settings, slug)
    ready = {}
    while files and time.perf_counter() - started < 600:
        for name, language in [key for key, path in files.items() if path.exists()]:
            response = requests.head(
                base + TIMED_EXPORTS[name].path.format(slug=slug),
                headers={"Accept-Language": language},
                timeout=600,
            )
            if is_the_latest_release(response):
                ready[(name, language)] = time.perf_counter() - started
                del files[(name, language)]
        time.sleep(WATCH_SECONDS)
    return {PUBLISH_REQUEST_ROW: f"{answered:.2f} s", **publish_to_ready_rows(ready)}


def stored_export_files(settings, slug):
    """Return where the queue stores each export of the forum's latest release, by (export, language)."""
    from sqlalchemy import select

    from workshop.exports import builds
    from workshop.extensions import db
    from workshop.forums.models import Forum

    app = app_for(settings)
    with app.test_request_context("/", base_url=app.config["SITE_URL"]):
        release = builds.latest_release(db.session.scalar(select(Forum).where(Forum.slug == slug)))
        folder = Path(app.config["EXPORT_DIR"]) / release.cache_folder
        files = {
            (name, language): folder / builds.export_name(release, builds.PREBUILT[export.kind], language)
            for name, export in TIMED_EXPORTS.items()
            for language in LANGUAGES
        }
        db.engine.dispose()
    return files


def is_the_latest_release(response):
    return response.status_code == 200 and "Workshop-Latest-Release" not in response.headers


def publish_to_ready_rows(ready):
    """Turn {(export, language): seconds} into the table's cells; a language never ready says so."""
    rows = {}
    for name in TIMED_EXPORTS:
        times = [ready.get((name, language)) for language in LANGUAGES]
        for language, seconds in zip(LANGUAGES, times, strict=True):
            rows[publish_row(name, language)] = "never" if seconds is None else f"{seconds:.2f} s"
        rows[publish_row(name, EVERY_LANGUAGE)] = "never" if None in times else f"{max(times):.2f} s"
    return rows


def describe_wrk(result):
    median, rate, failures = result
    text = f"{median:.1f} ms ({rate:.0f} req/s)"
    return text + (f", {failures} errors" if failures else "")


class FormReader(HTMLParser):
    """Read the fields a browser would submit from the first POST form that has a title field."""

    def __init__(self):
        super().__init__()
        self.fields, self.select, self.textarea, self.done = {}, None, None, False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if self.done:
            return
        if tag == "input" and name and attributes.get("type") not in ("submit", "checkbox"):
            self.fields[name] = attributes.get("value") or ""
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and ("selected" in attributes or self.select not in self.fields):
            self.fields[self.select] = attributes.get("value", "")
        elif tag == "textarea":
            self.textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form" and "title" in self.fields:
            self.done = True

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def board_median(base, slug, duration):
    """Drive the secretariat's schedule board of the first day (a fifth of the sessions) with wrk, signed in."""
    client = signed_in_secretariat(base)
    cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    return describe_wrk(wrk_median(f"{base}/manage/{slug}/board", duration, headers=[f"Cookie: {cookie}"]))


def concurrent_edits(base, slug, session_ids, settings):
    """Sign the secretariat in, read 50 edit forms, post 50 new titles at once; count what the DB kept."""
    client = signed_in_secretariat(base, pool_size=CONCURRENT_EDITS)
    targets = session_ids[1 : CONCURRENT_EDITS + 1]
    forms = {}
    for session_id in targets:
        reader = FormReader()
        reader.feed(client.get(f"{base}/manage/{slug}/sessions/{session_id}/edit").text)
        forms[session_id] = {**reader.fields, "title": f"Edited under load {session_id}"}

    def post(session_id):
        started = time.perf_counter()
        response = client.post(
            f"{base}/manage/{slug}/sessions/{session_id}/edit",
            data=forms[session_id],
            allow_redirects=False,
            timeout=600,
        )
        return response.status_code, (time.perf_counter() - started) * 1000

    with ThreadPoolExecutor(max_workers=CONCURRENT_EDITS) as pool:
        results = list(pool.map(post, targets))
    errors = [status for status, _ in results if status != 302]
    kept = count_edited_titles(settings, targets)
    durations = sorted(duration for _, duration in results)
    text = f"{kept}/{len(targets)} kept, {len(errors)} errors, median {durations[len(durations) // 2]:.0f} ms"
    return text + (f" (statuses {sorted(set(errors))})" if errors else "")


def count_edited_titles(settings, session_ids):
    from sqlalchemy import func, select

    from workshop.extensions import db
    from workshop.programme.models import ForumSession

    app = app_for(settings)
    with app.app_context():
        kept = db.session.scalar(
            select(func.count(ForumSession.id)).where(
                ForumSession.id.in_(session_ids), ForumSession.title.like("Edited under load %")
            )
        )
        db.engine.dispose()
    return kept


def measure(base, built, duration, settings, server, queue_worker):
    """Return the table's column for one scale, row by row."""
    slug = built.slug
    column = {}

    def probe(path):
        response = requests.get(base + path, timeout=600)
        return None if response.status_code == 404 and "endpoint" not in response.text else response

    agenda = f"{base}/f/{slug}/agenda"
    column["agenda page, median"] = describe_wrk(wrk_median(agenda, duration))
    json_url = f"{base}/api/v1/forums/{slug}/agenda"
    # The first request queues the build; wrk drives the JSON once it is ready.
    column["JSON agenda, median"] = (
        describe_wrk(wrk_median(json_url, duration)) if timed_get(json_url)[0].status_code == 200 else MISSING
    )

    ics, cold_ms = timed_get(f"{base}/f/{slug}/agenda.ics")
    if ics.status_code == 200:
        column["agenda.ics cold (first request to ready)"] = f"{cold_ms:.0f} ms"
        column["agenda.ics 304, median"] = describe_wrk(
            wrk_median(f"{base}/f/{slug}/agenda.ics", duration, headers=[f"If-None-Match: {ics.headers['ETag']}"])
        )
    else:
        column["agenda.ics cold (first request to ready)"] = column["agenda.ics 304, median"] = MISSING

    pdf, cold_ms = timed_get(f"{base}/f/{slug}/agenda.pdf")
    if pdf.status_code == 200:
        column["agenda.pdf cold (first request to ready)"] = f"{cold_ms / 1000:.2f} s"
        column["agenda.pdf cached, median"] = describe_wrk(wrk_median(f"{base}/f/{slug}/agenda.pdf", duration))
    else:
        column["agenda.pdf cold (first request to ready)"] = column["agenda.pdf cached, median"] = MISSING

    feed = f"/feeds/{built.feed_token}.ics"
    column["personal feed, median"] = describe_wrk(wrk_median(base + feed, duration)) if probe(feed) else MISSING
    # Read before anyone publishes or edits: what a web worker reaches serving the agenda page, the
    # JSON, the feeds and the pre-built PDF (the queue worker lays the PDF out, never a web worker).
    column["peak web worker memory (RSS), readers only"] = f"{peak_rss_mb(worker_pids(server)):.0f} MB"
    column["50 concurrent draft downloads, median"] = (
        describe_wrk(wrk_median(base + built.download_path, duration, connections=CONCURRENT_EDITS))
        if probe(built.download_path)
        else MISSING
    )
    column.update(publish_to_ready(base, slug, settings))
    column["50 concurrent session edits"] = concurrent_edits(base, slug, built.session_ids, settings)
    column["schedule board, one day (secretariat), median"] = (
        board_median(base, slug, duration) if probe(f"/manage/{slug}/board") is not None else MISSING
    )
    column["peak worker memory (RSS)"] = f"{peak_rss_mb(worker_pids(server)):.0f} MB"
    column["peak queue worker memory (RSS)"] = f"{peak_rss_mb(with_children(queue_worker.pid)):.0f} MB"
    column.update(queue_worker_builds(settings))
    return column


def queue_worker_builds(settings):
    """Time in this process what a queue worker builds (it publishes releases, so it runs last)."""
    from bench.exports import feed_rebuilds, pdf_cold_build

    app = app_for(settings)
    return {**pdf_cold_build(app), **feed_rebuilds(app)}


def run_scale(scale, duration, database_url, worker_type, workers):
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as folder:
        settings = settings_for(Path(folder), database_url)
        started = time.perf_counter()
        built = prepare_database(settings, scale)
        print(f"scale {scale}: forum written in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        server, base = start_gunicorn(settings, free_port())
        queue_worker = start_queue_worker(settings, worker_type, workers)
        try:
            warm_up(base)
            return measure(base, built, duration, settings, server, queue_worker)
        finally:
            for process in (server, queue_worker):
                process.terminate()
                process.wait(timeout=30)


def scale_name(scale):
    counts = counts_for(scale)
    return f"{scale:g} ({counts['sessions']} sessions, {counts['participants']} people, {counts['documents']} docs)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", type=float, default=[0.1, 0.25, 1.0])
    parser.add_argument("--duration", type=int, default=5, help="seconds of each wrk run")
    parser.add_argument("--database-url", help="an EMPTY PostgreSQL database to use instead of SQLite")
    parser.add_argument(
        "--worker-type",
        choices=["process", "thread"],
        default=DEFAULT_WORKER_TYPE,
        help="what the queue worker runs its jobs side by side on",
    )
    parser.add_argument("--queue-workers", type=int, default=DEFAULT_WORKERS, help="how many jobs run side by side")
    arguments = parser.parse_args()
    print(f"queue worker: {arguments.queue_workers} {arguments.worker_type} workers", file=sys.stderr)
    print(f"before: {host_reference()}", file=sys.stderr)
    columns = {
        scale: run_scale(
            scale, arguments.duration, arguments.database_url, arguments.worker_type, arguments.queue_workers
        )
        for scale in arguments.scales
    }
    print(f"after: {host_reference()}", file=sys.stderr)
    unlisted = {row for column in columns.values() for row in column} - {row for row, _target in ROWS}
    assert not unlisted, f"measured but not in ROWS, so never printed: {sorted(unlisted)}"
    header = ["measure", "target"] + [scale_name(scale) for scale in arguments.scales]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row, target in ROWS:
        print("| " + " | ".join([row, target] + [columns[scale][row] for scale in arguments.scales]) + " |")


if __name__ == "__main__":
    main()
