"""Profile one URL of the benchmark forum in-process with cProfile, and count its SQL queries.

    .venv/bin/python bench/profile_url.py /f/bench-forum/agenda [--scale 1] [--requests 20] [--revalidate]

With --revalidate every profiled request sends the ETag of the first answer, to profile the 304 path.
"""

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

from sqlalchemy import event

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from bench.run import app_for, prepare_database, settings_for  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--revalidate", action="store_true", help="send If-None-Match with the first ETag")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="workshop-profile-") as folder:
        settings = settings_for(Path(folder), None)
        prepare_database(settings, arguments.scale)
        from workshop.extensions import db

        app = app_for(settings)
        client = app.test_client()
        first = client.get(arguments.path)
        headers = {"If-None-Match": first.headers["ETag"]} if arguments.revalidate else {}
        queries = []
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", lambda *args: queries.append(args[2]))
        client.get(arguments.path, headers=headers)
        queries_per_request = len(queries)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(arguments.requests):
            response = client.get(arguments.path, headers=headers)
        profiler.disable()
        print(
            f"{arguments.path}: status {response.status_code}, {len(response.data)} bytes, "
            f"{queries_per_request} SQL queries per request"
        )
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
