"""The registration burst: 1,000 people register at once for 300 places, then 50 of those with a place cancel.

    .venv/bin/python bench/registration_burst.py [--people 1000] [--places 300] [--cancellations 50] [--database-url ...]

Served by gunicorn (2 sync workers) on loopback, as bench/run.py serves the agenda. Each person has an
account and a signed-in HTTP session of their own, prepared before the clock starts (sign-in, then the
registration form for its CSRF token); then every registration is posted at the same moment and the
clock stops at the last answer. The database is read afterwards: exactly `places` confirmed, every other
person on the waiting list, each arrival numbered once, places given first come first served; then the
cancellations are posted at once and exactly as many people move up, the earliest arrivals first.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import requests

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.run import app_for, free_port, settings_for, start_gunicorn  # noqa: E402

SLUG = "burst-forum"
PASSWORD = "burst-password"  # nosec B105 - the throwaway accounts of a benchmark database
TOKEN_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
GROUP_PATTERN = re.compile(r'<option value="([1-9]\d*)">')


def prepare(settings, people, places):
    """Migrate, write the forum (open registration, `places` places) and the people's accounts; return their e-mails."""
    from werkzeug.security import generate_password_hash

    from workshop.accounts.models import User
    from workshop.extensions import db
    from workshop.forums.models import Forum
    from workshop.registration.models import RegistrationSettings
    from workshop.registration.rules import RegistrationMode

    environment = {**os.environ, **settings}
    # A fixed argument list without a shell: the operator's own migration command.
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade", "heads"],
        cwd=PROJECT,  # nosec B603
        env=environment,
        check=True,
        capture_output=True,
        timeout=600,
    )
    app = app_for(settings)
    with app.app_context():
        forum = Forum(
            slug=SLUG,
            title="Registration burst",
            start_date=date(2031, 6, 2),
            end_date=date(2031, 6, 4),
            timezone="UTC",
        )
        db.session.add(forum)
        db.session.flush()
        db.session.add(RegistrationSettings(forum_id=forum.id, mode=RegistrationMode.OPEN, capacity=places))
        # One PBKDF2 round: signing 1,000 people in must not be what the benchmark measures.
        password_hash = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")
        emails = [f"person{number:04d}@burst.test" for number in range(people)]
        db.session.add_all(
            User(email=email, name=f"Person {number}", password_hash=password_hash, country_code="CO")
            for number, email in enumerate(emails)
        )
        db.session.commit()
        db.engine.dispose()
    return emails


class Person:
    """One signed-in browser session, holding the registration form it will send."""

    def __init__(self, base, email):
        self.base, self.email = base, email
        self.http = requests.Session()
        self.form = None

    def sign_in_and_open_the_form(self):
        token = TOKEN_PATTERN.search(self.http.get(f"{self.base}/account/login", timeout=120).text).group(1)
        self.http.post(
            f"{self.base}/account/login",
            data={"csrf_token": token, "email": self.email, "password": PASSWORD},
            timeout=120,
        )
        page = self.http.get(f"{self.base}/f/{SLUG}/register", timeout=120).text
        self.form = {
            "csrf_token": TOKEN_PATTERN.search(page).group(1),
            "name": self.email,
            "country_code": "CO",
            "title": "",
            "gender": "",
            "group_id": GROUP_PATTERN.search(page[page.index('id="group_id"') :]).group(1),
            "organisation_id": "0",
        }

    def post(self, path, data):
        response = self.http.post(f"{self.base}{path}", data=data, allow_redirects=False, timeout=600)
        return response.status_code, response.headers.get("Location", "")

    def register(self):
        return self.post(f"/f/{SLUG}/register", self.form)

    def cancel(self):
        """Cancel as from the confirmation page's button: the first press only asks whether to."""
        return self.post(f"/f/{SLUG}/registration/cancel", {"csrf_token": self.form["csrf_token"], "confirmed": "yes"})


def all_at_once(people, act):
    """Release `act(person)` for everyone at the same moment; return the answers and the seconds to the last one."""
    gate = threading.Barrier(len(people) + 1)

    def run(person):
        gate.wait()
        return act(person)

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        futures = [pool.submit(run, person) for person in people]
        gate.wait()
        started = time.perf_counter()
        answers = [future.result() for future in futures]
        return answers, time.perf_counter() - started


