"""Site search speed on a big site: ``run_search`` and the ``/search/`` view over thousands of pages.

    /tmp/venv/bin/python bench/search.py --pages 5000        # a SQLite file in the temp folder
    /tmp/venv/bin/python bench/search.py --pages 5000 --database-url postgres://postgres@127.0.0.1:5432/bench_search
    /tmp/venv/bin/python bench/search.py --reuse             # measure again on the site already built
    /tmp/venv/bin/python bench/search.py --reuse --drop      # ... and delete the database afterwards

Building the site (skipped with ``--reuse`` when the database already holds the same ``--pages``
and ``--seed``, written by the same version of this script): ``migrate``, ``load_demo`` (the
demo's pages, leaflets with their PDF text, toolkit, Youth Hub and glossary), then ``--pages``
GuidancePages under the demo's guidance index, written from a fixed seed:

- summaries and body paragraphs come from a word-level Markov chain (two words of context) over
  the sentences of the demo's English pages, documents and glossary terms, so the common words and
  the phrases ("core group", "risk assessment") are the demo's;
- half the bodies add a sentence on a subject of their own ("cuckooing", "safe sleep and
  co-sleeping"), most name a contact or a place (surnames made from 30 x 20 syllables), which
  gives the rarer words a real library has; the index ends up with about 2,600 distinct words;
- titles are a demo title or glossary term with a qualifier ("...: a guide for health staff",
  "... in early years settings"), or one of those subjects, so titles repeat their subjects as
  real guidance libraries do;
- bodies have 3 to 7 sections (one page in ten has 12 to 20), each a heading and one or two
  paragraphs; each page has one or two of the demo's topics, one to three audiences and an owning
  team, and a publication date in the last two years.

Pages are made with ``parent.add_child`` in transactions of 500 with the search signal handlers
paused (``search_index_updates_paused``, as ``load_demo`` does), then
``search.indexing.rebuild()`` builds every entry once. A small table records what was built, so
``--reuse`` can measure again without building.

Measuring: a fixed mix of queries goes through ``search.backends.run_search``: the six words in
most entries, six rare words (in at least 2 entries and at most 0.5% of them) from the index's own
vocabulary, two-word phrases, abbreviations the synonym list expands, misspellings the search
corrects, natural questions, and browsing by a facet with no query. Each is searched on result
page 1 without a filter, page 5 without a filter and page 1 with a facet filter, in ``--rounds``
rounds, shuffled differently each round, after one untimed warm-up pass. Before each timed search
the cache is emptied and the synonyms loaded again (outside the timing), so "did you mean" is
worked out afresh, as for a query nobody asked in the last ten minutes. Then a subset (page 1,
with and without a filter, every kind of query) goes through the ``/search/`` view with Django's
test client, the cache emptied the same way and Wagtail's site paths loaded again. Each search's
SQL statements are counted and timed, fetching the rows included.

Django runs in this process on production settings, with ``ELASTICSEARCH_URL`` empty (the
database backend is what is measured), local-memory cache, plain static files storage (no
``collectstatic`` needed) and ``MEDIA_ROOT`` in the temp folder (``/tmp/bench-search``, beside the
SQLite file and the demo's generated passwords). Results are printed and written to
``bench/results/<UTC time>-search.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
WORK_DIR = Path(tempfile.gettempdir()) / "bench-search"
DEFAULT_SQLITE = WORK_DIR / "bench-search.sqlite3"
META_TABLE = "bench_search_meta"
LANGUAGE = "en-gb"
BATCH = 500  # pages per transaction

# Fixed parts of the query mix; common and rare words are picked from the index (see query_mix).
PHRASES = ["core group", "risk assessment", "information sharing", "early help", "significant harm", "strategy meeting"]
SYNONYMS = ["LADO", "CSE", "MASH", "LAC", "CP plan", "S47"]
MISSPELLINGS = ["confrence", "alegations", "safegaurding", "exploitaion", "profesional curiosty", "threshols"]
QUESTIONS = [
    "what happens at a core group meeting",
    "who do I tell about an allegation against a teacher",
    "can I share information without consent",
    "what to do if a child tells me they were sexually abused",
]
COMMON_WORDS = 6
RARE_WORDS = 6
LABEL_WORDS = frozenset({"section", "heading", "subheading"})
RESULTS_HEADING = re.compile(r'id="search-results-heading">([\d,]+) result')
STOP_LABELS = re.compile(r"\b(Section heading|Subheading)\b")  # block labels that leak into searchable text

TITLE_QUALIFIERS = [
    "a guide for practitioners",
    "a guide for health staff",
    "what schools need to know",
    "information for care providers",
    "multi-agency protocol",
    "practice guidance",
    "quick guide",
    "frequently asked questions",
    "checklist",
    "for police officers",
    "for housing officers",
    "for GPs and practice nurses",
    "local procedure",
    "learning from reviews",
]
TITLE_SETTINGS = [
    "early years settings",
    "schools and colleges",
    "health services",
    "sport and leisure",
    "faith settings",
    "youth services",
    "adult services",
    "the voluntary sector",
    "residential care",
    "hospital emergency departments",
]


def split_words(text: str) -> list[str]:
    return text.split()


# Subjects of their own for a fifth of the titles and half the bodies, many of them not in the demo.
FOCUS_TERMS = [
    "fabricated or induced illness",
    "radicalisation",
    "the Prevent duty",
    "modern slavery",
    "child trafficking",
    "forced marriage",
    "honour-based abuse",
    "female genital mutilation",
    "cuckooing",
    "financial sextortion",
    "self-harm",
    "suicidal thoughts",
    "eating disorders",
    "parental substance misuse",
    "parental mental health",
    "bruising in non-mobile babies",
    "safe sleep and co-sleeping",
    "abusive head trauma",
    "elective home education",
    "children missing education",
    "young carers",
    "unaccompanied asylum-seeking children",
    "deaf and disabled children",
    "autism",
    "intimate care",
    "physical restraint",
    "online gaming",
    "livestreaming",
    "cyberbullying",
    "upskirting",
    "bereavement",
    "homelessness at 16 and 17",
    "gang violence",
    "knife crime",
    "hate crime",
    "chaperones in health settings",
]
FOCUS_SENTENCES = [
    "Think about {focus} in every assessment, even when nobody has mentioned it.",
    "Local reviews found that {focus} was often missed when agencies did not share what they knew.",
    "Ask the family directly about {focus}, and record what they say in their own words.",
    "If you are worried about {focus}, talk to your designated safeguarding lead the same day.",
    "Training on {focus} is offered every term by the partnership.",
]
FIRST_NAMES = split_words(
    "Amira Ben Chloe Dev Ellen Femi Grace Hassan Iona Jack Kavita Liam Maya Noah Olu Priya Rosa Sam Tariq "
    "Una Vikram Wendy Yusuf Zara"
)
NAME_STARTS = split_words(
    "Ash Bar Cal Dun El Fen Gar Hal Ing Kel Lan Mor Nor Os Pen Quil Rad Sel Tal Ul Ver War Yar Brad Crom "
    "Dal Fair Gold Hart Kings"
)
NAME_ENDS = split_words(
    "by combe dale ford ham hurst ley low mere more ridge stead ton wick worth well field bourne den gate"
)
SERVICES = [
    "family hub",
    "children's centre",
    "youth club",
    "health visiting team",
    "school nursing team",
    "early help team",
    "parenting service",
]
ROLES = [
    "named nurse for safeguarding",
    "designated doctor",
    "education safeguarding adviser",
    "early help coordinator",
    "team manager",
    "adolescent safeguarding lead",
    "safeguarding practice manager",
    "child protection chair",
]
GENERATOR = 2  # bump when the generated pages change, so --reuse builds again
HEADINGS = [
    "What to do",
    "When to refer",
    "Who to contact",
    "Signs to look out for",
    "Working with families",
    "Recording and sharing information",
    "Roles and responsibilities",
    "Timescales",
    "Escalating a concern",
    "Learning from reviews",
    "Hearing the child",
    "Consent and confidentiality",
    "After the meeting",
    "Further reading",
    "Common questions",
    "Training",
]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def stats_ms(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "p99_ms": round(percentile(values, 0.99), 1),
        "max_ms": round(max(values), 1),
        "mean_ms": round(statistics.fmean(values), 1),
        "per_second": round(1000 * len(values) / sum(values), 1) if sum(values) else 0.0,
    }


def cpu_note() -> dict[str, Any]:
    return {"load_average": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count()}


# --- The database ---------------------------------------------------------------------------------


@dataclass
class Target:
    url: str

    @property
    def vendor(self) -> str:
        return "postgresql" if self.url.startswith(("postgres://", "postgresql://")) else "sqlite"

    @property
    def sqlite_path(self) -> Path:
        return Path(urlsplit(self.url).path)

    @property
    def name(self) -> str:
        return urlsplit(self.url).path.lstrip("/")

    @property
    def maintenance_url(self) -> str:
        parts = urlsplit(self.url)
        return urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, parts.fragment))

    def exists(self) -> bool:
        if self.vendor == "sqlite":
            return self.sqlite_path.exists()
        import psycopg

        with psycopg.connect(self.maintenance_url, autocommit=True, connect_timeout=5) as conn:
            return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]).fetchone() is not None

    def drop(self) -> None:
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.sqlite_path}{suffix}").unlink(missing_ok=True)
            return
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.maintenance_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name)))

    def create(self) -> None:
        self.drop()
        if self.vendor == "sqlite":
            self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            return
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.maintenance_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))

    def size_mb(self) -> float:
        if self.vendor == "sqlite":
            return round(self.sqlite_path.stat().st_size / 1e6, 1)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return round(cursor.fetchone()[0] / 1e6, 1)


def django_env(target: Target) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-search-not-secret",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DATABASE_URL": target.url,
        "ELASTICSEARCH_URL": "",  # the database backend is what is measured
        "REDIS_URL": "",
        "MEDIA_ROOT": str(WORK_DIR / "media"),
        "LOG_LEVEL": "WARNING",
    }


def clean_environ(env: dict[str, str]) -> dict[str, str]:
    prefixes = ("DJANGO_", "DATABASE_", "ELASTICSEARCH_", "REDIS_")
    return {**{k: v for k, v in os.environ.items() if not k.startswith(prefixes)}, **env}


def migrate(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), "migrate", "--noinput"],
        cwd=BASE_DIR,
        env=clean_environ(env),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"migrate failed:\n{result.stderr[-3000:]}")


def django_setup(env: dict[str, str]) -> None:
    for key in [k for k in os.environ if k.startswith(("DJANGO_", "DATABASE_", "ELASTICSEARCH_", "REDIS_"))]:
        del os.environ[key]
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise, about STATIC_ROOT
    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # Templates use {% static %}; plain storage needs no collectstatic manifest.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override_settings(STORAGES=storages).enable()


def read_meta() -> dict[str, Any] | None:
    from django.db import connection

    if META_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT data FROM {META_TABLE}")
        row = cursor.fetchone()
    return json.loads(row[0]) if row else None


def write_meta(meta: dict[str, Any]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (data text)")
        cursor.execute(f"DELETE FROM {META_TABLE}")
        cursor.execute(f"INSERT INTO {META_TABLE} (data) VALUES (%s)", [json.dumps(meta)])


# --- Text in the demo's words ---------------------------------------------------------------------

END = None


class Chain:
    """A word-level Markov chain with two words of context, trained on whole sentences."""

    def __init__(self, sentences: list[list[str]]):
        self.starts: list[tuple[str, str]] = []
        self.following: dict[tuple[str, str], list[str | None]] = defaultdict(list)
        for words in sentences:
            if len(words) < 4:
                continue
            self.starts.append((words[0], words[1]))
            padded = [*words, END]
            for a, b, c in zip(padded, padded[1:], padded[2:], strict=False):
                self.following[(a, b)].append(c)

    def sentence(self, rng: random.Random, max_words: int = 32) -> str:
        a, b = rng.choice(self.starts)
        words = [a, b]
        while len(words) < max_words:
            options = self.following.get((a, b))
            if not options:
                break
            c = rng.choice(options)
            if c is END:
                break
            words.append(c)
            a, b = b, c
        text = " ".join(words)
        return text if text.endswith((".", "?", "!")) else text + "."

    def paragraph(self, rng: random.Random, low: int, high: int) -> str:
        return " ".join(self.sentence(rng) for _ in range(rng.randint(low, high)))


def demo_text() -> tuple[list[list[str]], list[str]]:
    """The demo's English sentences (as word lists) and the subjects for titles."""
    from search.entries import all_entries

    sentences: list[list[str]] = []
    subjects: set[str] = set()
    for data in all_entries():
        if data.language != LANGUAGE:
            continue
        subject = data.title.split(":")[0].strip().rstrip("?")
        if 2 <= len(subject) <= 60:
            subjects.add(subject)
        for text in (data.summary, data.body):
            text = STOP_LABELS.sub(" ", text)
            for sentence in re.split(r"(?<=[.?!])\s+", text):
                words = sentence.split()
                if len(words) >= 4:
                    sentences.append(words)
    return sentences, sorted(subjects)


