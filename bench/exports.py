"""Time the cold build of each export a queue worker prepares (feed, JSON, agenda PDF), in-process.

    .venv/bin/python bench/exports.py [--scale 1] [--runs 3] [--exports agenda.ics ...] [--save-pdf agenda.pdf]
                                      [--profile agenda.pdf]

Builds the benchmark forum (bench/build.py) in a temporary SQLite database, then runs exactly what
`workshop.exports.builds` runs for the latest release, `--runs` times each, and prints the median
and the peak resident memory of this process. `--profile KIND` prints a cProfile of one build.
Then times the feed as the queue worker rebuilds it after a release (`feed_rebuilds`).
"""

import argparse
import cProfile
import gc
import pstats
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.build import SECRETARIAT_EMAIL, SLUG  # noqa: E402
from bench.run import app_for, host_reference, prepare_database, settings_for  # noqa: E402
from workshop.core.collector import cycle_collector_paused  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--language", default="en")
    parser.add_argument("--save-pdf", help="write the agenda PDF there, to look at it")
    parser.add_argument(
        "--exports", nargs="+", default=["agenda.ics", "agenda.json", "agenda.pdf"], help="which to time"
    )
    parser.add_argument("--profile", help="profile one build of this export (agenda.pdf, agenda.ics, agenda.json)")
    arguments = parser.parse_args()
    print(f"before: {host_reference()}")
    with tempfile.TemporaryDirectory(prefix="workshop-exports-") as folder:
        settings = settings_for(Path(folder), None)
        prepare_database(settings, arguments.scale)
        from workshop.exports import builds

        app = app_for(settings)
        headers = {"Accept-Language": arguments.language}
        with app.test_request_context("/", base_url=app.config["SITE_URL"], headers=headers):
            release = builds.latest_release(builds.db.session.get(builds.AgendaRelease, 1).forum)
            if arguments.profile:
                profile(builds.PREBUILT[arguments.profile], release)
                return
            for kind in arguments.exports:
                wall, processor, body = cold_builds(app, release, builds.PREBUILT[kind], arguments.runs)
                print(
                    f"{kind}: median {wall * 1000:.0f} ms ({processor * 1000:.0f} ms of processor time)"
                    f" of {arguments.runs}, {len(body)} bytes"
                )
                if kind == "agenda.pdf" and arguments.save_pdf:
                    Path(arguments.save_pdf).write_bytes(body)
        for row, value in feed_rebuilds(app, arguments.runs).items():
            print(f"{row}: {value}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process: {peak:.0f} MB")
        print(f"after: {host_reference()}")


def cold_builds(app, release, export, runs):
    """Build an export of a release `runs` times, each cold; return the median seconds, processor seconds, and the bytes."""
    timings, processor, body = [], [], b""
    for _ in range(runs):
        forget_built_releases(app)  # every build cold: the feed's events, the parsed snapshot
        wall, processor_seconds, body = timed(lambda: export.build(release))
        timings.append(wall)
        processor.append(processor_seconds)
    return statistics.median(timings), statistics.median(processor), body


def timed(build):
    """Return the wall and processor seconds `build()` took, and what it returned, started on a collected heap.

    The bench's process holds the whole forum it wrote, and a full pass of the cycle collector over it
    lands in whichever build crosses the collector's threshold: after three PDF builds, the next cold
    feed build read 138 ms instead of 42–60 ms. The clock stops when the bytes are back, before the
    collector frees the build's garbage, as a queue worker stores an export before that pass
    (`builds.build_export`).
    """
    gc.collect()
    with cycle_collector_paused():
        started, started_processor = time.perf_counter(), time.process_time()
        result = build()
        return time.perf_counter() - started, time.process_time() - started_processor, result


def pdf_cold_build(app, runs=3):
    """Time the English agenda PDF built cold in this process, as a queue worker builds it after publishing.

    This is the cold PDF target's measure: the bench's first request for agenda.pdf waits for the
    queue, which may be building the other languages' PDFs beside it on the same two cores.
    """
    from workshop.exports.builds import PDF
    from workshop.extensions import db
    from workshop.forums.models import Forum
    from workshop.publishing.services import latest_release

    with app.test_request_context("/", base_url=app.config["SITE_URL"], headers={"Accept-Language": "en"}):
        release = latest_release(db.session.scalar(db.select(Forum).filter_by(slug=SLUG)))
        wall, processor, _body = cold_builds(app, release, PDF, runs)
    return {"agenda.pdf build, cold": f"{wall:.2f} s ({processor:.2f} s processor)"}


def forget_built_releases(app):
    """Empty what a worker keeps of the releases it built: each event's text, each parsed snapshot."""
    app.extensions.pop("workshop.feed_events", None)
    app.extensions.pop("workshop.release_views", None)


def feed_rebuilds(app, runs=3):
    """Time the English feed as a queue worker builds it: cold, and after one or every session changed.

    Each build loads its release afresh, as in a queue job. "Cold" starts from an empty event cache
    and parses the snapshot; a rebuild follows the build of the previous release, as on a worker
    that built it (its events and the sessions it parsed are kept). Publishing here queues nothing (the exports' warm-up is off).
    """
    from workshop.accounts.models import User
    from workshop.exports.builds import FEED
    from workshop.extensions import db
    from workshop.forums.models import Forum
    from workshop.programme.models import ForumSession
    from workshop.publishing.services import latest_release, publish_release

    def timed_feed():
        db.session.expunge_all()
        wall, processor, _body = timed(
            lambda: FEED.build(latest_release(db.session.scalar(db.select(Forum).filter_by(slug=SLUG))))
        )
        return wall * 1000, processor * 1000

    def publish_with_new_titles(count, run):
        forum = db.session.scalar(db.select(Forum).filter_by(slug=SLUG))
        sessions = db.session.scalars(db.select(ForumSession).filter_by(forum_id=forum.id).order_by(ForumSession.id))
        for session in list(sessions)[:count]:
            session.title = f"{session.title.split(' (rev')[0]} (rev {run})"
        publish_release(db.session.scalar(db.select(User).filter_by(email=SECRETARIAT_EMAIL)), forum, "preliminary")
        db.session.commit()

    app.config["WARM_EXPORTS_AFTER_PUBLISHING"] = False
    timings = {"cold": [], "after a one-session change": [], "after every session changed": []}
    with app.test_request_context("/", base_url=app.config["SITE_URL"], headers={"Accept-Language": "en"}):
        for run in range(runs):
            forget_built_releases(app)
            timings["cold"].append(timed_feed())
            for name, count in (("after a one-session change", 1), ("after every session changed", None)):
                publish_with_new_titles(count, run)
                timings[name].append(timed_feed())
    return {
        f"agenda.ics build, {name}": (
            f"{statistics.median(wall for wall, _ in measured):.0f} ms"
            f" ({statistics.median(processor for _, processor in measured):.0f} ms processor)"
        )
        for name, measured in timings.items()
    }


def profile(export, release):
    profiler = cProfile.Profile()
    profiler.enable()
    export.build(release)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
