"""In-process look at the pages the benchmark measures: which URLs, how many SQL queries, and where
the render time goes.

Run by ``bench/serve.py`` against its throwaway database, with the same environment it gives
gunicorn (production settings). It prints one JSON document on stdout and, with ``--cprofile``,
writes a cProfile summary of the guidance page to the given file. Usable on its own too::

    DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=x SECURE_SSL_REDIRECT=0 \\
        DATABASE_URL=sqlite:////tmp/some.sqlite3 python bench/profile_pages.py
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail.models import Page  # noqa: E402

from portal.home.models import GuidancePage  # noqa: E402

HOST = "127.0.0.1"
_LITERALS = re.compile(r"'[^']*'|\b\d+\b")


def _shape(sql: str) -> str:
    """The query with its literal values blanked, so repeats of one query group together."""
    return _LITERALS.sub("?", sql)


def find_urls() -> dict[str, Any]:
    guidance = GuidancePage.objects.live().public().filter(locale__language_code="en-gb").order_by("path").first()
    if guidance is None:
        guidance = GuidancePage.objects.live().public().order_by("path").first()
    return {
        "guidance": guidance.get_url() if guidance is not None else None,
        "guidance_title": guidance.title if guidance is not None else None,
        "content": {
            "live_pages": Page.objects.live().count(),
            "guidance_pages": GuidancePage.objects.live().count(),
        },
    }


def profile_url(client: Client, url: str, repeats: int) -> dict[str, Any]:
    client.get(url)  # first request pays for template loading and per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    shapes = Counter(_shape(query["sql"]) for query in captured.captured_queries)
    query_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return {
        "url": url,
        "status": response.status_code,
        "bytes": len(response.content),
        "queries": len(captured.captured_queries),
        "query_ms": round(query_ms, 2),
        "in_process_ms_median": round(statistics.median(timings), 2),
        "query_list": [{"count": count, "sql": sql} for sql, count in shapes.most_common()],
    }


def cprofile_url(client: Client, url: str, repeats: int, out: Path) -> None:
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeats):
        client.get(url)
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    buffer.write(f"cProfile of {repeats} in-process requests to {url}\n\n")
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)
    out.write_text(buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50, help="in-process requests per page for the median")
    parser.add_argument("--cprofile", type=Path, help="write a cProfile summary of the guidance page here")
    args = parser.parse_args()

    found = find_urls()
    client = Client(HTTP_HOST=HOST)
    pages: dict[str, Any] = {}
    for name, url in (("home", "/"), ("guidance", found["guidance"])):
        if url:
            pages[name] = profile_url(client, url, args.repeats)
    if args.cprofile and found["guidance"]:
        cprofile_url(client, found["guidance"], args.repeats, args.cprofile)
    json.dump({**found, "pages": pages}, sys.stdout)


if __name__ == "__main__":
    main()