class Writer:
    """Titles and bodies for the generated pages, reproducibly from one random generator."""

    def __init__(self, rng: random.Random, chain: Chain, subjects: list[str]):
        self.rng = rng
        self.chain = chain
        self.subjects = subjects
        self.surnames = [start + end for start in NAME_STARTS for end in NAME_ENDS]

    def title(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            focus = rng.choice(FOCUS_TERMS)
            return f"{focus[0].upper() + focus[1:]}: {rng.choice(TITLE_QUALIFIERS)}"
        subject = rng.choice(self.subjects)
        if roll < 0.5:
            return f"{subject}: {rng.choice(TITLE_QUALIFIERS)}"
        if roll < 0.7:
            return f"{subject} in {rng.choice(TITLE_SETTINGS)}"
        if roll < 0.85:
            other = rng.choice(self.subjects)
            return f"{subject} and {other[0].lower() + other[1:]}" if other != subject else subject
        return subject

    def summary(self) -> str:
        return self.chain.paragraph(self.rng, 1, 2)

    def body(self, title: str) -> list[tuple[str, Any]]:
        from wagtail.rich_text import RichText

        rng = self.rng
        count = rng.randint(12, 20) if rng.random() < 0.1 else rng.randint(3, 7)
        headings = rng.sample(HEADINGS, min(count, len(HEADINGS)))
        headings += [rng.choice(HEADINGS) for _ in range(count - len(headings))]
        sections = [[self.chain.paragraph(rng, 2, 5) for _ in range(rng.randint(1, 2))] for _ in headings]
        # Real guidance names its subject, places and people: the rarer words of a real library.
        focus = next((term for term in FOCUS_TERMS if term.lower() in title.lower()), None)
        if focus or rng.random() < 0.5:
            focus = focus or rng.choice(FOCUS_TERMS)
            rng.choice(sections).append(rng.choice(FOCUS_SENTENCES).format(focus=focus))
        if rng.random() < 0.5:
            place = rng.choice(self.surnames)
            rng.choice(sections).append(f"In {place}, the {rng.choice(SERVICES)} runs drop-in sessions for families.")
        if rng.random() < 0.8:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(self.surnames)}"
            phone = f"01632 9{rng.randint(10, 99)} {rng.randint(100, 999)}"
            sections[-1].append(f"For advice, contact {name}, {rng.choice(ROLES)}, on {phone}.")
        body: list[tuple[str, Any]] = []
        for heading, paragraphs in zip(headings, sections, strict=True):
            body.append(("heading", {"text": heading, "level": "h2"}))
            body.append(("text", RichText("".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))))
        return body


