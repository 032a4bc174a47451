"""Settings for benchmarks/search_bench.py: the Whoosh backend and Wagtail's database backend
side by side, on a throwaway SQLite database of synthetic books (modelsearch's test app)."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .test_search_conformance import *

# A throwaway directory for the database and the index, unless SEARCH_BENCH_DIR names one to keep.
if os.environ.get("SEARCH_BENCH_DIR"):
    BENCHMARK_DIR = Path(os.environ["SEARCH_BENCH_DIR"])
    BENCHMARK_DIR.mkdir(parents=True, exist_ok=True)
else:
    BENCHMARK_DIR = Path(tempfile.mkdtemp(prefix="cop-bench-"))
    atexit.register(shutil.rmtree, BENCHMARK_DIR, ignore_errors=True)

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BENCHMARK_DIR / "bench.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,
    }
}
MODELSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "cop_site.search.backend",
        "PATH": BENCHMARK_DIR / "whoosh",
        "FLUSH": "inline",
    },
    "database": {"BACKEND": "modelsearch.backends.database"},
}
DEBUG = False
