"""Search quality on the demo library: the judged query set on Whoosh and on Wagtail's database
backend.

Loads the demo site and its resource library into a throwaway SQLite database, indexes it with
each backend, runs every query of tests/search/judged_queries.json through the site's search
service (as the /search/ page does, resources only) and reports mean reciprocal rank and recall
at 10 for each backend, overall and by kind of query, with the queries whose best answer is not
first and the time each query took.

    .venv/bin/python benchmarks/search_judged.py [--misses] [--skip-database]

The test suite asserts the floors on Whoosh (tests/search/test_judged_queries.py); this reports
the figures for both backends.
"""

import argparse
import io
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
WORK_DIR = Path(tempfile.mkdtemp(prefix="cop-judged-"))
# The test settings, on a database of this run's own: the demo data never reaches another.
os.environ["DJANGO_SETTINGS_MODULE"] = "cop_site.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DIR / 'judged.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402

from cop_site.search.service import SiteSearch  # noqa: E402
from tests.search.judged import CUTOFF, evaluate, load_judged_queries  # noqa: E402

BACKENDS = {"default": "Whoosh", "database": "database (wagtail.search.backends.database)"}


def load_demo() -> None:
    quiet = {"stdout": io.StringIO(), "verbosity": 0}
    call_command("migrate", **quiet)
    call_command("load_demo_content", "--force", **quiet)
    call_command("load_demo_resources", "--force", **quiet)


def rebuild(name: str) -> float:
    start = time.perf_counter()
    call_command("update_index", backend_name=name, verbosity=0, stdout=io.StringIO())
    return time.perf_counter() - start


def runner(backend: str, times: list[float]):
    visitor = AnonymousUser()

    def run(query: str) -> list[str]:
        start = time.perf_counter()
        data = QueryDict(urlencode({"q": query, "kind": "resources"}))
        search = SiteSearch(data, user=visitor, backend=backend)
        slugs = [hit.obj.slug for hit in search.page.object_list[:CUTOFF]]
        times.append((time.perf_counter() - start) * 1000)
        return slugs

    return run


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, math.ceil(p / 100 * len(values)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the queries that miss")
    parser.add_argument("--skip-database", action="store_true")
    args = parser.parse_args()

    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    started = time.perf_counter()
    try:
        load_demo()
        queries = load_judged_queries()
        judged = sum(1 for q in queries if q.relevant)
        print(f"{len(queries)} queries, {judged} with a judged answer")
        for name, label in BACKENDS.items():
            if name == "database" and args.skip_database:
                continue
            seconds = rebuild(name)
            if name == "database":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            times: list[float] = []
            report = evaluate(runner(name, times), queries)
            print(f"\n{label} (indexed in {seconds:.1f} s)")
            print(report.summary())
            print(
                f"  query time (results page): p50 {statistics.median(times):.1f} ms, "
                f"p95 {percentile(times, 95):.1f} ms"
            )
            if args.misses:
                for line in report.misses():
                    print(f"    {line}")
    finally:
        connection.close()
        shutil.rmtree(WORK_DIR, ignore_errors=True)
    print(f"\nTotal time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