# --- Building the site ----------------------------------------------------------------------------


def build_site(target: Target, pages: int, seed: int) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connections

    timings: dict[str, float] = {}
    connections.close_all()
    log(f"creating the {target.vendor} database {target.url}")
    target.create()
    started = time.perf_counter()
    migrate(django_env(target))
    timings["migrate_s"] = round(time.perf_counter() - started, 1)
    log(f"migrated in {timings['migrate_s']} s; loading the demo")

    started = time.perf_counter()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    from portal.home.demo.accounts import PASSWORD_ENV

    os.environ.pop(PASSWORD_ENV, None)  # generated passwords, written to the work folder
    call_command("load_demo", login_file=WORK_DIR / "demo-logins", verbosity=0, stdout=io.StringIO())
    timings["load_demo_s"] = round(time.perf_counter() - started, 1)
    log(f"demo loaded in {timings['load_demo_s']} s; writing {pages:,} guidance pages")

    started = time.perf_counter()
    add_guidance_pages(pages, seed)
    timings["pages_s"] = round(time.perf_counter() - started, 1)
    log(f"pages written in {timings['pages_s']} s; rebuilding the search index")

    from search.indexing import rebuild

    started = time.perf_counter()
    entries = rebuild()
    timings["rebuild_s"] = round(time.perf_counter() - started, 1)
    log(f"{entries:,} entries indexed in {timings['rebuild_s']} s")
    if target.vendor == "postgresql":
        with connections["default"].cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    meta = {
        "pages": pages,
        "seed": seed,
        "generator": GENERATOR,
        "built_at": datetime.now(UTC).isoformat(),
        "timings": timings,
    }
    write_meta(meta)
    return meta