def state(settings):
    """Return {e-mail: (status, arrival number)} as the database holds it."""
    from sqlalchemy import select

    from workshop.extensions import db
    from workshop.registration.models import Registration

    app = app_for(settings)
    with app.app_context():
        rows = db.session.execute(select(Registration.email, Registration.status, Registration.arrival_number)).all()
        db.engine.dispose()
    return {email: (status.value, arrival) for email, status, arrival in rows}


def errors_in(answers, expected_location):
    return [answer for answer in answers if answer[0] != 302 or not answer[1].endswith(expected_location)]


def check_burst(rows, places):
    """Return what the database says of the burst: counts and whether places went first come, first served."""
    confirmed = sorted(arrival for status, arrival in rows.values() if status == "confirmed")
    waiting = sorted(arrival for status, arrival in rows.values() if status == "waiting")
    arrivals = sorted(arrival for _status, arrival in rows.values())
    return {
        "confirmed": len(confirmed),
        "waiting": len(waiting),
        "arrivals numbered once": arrivals == list(range(1, len(rows) + 1)),
        "first come, first served": confirmed == list(range(1, places + 1)),
    }


def run_burst(people_count, places, cancellations, database_url):
    with tempfile.TemporaryDirectory(prefix="workshop-burst-") as folder:
        settings = settings_for(Path(folder), database_url)
        emails = prepare(settings, people_count, places)
        server, base = start_gunicorn(settings, free_port())
        try:
            people = [Person(base, email) for email in emails]
            with ThreadPoolExecutor(max_workers=8) as pool:
                list(pool.map(Person.sign_in_and_open_the_form, people))
            answers, seconds = all_at_once(people, Person.register)
            before = state(settings)
            burst = check_burst(before, places)
            leaving = [person for person in people if before[person.email][0] == "confirmed"][:cancellations]
            first_waiting = sorted(
                (arrival, email) for email, (status, arrival) in before.items() if status == "waiting"
            )
            cancelled, cancel_seconds = all_at_once(leaving, Person.cancel)
            after = state(settings)
        finally:
            server.terminate()
            server.wait(timeout=30)
    promoted = [email for _arrival, email in first_waiting if after[email][0] == "confirmed"]
    return [
        (
            "concurrent registrations",
            f"{people_count} into {places} places",
            f"{len(answers)} answered in {seconds:.1f} s ({len(answers) / seconds:.0f}/s)",
        ),
        ("confirmed", str(places), str(burst["confirmed"])),
        ("on the waiting list", str(people_count - places), str(burst["waiting"])),
        (
            "arrival order kept",
            f"each arrival numbered once; first {places} arrivals confirmed",
            "yes" if burst["arrivals numbered once"] and burst["first come, first served"] else "NO",
        ),
        ("errors", "0", str(len(errors_in(answers, f"/f/{SLUG}/registration")))),
        (
            "concurrent cancellations",
            str(cancellations),
            f"{len(cancelled)} answered in {cancel_seconds:.1f} s, "
            f"{len(errors_in(cancelled, f'/f/{SLUG}/registration'))} errors",
        ),
        (
            "promoted",
            f"exactly {cancellations}, earliest waiting first",
            f"{len(promoted)}"
            + (
                " (the earliest)"
                if promoted == [email for _a, email in first_waiting[: len(promoted)]]
                else " (NOT in order)"
            ),
        ),
        (
            "confirmed after cancellations",
            str(places),
            str(sum(status == "confirmed" for status, _arrival in after.values())),
        ),
    ]


def print_table(rows):
    print("| measure | target | result |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--places", type=int, default=300)
    parser.add_argument("--cancellations", type=int, default=50)
    parser.add_argument("--database-url", help="an EMPTY PostgreSQL database to use instead of SQLite")
    arguments = parser.parse_args()
    print_table(run_burst(arguments.people, arguments.places, arguments.cancellations, arguments.database_url))


if __name__ == "__main__":
    main()
