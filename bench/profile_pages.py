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


class QueryTimer:
    """Times every SQL query the connection runs (wall time, so it includes the round trip)."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, float]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((sql, (time.perf_counter() - start) * 1000))


def _project_template_nodes() -> list[type]:
    """Template Node classes that the project's own tag libraries define (block tags such as
    {% glossary_links %}), so that their time shows up by name."""
    import importlib
    import inspect

    from django.template import Node
    from django.template.backends.django import get_installed_libraries

    found = []
    for module_path in get_installed_libraries().values():
        if not module_path.startswith(("portal.", "search.")):
            continue
        module = importlib.import_module(module_path)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Node) and value.__module__ == module.__name__ and "render" in value.__dict__:
                found.append(value)
    return found


class Phases:
    """Inclusive CPU time (of this thread, so waiting for a busy machine's cores is left out) spent
    in a few named places while serving a page.

    Wraps Wagtail's routing and site lookup, the page's get_context, the template render, each
    custom template tag (the project's own block tags too), each {% include %} and
    {% include_block %}. A place inside another counts in both (inclusive time); repeated places
    add up (a block template used five times)."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self._undo: list[tuple[Any, str, Any]] = []

    def _add(self, label: str, started: float) -> None:
        self.totals[label] = self.totals.get(label, 0.0) + (time.thread_time() - started) * 1000

    def wrap(self, owner: Any, name: str, label: str | Any) -> None:
        original = owner.__dict__[name]
        phases = self

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                phases._add(label(*args) if callable(label) else label, started)

        self._undo.append((owner, name, original))
        setattr(owner, name, wrapper)

    def __enter__(self) -> Phases:
        from django.template.library import InclusionNode, SimpleNode
        from django.template.loader_tags import IncludeNode
        from django.template.response import SimpleTemplateResponse

        from wagtail.models import Site
        from wagtail.templatetags.wagtailcore_tags import IncludeBlockNode

        from portal.home import models as home_models

        self.wrap(Page, "route_for_request", "wagtail routing (Page.route_for_request)")
        self.wrap(Site, "find_for_request", "  of which Site.find_for_request")
        for page_class in (home_models.HomePage, home_models.GuidancePage):
            self.wrap(page_class, "get_context", f"{page_class.__name__}.get_context")
        self.wrap(SimpleTemplateResponse, "render", "template render (all)")
        self.wrap(InclusionNode, "render", lambda node, context: f"  tag {{% {node.func.__name__} %}}")
        self.wrap(SimpleNode, "render", lambda node, context: f"  tag {{% {node.func.__name__} %}}")
        self.wrap(IncludeNode, "render", lambda node, context: f"  {{% include {node.template.var} %}}")
        self.wrap(IncludeBlockNode, "render", lambda node, context: f"  {{% include_block {node.block_var.token} %}}")
        for node_class in _project_template_nodes():
            self.wrap(
                node_class, "render", f"  tag node {node_class.__module__.rpartition('.')[2]}.{node_class.__name__}"
            )
        return self

    def __exit__(self, *exc: object) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)


def profile_url(client: Client, url: str, repeats: int) -> dict[str, Any]:
    client.get(url)  # the first request pays for template loading and per-process caches
    timer = QueryTimer()
    with connection.execute_wrapper(timer):
        response = client.get(url)
    shapes = Counter(_shape(sql) for sql, _ in timer.queries)

    wall, cpu, sql_ms = [], [], []
    for _ in range(repeats):
        timer.queries.clear()
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(timer):
            client.get(url)
        wall.append((time.perf_counter() - start_wall) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        sql_ms.append(sum(ms for _, ms in timer.queries))

    with Phases() as phases:
        for _ in range(repeats):
            client.get(url)
    return {
        "url": url,
        "status": response.status_code,
        "bytes": len(response.content),
        "queries": len(timer.queries),
        "sql_ms_median": round(statistics.median(sql_ms), 2),
        "in_process_ms_median": round(statistics.median(wall), 2),
        "in_process_cpu_ms_median": round(statistics.median(cpu), 2),
        "phases_cpu_ms_mean": {
            label: round(total / repeats, 2) for label, total in sorted(phases.totals.items(), key=lambda kv: -kv[1])
        },
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