def add_guidance_pages(count: int, seed: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from portal.home.demo.builder import search_index_updates_paused
    from portal.home.models import Audience, GuidanceIndexPage, GuidancePage, Team, Topic

    rng = random.Random(seed)
    sentences, subjects = demo_text()
    writer = Writer(rng, Chain(sentences), subjects)
    parent = GuidanceIndexPage.objects.live().filter(locale__language_code=LANGUAGE).order_by("path").first()
    topics = list(Topic.objects.filter(locale=parent.locale).order_by("slug"))
    audiences = list(Audience.objects.order_by("slug"))
    teams = list(Team.objects.order_by("name"))
    now = timezone.now()
    log(f"  {len(sentences):,} demo sentences, {len(subjects)} title subjects, {len(topics)} topics")
    started = time.perf_counter()
    with search_index_updates_paused():
        for first in range(0, count, BATCH):
            with transaction.atomic():
                parent = GuidanceIndexPage.objects.get(pk=parent.pk)
                for number in range(first, min(count, first + BATCH)):
                    title = writer.title()
                    published = now - timedelta(days=rng.randint(1, 730), minutes=rng.randint(0, 1439))
                    page = GuidancePage(
                        title=title,
                        slug=f"{slugify_short(title)}-{number + 1}",
                        summary=writer.summary(),
                        body=writer.body(title),
                        owning_team=rng.choice(teams) if teams else None,
                        last_reviewed=(published - timedelta(days=rng.randint(0, 60))).date(),
                        next_review_date=(published + timedelta(days=365)).date(),
                        first_published_at=published,
                        last_published_at=published,
                        live=True,
                    )
                    page.topics = rng.sample(topics, rng.randint(1, 2)) if topics else []
                    page.audiences = rng.sample(audiences, rng.randint(1, len(audiences)))
                    parent.add_child(instance=page)
            done = min(count, first + BATCH)
            log(f"  {done:,} pages ({done / (time.perf_counter() - started):.0f} a second)")


def slugify_short(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title)[:60].strip("-")


# --- The query mix --------------------------------------------------------------------------------


@dataclass
class Case:
    category: str
    query: str
    filters: dict[str, str] = field(default_factory=dict)
    page: int = 1

    @property
    def variant(self) -> str:
        if not self.query:
            return f"facet only, page {self.page}"
        return f"page {self.page}, " + ("with a filter" if self.filters else "no filter")

    @property
    def label(self) -> str:
        extra = "".join(f" {k}={v}" for k, v in self.filters.items())
        return f"{self.query or '(no query)'}{extra} p{self.page}"


def query_mix(seed: int) -> list[Case]:
    """The queries measured: the same for the same site and seed."""
    from search.models import SearchEntry, SearchWord
    from search.query import STOP_WORDS

    rng = random.Random(seed + 1)
    # Not the block labels ("Section heading") that reach the index from every page with a heading.
    words = SearchWord.objects.exclude(word__in=STOP_WORDS | LABEL_WORDS).order_by("-entries", "word")
    common = list(words.filter(length__gte=4).values_list("word", flat=True)[:COMMON_WORDS])
    # Rare: in at least 2 entries and at most 0.5% of them (1 in 200).
    most = max(5, SearchEntry.objects.count() // 200)
    rare_pool = sorted(words.filter(entries__gte=2, entries__lte=most, length__gte=5).values_list("word", flat=True))
    rare = rng.sample(rare_pool, min(RARE_WORDS, len(rare_pool)))
    bases = (
        [("common word", q) for q in common]
        + [("rare word", q) for q in rare]
        + [("phrase", q) for q in PHRASES]
        + [("synonym", q) for q in SYNONYMS]
        + [("misspelling", q) for q in MISSPELLINGS]
        + [("question", q) for q in QUESTIONS]
    )
    facet_filters = facet_choices()
    cases = []
    for number, (category, query) in enumerate(bases):
        cases.append(Case(category, query))
        cases.append(Case(category, query, page=5))
        cases.append(Case(category, query, facet_filters[number % len(facet_filters)]))
    for facet in facet_filters[:2]:
        cases.append(Case("facet only", "", facet))
        cases.append(Case("facet only", "", facet, page=5))
    return cases


def facet_choices() -> list[dict[str, str]]:
    from search.models import SearchFacetValue

    def most_used(facet: str) -> str:
        from django.db.models import Count

        row = (
            SearchFacetValue.objects.filter(facet=facet)
            .values("value")
            .annotate(n=Count("id"))
            .order_by("-n", "value")
            .first()
        )
        return row["value"] if row else ""

    return [
        {"content_type": "guidance"},
        {"audience": "practitioners"},
        {"topic": most_used("topic")},
        {"section": most_used("section")},
    ]


# --- Measuring -----------------------------------------------------------------------------------


class SqlMeter:
    """Counts the SQL statements run inside ``measure()`` and times them, fetching included: SQLite
    works out the rows as they are fetched, so timing ``execute`` alone would miss most of it."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.active = False
        self._time_fetches()

    def _time_fetches(self) -> None:
        from django.db.backends.utils import CursorWrapper

        meter = self

        def timed(name: str):
            def fetch(wrapper, *args, **kwargs):
                started = time.perf_counter()
                try:
                    with wrapper.db.wrap_database_errors:
                        return getattr(wrapper.cursor, name)(*args, **kwargs)
                finally:
                    if meter.active:
                        meter.seconds += time.perf_counter() - started

            return fetch

        for name in ("fetchone", "fetchmany", "fetchall"):
            setattr(CursorWrapper, name, timed(name))

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1

    @contextlib.contextmanager
    def measure(self) -> Iterator[None]:
        from django.db import connection

        self.count, self.seconds, self.active = 0, 0.0, True
        try:
            with connection.execute_wrapper(self):
                yield
        finally:
            self.active = False


def fresh_cache() -> None:
    """Empty the cache as if the query were new, keeping what any busy site has cached anyway."""
    from django.core.cache import cache

    from wagtail.models import Site

    from search.query import synonym_groups

    cache.clear()
    synonym_groups()
    Site.get_site_root_paths()


@dataclass
class Sample:
    case: Case
    ms: float
    sql_count: int
    sql_ms: float
    total: int
    corrected: bool


def time_calls(
    meter: SqlMeter, cases: list[Case], call: Callable[[Case], tuple[int, bool]], rounds: int, seed: int
) -> list[Sample]:
    samples = []
    for round_number in range(rounds):
        order = list(cases)
        random.Random(seed * 31 + round_number).shuffle(order)
        for case in order:
            fresh_cache()
            with meter.measure():
                started = time.perf_counter()
                total, corrected = call(case)
                elapsed = (time.perf_counter() - started) * 1000
            samples.append(Sample(case, elapsed, meter.count, meter.seconds * 1000, total, corrected))
    return samples


def search_call(case: Case) -> tuple[int, bool]:
    from search.backends import run_search
    from search.query import SearchRequest

    response = run_search(SearchRequest(case.query, LANGUAGE, filters=dict(case.filters), page=case.page))
    return response.total, bool(response.corrected_from)


def view_call(client) -> Callable[[Case], tuple[int, bool]]:
    def call(case: Case) -> tuple[int, bool]:
        params = {"query": case.query, **case.filters}
        if case.page != 1:
            params["page"] = str(case.page)
        response = client.get("/search/?" + urlencode(params))
        if response.status_code != 200:
            raise RuntimeError(f"/search/ answered {response.status_code} for {case.label}")
        html = response.content.decode()
        found = RESULTS_HEADING.search(html)
        return (int(found.group(1).replace(",", "")) if found else 0), 'class="search-correction"' in html

    return call


def view_subset(cases: list[Case], count: int) -> list[Case]:
    """Page-1 cases taken in turn from each kind of query, so a small subset still has every kind."""
    by_category: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        if case.page == 1:
            by_category[case.category].append(case)
    interleaved = itertools.chain.from_iterable(itertools.zip_longest(*by_category.values()))
    return [case for case in interleaved if case is not None][:count]


def summarise(samples: list[Sample], key: Callable[[Sample], str]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        groups[key(sample)].append(sample)
    groups["all"] = list(samples)
    summary = {}
    for name, group in groups.items():
        summary[name] = {
            **stats_ms([s.ms for s in group]),
            "sql_queries": round(statistics.fmean(s.sql_count for s in group), 1),
            "sql_share": round(sum(s.sql_ms for s in group) / max(1e-9, sum(s.ms for s in group)), 2),
            "results_median": statistics.median(s.total for s in group),
        }
    return summary


def print_table(title: str, summary: dict[str, dict[str, Any]]) -> None:
    print(f"\n{title}")
    header = (
        f"{'':34} {'n':>4} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} {'q/s':>6} {'SQL':>5} {'SQL%':>5} {'hits':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, row in summary.items():
        print(
            f"{name:34} {row['n']:>4} {row['p50_ms']:>7.1f} {row['p95_ms']:>7.1f} {row['p99_ms']:>7.1f} "
            f"{row['max_ms']:>7.1f} {row['per_second']:>6.1f} {row['sql_queries']:>5.1f} "
            f"{100 * row['sql_share']:>4.0f}% {row['results_median']:>6}"
        )


def slowest(samples: list[Sample], count: int = 8) -> list[dict[str, Any]]:
    by_case: dict[str, list[float]] = defaultdict(list)
    for sample in samples:
        by_case[sample.case.label].append(sample.ms)
    ranked = sorted(by_case.items(), key=lambda item: -statistics.median(item[1]))[:count]
    return [{"case": label, "median_ms": round(statistics.median(values), 1)} for label, values in ranked]


def measure(args: argparse.Namespace, target: Target, meta: dict[str, Any]) -> dict[str, Any]:
    from django.test import Client

    from search.models import SearchEntry, SearchWord

    cases = query_mix(args.seed)
    meter = SqlMeter()
    corpus = {
        "entries": SearchEntry.objects.count(),
        "guidance_entries": SearchEntry.objects.filter(content_type="guidance").count(),
        "vocabulary": SearchWord.objects.count(),
        "database_mb": target.size_mb(),
    }
    log(
        f"{corpus['entries']:,} entries ({corpus['guidance_entries']:,} guidance), "
        f"{corpus['vocabulary']:,} words; {len(cases)} searches a round"
    )
    before = cpu_note()
    log("warm-up pass")
    time_calls(meter, cases, search_call, 1, args.seed + 99)
    log(f"run_search: {args.rounds} rounds")
    samples = time_calls(meter, cases, search_call, args.rounds, args.seed)

    view_cases = view_subset(cases, args.http_queries)
    client = Client()
    log(f"/search/ view: {len(view_cases)} requests a round, {args.http_rounds} rounds")
    time_calls(meter, view_cases[:3], view_call(client), 1, args.seed + 98)
    view_samples = time_calls(meter, view_cases, view_call(client), args.http_rounds, args.seed + 1)
    after = cpu_note()

    by_category = summarise(samples, lambda s: s.case.category)
    by_variant = summarise(samples, lambda s: s.case.variant)
    view_by_category = summarise(view_samples, lambda s: s.case.category)
    label = f"{target.vendor}, {meta['pages']:,} generated pages + demo, {corpus['entries']:,} entries"
    print_table(f"run_search by kind of query ({label}); times in ms", by_category)
    print_table("run_search by result page and filter", by_variant)
    print_table("/search/ view through Django's test client, by kind of query", view_by_category)
    corrected = sorted({s.case.query for s in samples if s.corrected})
    print(f"\nauto-corrected: {', '.join(corrected) or 'none'}")
    print("slowest searches (median ms):")
    for row in slowest(samples):
        print(f"  {row['median_ms']:>8.1f}  {row['case']}")
    print(f"load average before / after: {before['load_average']} / {after['load_average']} on {before['cpus']} CPUs")
    return {
        "corpus": corpus,
        "cases": [{"category": c.category, "query": c.query, "filters": c.filters, "page": c.page} for c in cases],
        "run_search": {"by_category": by_category, "by_variant": by_variant, "slowest": slowest(samples)},
        "view": {"by_category": view_by_category, "slowest": slowest(view_samples)},
        "auto_corrected": corrected,
        "machine": {"before": before, "after": after},
    }


# --- Main -------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000, help="generated guidance pages (default 5000)")
    parser.add_argument("--seed", type=int, default=7, help="seed for the pages and the query mix (default 7)")
    parser.add_argument(
        "--database-url",
        default=f"sqlite:///{DEFAULT_SQLITE}",
        help=f"the database to build and keep (default sqlite:///{DEFAULT_SQLITE}); a PostgreSQL one is "
        "created on its server (and dropped first unless --reuse finds it right)",
    )
    parser.add_argument("--reuse", action="store_true", help="measure the site already built, if it matches")
    parser.add_argument("--drop", action="store_true", help="delete the database at the end")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of run_search over the mix (default 3)")
    parser.add_argument("--http-queries", type=int, default=80, help="searches per round through /search/")
    parser.add_argument("--http-rounds", type=int, default=1, help="timed rounds through /search/ (default 1)")
    args = parser.parse_args()

    target = Target(args.database_url)
    env = django_env(target)
    reusable = args.reuse and target.exists()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    django_setup(env)
    started_at = datetime.now(UTC)
    try:
        meta = read_meta() if reusable else None
        if meta and (meta.get("pages"), meta.get("seed"), meta.get("generator")) == (args.pages, args.seed, GENERATOR):
            log(f"reusing {target.url}, built {meta['built_at']}")
        else:
            if args.reuse:
                log("nothing to reuse (missing, or built with other --pages or --seed): building")
            meta = build_site(target, args.pages, args.seed)
        results = measure(args, target, meta)
    finally:
        if args.drop:
            from django.db import connections

            connections.close_all()
            target.drop()
            log(f"dropped {target.url}")
    report = {
        "started_at": started_at.isoformat(),
        "database": target.vendor,
        "database_url": target.url,
        "pages": args.pages,
        "seed": args.seed,
        "rounds": args.rounds,
        "build": meta,
        "python": platform.python_version(),
        "platform": platform.platform(),
        **results,
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{started_at.strftime('%Y%m%dT%H%M%SZ')}-search.json"
    path.write_text(json.dumps(report, indent=2, default=str) + "\n")
    log(f"written {path.relative_to(BASE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
