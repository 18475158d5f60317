"""The relevance set (search/data/relevance.json) against the demo site.

Every query there names the page a reader should find among the first few results. The demo is
loaded and indexed once for the module, inside a transaction rolled back at the end (as in
tests/home/test_demo.py), so nothing leaks into other tests. Each backend is checked against the
whole set in one test, which lists every query that misses with what came first instead.
"""

from __future__ import annotations

import fnmatch
import io
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from wagtail.models import Page

from portal.home.demo import accounts
from portal.home.models import PortalDocument
from portal.toolkit.models import GlossaryPage, GlossaryTerm
from search.backends import database, elastic
from search.indexing import rebuild
from search.models import SearchEntry
from search.query import SearchRequest, SearchResponse, normalise, parse

pytestmark = pytest.mark.django_db

RELEVANCE_FILE = Path(settings.BASE_DIR) / "search" / "data" / "relevance.json"
KINDS = {
    "title",
    "partial",
    "abbreviation",
    "misspelling",
    "plural-case",
    "question",
    "pdf-text",
    "toolkit",
    "youth-hub",
    "glossary",
}
DEPTH = 20  # how far down the results to look for a missed page, to say where it was
SHOWN = 5  # results listed for each miss


@dataclass(frozen=True)
class Case:
    query: str
    expected: str
    kind: str
    why: str

    def matches(self, url: str) -> bool:
        """Whether a result's address is the expected one (``*`` stands for a document's id). A file
        name the storage had to make unique ("guide_kb3QPqB.pdf", when an earlier test or demo run
        left "guide.pdf" in the media folder) counts as its plain name."""
        return fnmatch.fnmatchcase(STORAGE_SUFFIX.sub(r"\1", url), self.expected)


STORAGE_SUFFIX = re.compile(r"_[A-Za-z0-9]{7}(\.[A-Za-z0-9]+)$")


def relevance_set() -> tuple[dict, list[Case]]:
    data = json.loads(RELEVANCE_FILE.read_text(encoding="utf-8"))
    return data, [Case(**case) for case in data["queries"]]


DATA, CASES = relevance_set()
LANGUAGE = DATA["language"]
TOP = DATA["top"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    login_file = tmp_path_factory.mktemp("relevance") / ".demo-login"
    with django_db_blocker.unblock(), mock.patch.dict(os.environ), transaction.atomic():
        os.environ.pop(accounts.PASSWORD_ENV, None)
        call_command("load_demo", login_file=login_file, verbosity=0, stdout=io.StringIO())
        rebuild()
        yield
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches the site's root paths; they are gone with the rollback


def misses(search: Callable[[SearchRequest], SearchResponse], cases: list[Case]) -> list[str]:
    """A description of every case whose page is not in the first TOP results."""
    failures = []
    for case in cases:
        response = search(SearchRequest(case.query, LANGUAGE, page_size=DEPTH))
        urls = [hit.url for hit in response.hits]
        rank = next((i for i, url in enumerate(urls, 1) if case.matches(url)), None)
        if rank is not None and rank <= TOP:
            continue
        where = f"at {rank}" if rank else f"not in the first {DEPTH} of {response.total}"
        searched = f", searched as {response.query!r}" if response.corrected_from else ""
        lines = [f"{case.query!r} ({case.kind}{searched}): {case.expected} {where}"]
        lines += [f"    {i}. {hit.title} {hit.url}" for i, hit in enumerate(response.hits[:SHOWN], 1)]
        failures.append("\n".join(lines))
    return failures


def report(failures: list[str]) -> str:
    return f"{len(failures)} of {len(CASES)} queries missed the first {TOP} results:\n" + "\n".join(failures)


# --- The file itself -----------------------------------------------------------------------------


def test_the_relevance_set_is_well_formed():
    assert len(CASES) >= 25
    queries = [normalise(case.query) for case in CASES]
    assert len(set(queries)) == len(queries), "a query is listed twice"
    assert 1 <= TOP <= 10
    for case in CASES:
        assert case.query.strip() and case.why.strip(), case
        assert case.expected.startswith("/"), case
        assert case.kind in KINDS, case
        assert parse(case.query, LANGUAGE), f"{case.query!r} has nothing to search for"
    assert {case.kind for case in CASES} == KINDS, "every kind of query is represented"


def test_every_expected_page_is_in_the_demo(demo):
    pages = {page.url for page in Page.objects.live().public().specific() if page.url}
    glossaries = {page.url for page in GlossaryPage.objects.live().public() if page.url}
    anchors = set(GlossaryTerm.objects.values_list("slug", flat=True))
    documents = [document.url for document in PortalDocument.objects.all()]
    missing = []
    for case in CASES:
        if "#" in case.expected:
            page, anchor = case.expected.split("#", 1)
            found = page in glossaries and anchor in anchors
        elif case.expected.startswith("/documents/"):
            found = any(case.matches(url) for url in documents)
        else:
            found = case.expected in pages
        if not found:
            missing.append(case.expected)
    assert not missing, f"not in the demo: {missing}"


def test_a_wrong_answer_is_reported(demo):
    """The check itself can fail: a query whose expected page is elsewhere is listed with its ranking."""
    wrong = Case("core group meetings", "/guidance/online-safety/", "title", "deliberately wrong")
    failures = misses(lambda request: database.search(request, parse(request.query, request.language)), [wrong])
    assert len(failures) == 1
    assert failures[0].startswith("'core group meetings' (title): /guidance/online-safety/ ")
    assert "Core group meetings /guidance/core-group-meetings/" in failures[0]


# --- The backends ---------------------------------------------------------------------------------


def test_the_database_search_finds_every_expected_page(demo):
    assert SearchEntry.objects.exists()
    failures = misses(lambda request: database.search(request, parse(request.query, request.language)), CASES)
    if failures:
        pytest.fail(report(failures), pytrace=False)


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set")
def test_elasticsearch_finds_every_expected_page(demo, settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test_relevance_{os.getpid()}_"
    elastic.rebuild(SearchEntry.objects.all())
    try:
        failures = misses(lambda request: elastic.search(request, parse(request.query, request.language)), CASES)
    finally:
        elastic.get_client().indices.delete(index=elastic.index_name(), ignore_unavailable=True)
    if failures:
        pytest.fail(report(failures), pytrace=False)
