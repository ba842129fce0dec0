"""Time the cold build of each export a queue worker prepares (feed, JSON, agenda PDF), in-process.

    .venv/bin/python bench/exports.py [--scale 1] [--runs 3] [--save-pdf agenda.pdf] [--profile agenda.pdf]

Builds the benchmark forum (bench/build.py) in a temporary SQLite database, then runs exactly what
`workshop.exports.builds` runs for the latest release, `--runs` times each, and prints the median
and the peak resident memory of this process. `--profile KIND` prints a cProfile of one build.
"""

import argparse
import cProfile
import pstats
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.run import prepare_database, settings_for  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--language", default="en")
    parser.add_argument("--save-pdf", help="write the agenda PDF there, to look at it")
    parser.add_argument("--profile", help="profile one build of this export (agenda.pdf, agenda.ics, agenda.json)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="workshop-exports-") as folder:
        settings = settings_for(Path(folder), None)
        prepare_database(settings, arguments.scale)
        from workshop import create_app
        from workshop.exports import builds

        app = create_app({name.removeprefix("WORKSHOP_"): value for name, value in settings.items()})
        headers = {"Accept-Language": arguments.language}
        with app.test_request_context("/", base_url=app.config["SITE_URL"], headers=headers):
            release = builds.latest_release(builds.db.session.get(builds.AgendaRelease, 1).forum)
            if arguments.profile:
                profile(builds.PREBUILT[arguments.profile], release)
                return
            for kind, export in builds.PREBUILT.items():
                timings, processor, body = [], [], b""
                for _ in range(arguments.runs):
                    started, started_processor = time.perf_counter(), time.process_time()
                    body = export.build(release)
                    timings.append(time.perf_counter() - started)
                    processor.append(time.process_time() - started_processor)
                print(
                    f"{kind}: median {statistics.median(timings) * 1000:.0f} ms"
                    f" ({statistics.median(processor) * 1000:.0f} ms of processor time) of {arguments.runs},"
                    f" {len(body)} bytes"
                )
                if kind == "agenda.pdf" and arguments.save_pdf:
                    Path(arguments.save_pdf).write_bytes(body)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process: {peak:.0f} MB")


def profile(export, release):
    profiler = cProfile.Profile()
    profiler.enable()
    export.build(release)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
