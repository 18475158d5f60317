"""Complete pupil reports per second through the real views, on PostgreSQL, gunicorn and Redis.

    /tmp/venv/bin/python bench/report_submissions.py                 # about 4 minutes
    /tmp/venv/bin/python bench/report_submissions.py --duration 15 --rounds 1 --profile-reports 0

It makes a throwaway PostgreSQL database (``bench_reports_<pid>``), migrates it, loads the demo
(the /report/ page, nine schools with join codes, 407 reports) and serves it with gunicorn on
production settings and a Redis cache, then runs separate client processes (``multiprocessing``,
``http.client``, one cookie jar per report, as if every report came from a different pupil's
phone) that walk whole reports through the wizard as a browser without JavaScript does: the start
page, each step's GET and POST (with the CSRF token read from the form), the redirects, the check
page, ``step/done/`` and the confirmation, whose reference is collected.

In the same run, in alternating rounds so that the machine's noise falls on both alike, the same
clients load a baseline: the report start page (and ``/healthz/``, the framework floor). It
prints completed reports/s, requests/s, per-request latency, HTTP errors, the CPU each report costs
the gunicorn workers and PostgreSQL, and the ratio of a report's cost to a start-page request's;
then checks that none was lost (the confirmations seen equal the new PupilReport rows, reference
for reference, and the resolution-0 "any worry" rollup totals equal the number of reports). An
in-process profile (Django's test client, same settings and database) says where a report's
time goes, step by step, with a cProfile summary written beside the JSON in bench/results/.

The rate limits are raised through the environment for the run
(``REPORTING_RATE_LIMIT_PER_CLIENT_HOUR`` and ``..._PER_SESSION_HOUR``, see ``--rate-limit``): every
client comes from 127.0.0.1, which the per-address limit (120 an hour) would otherwise stop after
two seconds. Email goes to Django's dummy backend (urgent reports send a notice after the commit).
Traffic goes only to 127.0.0.1, every loop is bounded in time, and gunicorn is stopped, the
database dropped and the Redis database used (14 unless ``--redis-url``) emptied on the way out,
also on Ctrl+C; the Redis database is only used when it is empty at the start.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import http.client
import io
import json
import multiprocessing
import os
import platform
import pstats
import random
import re
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from serve import (
    BASE_DIR,
    DEFAULT_PG_URL,
    HOST,
    RESULTS_DIR,
    busy_cores_of_others,
    children_of,
    cpu_seconds,
    free_port,
    load_average,
    log,
    machine_busy_seconds,
    manage,
    percentile,
    stop_process_group,
)

TARGET_REPORTS_PER_SECOND = 200.0
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PREFIX_RE = re.compile(r'name="(pupil_report_\d+)-current_step"')
REFERENCE_RE = re.compile(r'<strong class="reference">([^<]+)</strong>')
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
CONTEXT_WEIGHTS = (("neighbourhood", 35), ("route", 20), ("school", 25), ("home", 10), ("online", 10))


# --- What a pupil answers ---------------------------------------------------------------------


def make_answers(rng: random.Random, plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One pupil's answers, step by step (``step`` -> fields), varied over the demo's schools,
    both age groups and every kind of place. ``plan`` holds what the server's data allows: the
    schools (join code and phase), the worries offered to each age group, postcodes and the box
    the map accepts."""
    code, phase = rng.choice(plan["schools"])
    age = rng.choice(["primary", "secondary"]) if phase == "all-through" else phase
    context = rng.choices([c for c, _w in CONTEXT_WEIGHTS], [w for _c, w in CONTEXT_WEIGHTS])[0]
    # Join codes as pupils type them: any case, with or without the hyphen.
    typed = rng.choice([code, code.lower(), code.replace("-", " "), code.replace("-", "")])
    answers: dict[str, dict[str, Any]] = {"school": {"join_code": typed}, "where": {"context": context}}
    if phase == "all-through":
        answers["age"] = {"age_group": age}
    south, west, north, east = plan["inner_bounds"]
    if context == "school":
        place: dict[str, Any] = {"school_area": rng.choice(plan["school_areas"])}
        if rng.random() < 0.3:
            place.update(plan_x=str(rng.randint(0, 100)), plan_y=str(rng.randint(0, 100)))
        answers["school-place"] = place
    elif context in ("neighbourhood", "route"):
        roll = rng.random()
        lat, lng = rng.uniform(south, north), rng.uniform(west, east)
        if context == "route" and roll < 0.7:
            points = [[round(lat, 6), round(lng, 6)]]
            for _ in range(rng.randint(1, 5)):
                lat = min(north, max(south, lat + rng.uniform(-0.004, 0.004)))
                lng = min(east, max(west, lng + rng.uniform(-0.006, 0.006)))
                points.append([round(lat, 6), round(lng, 6)])
            answers["map-place"] = {"route": json.dumps(points)}
        elif roll < 0.8:
            answers["map-place"] = {"latitude": f"{lat:.6f}", "longitude": f"{lng:.6f}"}
        elif roll < 0.92 and plan["postcodes"]:
            answers["map-place"] = {"postcode": rng.choice(plan["postcodes"]).lower()}
        else:
            answers["map-place"] = {"description": "the alley behind the shops"}
    elif context == "home":
        answers["home-place"] = {"home_room": rng.choice(plan["home_rooms"])}
    else:
        answers["online-place"] = {"online_place": rng.choice(plan["online_places"])}
    worries = plan["worries"][age]
    answers["worries"] = {"categories": rng.sample(worries, rng.randint(1, 3))}
    answers["feeling"] = {
        "feeling": str(rng.randint(1, 4)),
        "times_of_day": rng.sample(plan["times_of_day"], rng.randint(0, 2)),
        "days": rng.choice(["", *plan["days"]]),
    }
    answers["details"] = {
        "details": rng.choice(["", "", "it is dark and people shout at us", "older boys wait by the gate after school"])
    }
    if rng.random() < 0.15:
        answers["trusted-adult"] = {"wants_trusted_adult": "yes", "contact_name": "Sam", "contact_class": "7B"}
    else:
        answers["trusted-adult"] = {"wants_trusted_adult": "no"}
    return answers


# --- Transports: real HTTP for the load, Django's test client for the profile ----------------


class Response:
    def __init__(self, status: int, location: str, body: str):
        self.status, self.location, self.body = status, location, body


class HttpTransport:
    """One pupil's browser: a keep-alive connection (reopened whenever the server closes it, as
    gunicorn's sync workers do after every response) and a cookie jar of its own."""

    def __init__(self, port: int, timings: dict[str, list[float]]):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.timings = timings
        self.reconnects = 0

    def new_pupil(self) -> None:
        self.cookies = {}

    def close(self) -> None:
        self.conn.close()

    def request(self, method: str, path: str, data: dict[str, Any] | None = None, kind: str = "") -> Response:
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            start = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection before reading the request: the
                # request never reached the app, so sending it again is safe (browsers do too).
                self.conn.close()
                self.reconnects += 1
                if attempt == 2:
                    raise
        self.timings[kind or method.lower()].append((time.perf_counter() - start) * 1000)
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return Response(response.status, response.headers.get("Location", ""), payload.decode("utf-8", "replace"))


class ClientTransport:
    """Django's test client, in-process (for the profile; same views and middleware, no CSRF check)."""

    def __init__(self, on_request: Callable[[str, str, Callable[[], Any]], Any] | None = None):
        from django.test import Client

        self.client = Client(HTTP_HOST=HOST)
        self.on_request = on_request

    def new_pupil(self) -> None:
        # A new cookie jar, not a new Client: each Client builds its own handler, whose first
        # request loads the middleware again (WhiteNoise rescans the static files, ~95 ms),
        # which gunicorn does once per worker.
        self.client.cookies = SimpleCookie()

    def close(self) -> None:
        pass

    def request(self, method: str, path: str, data: dict[str, Any] | None = None, kind: str = "") -> Response:
        def call() -> Any:
            if method == "POST":
                return self.client.post(path, data or {})
            return self.client.get(path)

        response = self.on_request(kind, path, call) if self.on_request else call()
        body = response.content.decode("utf-8", "replace") if hasattr(response, "content") else ""
        return Response(response.status_code, response.get("Location", ""), body)


class WalkError(Exception):
    def __init__(self, where: str, status: int, detail: str = ""):
        super().__init__(f"{where}: HTTP {status} {detail}".strip())
        self.where, self.status = where, status


def _expect(response: Response, status: int, where: str) -> Response:
    if response.status != status:
        detail = ""
        if response.status == 200 and "error-message" in response.body:
            found = re.findall(r'class="error-message"[^>]*>([^<]+)<', response.body)
            detail = "; ".join(x.strip() for x in found[:2])
        raise WalkError(where, response.status, detail)
    return response


def walk_report(transport: HttpTransport | ClientTransport, start_path: str, answers: dict[str, dict[str, Any]]) -> str:
    """Send one complete report; returns the reference the confirmation shows."""
    transport.new_pupil()
    _expect(transport.request("GET", start_path, kind="get start"), 200, "start")
    step, path = "school", f"{start_path}step/school/"
    page = _expect(transport.request("GET", path, kind="get step"), 200, "GET school")
    prefix_match = PREFIX_RE.search(page.body)
    if prefix_match is None:
        raise WalkError("GET school", page.status, "no management form")
    prefix = prefix_match.group(1)
    for _ in range(20):  # at most 12 steps; bounded anyway
        token = CSRF_RE.search(page.body)
        data = {f"{prefix}-current_step": step, "csrfmiddlewaretoken": token.group(1) if token else ""}
        data.update({f"{step}-{name}": value for name, value in answers.get(step, {}).items()})
        sent = _expect(
            transport.request("POST", path, data, kind="post send" if step == "check" else "post step"),
            302,
            f"POST {step}",
        )
        if step == "check":
            break
        path = sent.location
        step = path.rstrip("/").rsplit("/", 1)[-1]
        page = _expect(transport.request("GET", path, kind="get step"), 200, f"GET {step}")
    else:
        raise WalkError("wizard", 0, "did not reach the check step")
    done = _expect(transport.request("GET", sent.location, kind="get done"), 302, "GET done")
    confirmation = _expect(transport.request("GET", done.location, kind="get sent"), 200, "GET sent")
    reference = REFERENCE_RE.search(confirmation.body)
    if reference is None:
        raise WalkError("GET sent", 200, "no reference on the confirmation")
    return reference.group(1).strip()


# --- Client processes ---------------------------------------------------------------------------


def client_process(
    index: int,
    port: int,
    mode: str,
    paths: dict[str, str],
    plan: dict[str, Any],
    window: tuple[float, float],
    seed: int,
) -> dict[str, Any]:
    """Load from one process until the window's end (wall clock, shared by all the processes).
    ``mode`` "reports" walks whole reports; any other mode GETs that path again and again."""
    begin, end = window
    rng = random.Random(seed * 1000 + index)
    timings: dict[str, list[float]] = defaultdict(list)
    transport = HttpTransport(port, timings)
    references: list[str] = []
    finished_in_window = 0
    requests_in_window = 0
    errors: Counter[str] = Counter()
    while time.time() < begin:
        time.sleep(0.001)
    cpu_start = resource.getrusage(resource.RUSAGE_SELF)
    while time.time() < end:
        before = sum(len(v) for v in timings.values())
        try:
            if mode == "reports":
                references.append(walk_report(transport, paths["start"], make_answers(rng, plan)))
            else:
                transport.new_pupil()
                _expect(transport.request("GET", paths[mode], kind=f"get {mode}"), 200, mode)
        except WalkError as error:
            errors[str(error)[:160]] += 1
        except (OSError, http.client.HTTPException) as error:
            errors[f"{type(error).__name__}: {error}"[:160]] += 1
            transport.close()
        else:
            if time.time() <= end:
                finished_in_window += 1
        if time.time() <= end:
            requests_in_window += sum(len(v) for v in timings.values()) - before
    cpu_end = resource.getrusage(resource.RUSAGE_SELF)
    transport.close()
    return {
        "timings": dict(timings),
        "references": references,
        "finished_in_window": finished_in_window,
        "requests_in_window": requests_in_window,
        "errors": dict(errors),
        "reconnects": transport.reconnects,
        "cpu_s": (cpu_end.ru_utime + cpu_end.ru_stime) - (cpu_start.ru_utime + cpu_start.ru_stime),
    }


def _client_entry(queue: Any, *args: Any) -> None:
    """A client process: default signal handling (the parent turns SIGTERM into
    KeyboardInterrupt for its own cleanup, which a client must not inherit), one result back."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    queue.put(client_process(*args))


def run_phase(
    server: dict[str, Any],
    mode: str,
    args: argparse.Namespace,
    paths: dict[str, str],
    plan: dict[str, Any],
    watch: dict[str, list[int]],
    seconds: float,
) -> dict[str, Any]:
    """``args.clients`` processes load one server for ``seconds``; the CPU time of its workers,
    PostgreSQL's backends for this database, Redis and the clients is measured over the same
    window."""
    begin = time.time() + 0.5
    window = (begin, begin + seconds)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    seed = args.seed + len(args.phases)
    clients = [
        context.Process(
            target=_client_entry, args=(queue, i, server["port"], mode, paths, plan, window, seed), daemon=True
        )
        for i in range(args.clients)
    ]
    for client in clients:
        client.start()
    while time.time() < begin:
        time.sleep(0.001)
    before = {name: cpu_seconds(pids) for name, pids in watch.items()}
    machine_before, wall_before = machine_busy_seconds(), time.monotonic()
    time.sleep(max(0.0, window[1] - time.time()))
    after = {name: cpu_seconds(pids) for name, pids in watch.items()}
    machine_after, wall_after = machine_busy_seconds(), time.monotonic()
    results = []
    try:
        # A report started just before the end is finished (its confirmation counts for "none
        # lost", not for the rate); 60 s is far more than one report takes.
        for _ in clients:
            results.append(queue.get(timeout=60))
    finally:
        for client in clients:
            client.join(timeout=5)
            if client.is_alive():
                client.terminate()
                client.join(timeout=5)
    if len(results) < len(clients):
        raise RuntimeError(f"only {len(results)} of {len(clients)} client processes reported back")
    elapsed = wall_after - wall_before
    used = {name: after[name] - before[name] for name in watch}
    clients_cpu = sum(r["cpu_s"] for r in results)
    timings: dict[str, list[float]] = defaultdict(list)
    for result in results:
        for kind, values in result["timings"].items():
            timings[kind].extend(values)
    errors: Counter[str] = Counter()
    for result in results:
        errors.update(result["errors"])
    phase = {
        "server": server["name"],
        "mode": mode,
        "seconds": round(elapsed, 2),
        "completed": sum(r["finished_in_window"] for r in results),
        "requests": sum(r["requests_in_window"] for r in results),
        "references": [ref for r in results for ref in r["references"]],
        "timings": dict(timings),
        "errors": dict(errors),
        "reconnects": sum(r["reconnects"] for r in results),
        "cpu_s": {name: round(value, 3) for name, value in used.items()},
        "cpu_s_clients": round(clients_cpu, 3),
        "cpu_s_machine": round(machine_after - machine_before, 3),
    }
    phase["per_second"] = phase["completed"] / elapsed
    phase["requests_per_second"] = phase["requests"] / elapsed
    args.phases.append(phase)
    log(
        f"{server['name']} {mode}: {phase['completed']} in {elapsed:.1f}s = {phase['per_second']:.1f}/s, "
        f"{phase['requests_per_second']:.0f} req/s, errors {sum(errors.values())}"
    )
    return phase


# --- Setting up -----------------------------------------------------------------------------------


@contextlib.contextmanager
def postgres_database(maintenance_url: str, name: str, keep: bool) -> Iterator[str]:
    import psycopg
    from psycopg import sql

    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(maintenance_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"created PostgreSQL database {name}")
    base, _, _ = maintenance_url.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        if keep:
            log(f"kept PostgreSQL database {name} (--keep-db)")
        else:
            with psycopg.connect(maintenance_url, autocommit=True, connect_timeout=5) as conn:
                conn.execute(drop)
            log(f"dropped PostgreSQL database {name}")


@contextlib.contextmanager
def redis_database(url: str) -> Iterator[int | None]:
    """Use the Redis database only if it is empty now; empty it again afterwards. Yields the
    Redis server's pid (for its CPU time) when it runs on this machine."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    if client.dbsize():
        raise RuntimeError(f"{url} is not empty; choose an empty Redis database with --redis-url")
    pid = client.info("server").get("process_id")
    try:
        yield int(pid) if pid and Path(f"/proc/{pid}").exists() else None
    finally:
        client.flushdb()
        log(f"emptied {url}")


def gunicorn_env(args: argparse.Namespace, database_url: str, tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "REPORTING_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": database_url,
            "REDIS_URL": args.redis_url,
            "MEDIA_ROOT": str(tmp / "media"),
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
            # Every client is 127.0.0.1; see the module docstring.
            "REPORTING_RATE_LIMIT_PER_CLIENT_HOUR": str(args.rate_limit),
            "REPORTING_RATE_LIMIT_PER_SESSION_HOUR": str(args.rate_limit),
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "ELASTICSEARCH_URL": "",
            # Keep each thread's connection for the whole run, so that PostgreSQL's CPU time can
            # be read from its backends (production's 60 s would replace them mid-run).
            "DATABASE_CONN_MAX_AGE": "900",
        }
    )
    return env


def start_gunicorn(
    args: argparse.Namespace, worker_class: str, port: int, env: dict[str, str], log_file: Path
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        f"--workers={args.workers}",
        f"--worker-class={worker_class}",
        f"--bind={HOST}:{port}",
        "--timeout=30",
        "--log-level=warning",
        f"--error-logfile={log_file}",
        "--access-logfile=/dev/null",
        "--max-requests=0",
    ]
    if worker_class == "gthread":
        command.append(f"--threads={args.threads}")
    return subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)


def wait_healthy(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/healthz/", headers={"Host": HOST})
            if conn.getresponse().status == 200:
                conn.close()
                return
        time.sleep(0.2)
    raise RuntimeError("/healthz/ did not answer")


def django_setup(env: dict[str, str]) -> None:
    """Set this process up with the same settings and database as gunicorn (for counting rows and
    for the in-process profile). Client processes are forked before any connection is opened."""
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def plan_from_database() -> tuple[dict[str, str], dict[str, Any]]:
    from django.conf import settings

    from portal.reporting import choices
    from portal.reporting.models import PostcodeLocation, PupilReportPage, School

    page = PupilReportPage.objects.live().order_by("path").first()
    if page is None:
        raise RuntimeError("no live PupilReportPage (did load_demo run?)")
    start = page.get_url()
    schools = list(School.objects.filter(accepts_reports=True).values_list("join_code", "phase"))
    south, west, north, east = settings.REPORTING_MAP_BOUNDS
    # Pins in the middle of the allowed box, so that a route stays inside it.
    pad_lat, pad_lng = (north - south) * 0.1, (east - west) * 0.1
    plan = {
        "schools": schools,
        "worries": {
            age: [slug for slug, _ in choices.worry_choices(age)] for age in (choices.PRIMARY, choices.SECONDARY)
        },
        "postcodes": list(PostcodeLocation.objects.values_list("postcode", flat=True)[:50]),
        "inner_bounds": (south + pad_lat, west + pad_lng, north - pad_lat, east - pad_lng),
        "school_areas": [slug for slug, _ in choices.SCHOOL_AREAS],
        "home_rooms": [slug for slug, _ in choices.HOME_ROOMS],
        "online_places": [slug for slug, _ in choices.ONLINE_PLACES],
        "times_of_day": [slug for slug, _ in choices.TIMES_OF_DAY],
        "days": [slug for slug, _ in choices.DAYS],
    }
    return {"start": start, "healthz": "/healthz/"}, plan


def report_counts() -> dict[str, Any]:
    from django.db.models import Max, Sum

    from portal.reporting.models import HotspotRollup, PupilReport

    rollup_total = HotspotRollup.objects.filter(resolution=0, cell="", category="").aggregate(n=Sum("count"))["n"]
    return {
        "reports": PupilReport.objects.count(),
        "max_id": PupilReport.objects.aggregate(m=Max("id"))["m"] or 0,
        "rollup_total": rollup_total or 0,
    }


def postgres_backends(database: str) -> list[int]:
    """The server processes serving this database's connections (gunicorn's threads keep theirs
    open between requests, CONN_MAX_AGE), whose CPU time is PostgreSQL's share of the work."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database])
        pids = [row[0] for row in cursor.fetchall()]
    connection.close()
    return [pid for pid in pids if Path(f"/proc/{pid}").exists()]


# --- The in-process profile ---------------------------------------------------------------------


def profile_in_process(count: int, paths: dict[str, str], plan: dict[str, Any], out: Path) -> dict[str, Any]:
    """Walk ``count`` reports through Django's test client: CPU ms and SQL queries per kind of
    request (medians), and a cProfile summary of the whole lot written to ``out``."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    per_kind: dict[str, list[tuple[float, int, float]]] = defaultdict(list)
    query_shapes: Counter[str] = Counter()

    def on_request(kind: str, path: str, call: Callable[[], Any]) -> Any:
        with CaptureQueriesContext(connection) as captured:
            start = time.process_time()
            response = call()
            cpu = (time.process_time() - start) * 1000
        sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
        label = kind
        if kind == "post step":
            label = f"POST {path.rstrip('/').rsplit('/', 1)[-1]}"
        elif kind == "get step":
            label = f"GET {path.rstrip('/').rsplit('/', 1)[-1]}"
        per_kind[label].append((cpu, len(captured), sql_ms))
        for query in captured.captured_queries:
            query_shapes[re.sub(r"'[^']*'|\b\d+\b", "?", query["sql"])[:140]] += 1
        reset_queries()
        return response

    rng = random.Random(12345)
    transport = ClientTransport(on_request)
    walk_report(transport, paths["start"], make_answers(rng, plan))  # warm up
    per_kind.clear()
    query_shapes.clear()
    # First without the profiler, for honest CPU times per request; then again under cProfile
    # (which roughly doubles them) for where the time goes, function by function.
    walls = []
    cpu_totals = []
    for _ in range(count):
        answers = make_answers(rng, plan)
        wall, cpu = time.perf_counter(), time.process_time()
        walk_report(transport, paths["start"], answers)
        walls.append((time.perf_counter() - wall) * 1000)
        cpu_totals.append((time.process_time() - cpu) * 1000)
    profiler = cProfile.Profile()
    plain = ClientTransport()
    for _ in range(count):
        answers = make_answers(rng, plan)
        profiler.enable()
        walk_report(plain, paths["start"], answers)
        profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(40)
    out.write_text(text.getvalue())
    table = {
        label: {
            "requests": len(rows),
            "cpu_ms_median": round(statistics.median(r[0] for r in rows), 2),
            "queries_median": statistics.median(r[1] for r in rows),
            "sql_ms_median": round(statistics.median(r[2] for r in rows), 2),
        }
        for label, rows in sorted(per_kind.items())
    }
    queries_per_report = sum(r[1] for rows in per_kind.values() for r in rows) / count
    requests_per_report = sum(len(rows) for rows in per_kind.values()) / count
    return {
        "reports": count,
        "wall_ms_per_report_median": round(statistics.median(walls), 1),
        "cpu_ms_per_report_median": round(statistics.median(cpu_totals), 1),
        "requests_per_report": round(requests_per_report, 2),
        "queries_per_report": round(queries_per_report, 1),
        "by_request": table,
        "top_queries": query_shapes.most_common(15),
        "cprofile_file": str(out.relative_to(BASE_DIR)),
    }


# --- Summary --------------------------------------------------------------------------------------


def latency(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
        "p99_ms": round(percentile(values, 0.99), 1),
    }


def summarise_server(phases: list[dict[str, Any]], server_names: list[str]) -> dict[str, Any]:
    by_mode: dict[str, dict[str, Any]] = {}
    for mode in dict.fromkeys(p["mode"] for p in phases):
        runs = [p for p in phases if p["mode"] == mode]
        seconds = sum(p["seconds"] for p in runs)
        completed = sum(p["completed"] for p in runs)
        requests = sum(p["requests"] for p in runs)
        timings: dict[str, list[float]] = defaultdict(list)
        for p in runs:
            for kind, values in p["timings"].items():
                timings[kind].extend(values)
        every = [v for values in timings.values() for v in values]
        cpu = {name: sum(p["cpu_s"][name] for p in runs) for name in server_names}
        machine = sum(p["cpu_s_machine"] for p in runs)
        clients = sum(p["cpu_s_clients"] for p in runs)
        errors: Counter[str] = Counter()
        for p in runs:
            errors.update(p["errors"])
        by_mode[mode] = {
            "rounds": len(runs),
            "seconds": round(seconds, 1),
            "completed": completed,
            "per_second": round(completed / seconds, 2),
            "per_second_by_round": [round(p["per_second"], 1) for p in runs],
            "requests_per_second": round(requests / seconds, 1),
            "latency_all": latency(every),
            "latency_by_kind": {kind: latency(values) for kind, values in sorted(timings.items())},
            "errors": dict(errors),
            "error_count": sum(errors.values()),
            "reconnects": sum(p["reconnects"] for p in runs),
            "cpu_ms_per_item": {name: round(cpu[name] * 1000 / max(1, completed), 2) for name in server_names},
            "cores_busy": {
                **{name: round(cpu[name] / seconds, 2) for name in server_names},
                "clients": round(clients / seconds, 2),
                "other": round(max(0.0, machine - sum(cpu.values()) - clients) / seconds, 2),
            },
        }
    reports, start = by_mode["reports"], by_mode["start"]
    by_mode["requests_per_report"] = round(reports["requests_per_second"] / max(0.001, reports["per_second"]), 2)
    by_mode["ratio_reports_to_start"] = round(reports["per_second"] / start["per_second"], 4)
    by_mode["ratio_requests_to_start"] = round(reports["requests_per_second"] / start["per_second"], 3)
    by_mode["ratio_cpu_report_to_start"] = round(
        reports["cpu_ms_per_item"]["workers"] / max(0.001, start["cpu_ms_per_item"]["workers"]), 1
    )
    return by_mode


def render(summaries: dict[str, dict[str, Any]], checks: dict[str, Any], profile: dict[str, Any] | None, args) -> str:
    names = list(summaries)
    first = summaries[names[0]]["reports"]
    lines = [
        "",
        f"gunicorn {args.workers} workers ({', '.join(names)}), PostgreSQL, Redis cache; {args.clients} client "
        f"processes; {first['rounds']} rounds of {args.round_seconds}s of reports and {args.baseline_seconds}s "
        "of each baseline per server, interleaved",
        "",
    ]
    rows: list[list[str]] = [["", *names]]

    def add(label: str, values: list[Any]) -> None:
        rows.append([label, *(str(v) for v in values)])

    def each(fn: Callable[[dict[str, Any]], Any]) -> list[Any]:
        return [fn(summaries[name]) for name in names]

    add("complete reports/s", each(lambda s: s["reports"]["per_second"]))
    add("  by round", each(lambda s: s["reports"]["per_second_by_round"]))
    add("requests/s while reporting", each(lambda s: s["reports"]["requests_per_second"]))
    add("requests per report", each(lambda s: s["requests_per_report"]))
    add("start page req/s (baseline)", each(lambda s: s["start"]["per_second"]))
    if "healthz" in summaries[names[0]]:
        add("/healthz/ req/s (floor)", each(lambda s: s["healthz"]["per_second"]))
    add("reports/s : start page req/s", each(lambda s: s["ratio_reports_to_start"]))
    add("wizard req/s : start page req/s", each(lambda s: s["ratio_requests_to_start"]))
    add("worker CPU ms per report", each(lambda s: s["reports"]["cpu_ms_per_item"]["workers"]))
    add("PostgreSQL CPU ms per report", each(lambda s: s["reports"]["cpu_ms_per_item"]["postgres"]))
    add("worker CPU ms per start page", each(lambda s: s["start"]["cpu_ms_per_item"]["workers"]))
    add("report CPU : start page CPU", each(lambda s: s["ratio_cpu_report_to_start"]))
    add(
        "cores busy reporting: workers/pg/clients/other",
        each(lambda s: "{workers}/{postgres}/{clients}/{other}".format(**s["reports"]["cores_busy"])),
    )
    for kind in sorted(first["latency_by_kind"]):
        add(
            f"latency p50/p95 ms: {kind}",
            each(
                lambda s, k=kind: (
                    "{p50_ms}/{p95_ms}".format(**s["reports"]["latency_by_kind"].get(k, {}))
                    if k in s["reports"]["latency_by_kind"]
                    else "-"
                )
            ),
        )
    add(
        "latency p50/p95 ms: every wizard request",
        each(lambda s: "{p50_ms}/{p95_ms}".format(**s["reports"]["latency_all"])),
    )
    add(
        "latency p50/p95 ms: start page (baseline)",
        each(lambda s: "{p50_ms}/{p95_ms}".format(**s["start"]["latency_all"])),
    )
    add(
        "HTTP errors, reports / start page",
        each(lambda s: f"{s['reports']['error_count']} / {s['start']['error_count']}"),
    )
    add(
        f"TARGET {TARGET_REPORTS_PER_SECOND:g} reports/s",
        each(lambda s: "PASS" if s["reports"]["per_second"] >= TARGET_REPORTS_PER_SECOND else "FAIL"),
    )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        lines.append(" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("-+-".join("-" * width for width in widths))
    for name in names:
        errors = summaries[name]["reports"]["errors"]
        if errors:
            lines.append(f"{name} errors: {errors}")
    lines += ["", "none lost (all servers together):"]
    for label, (value, ok) in checks.items():
        lines.append(f"  {'PASS' if ok else 'FAIL'}  {label}: {value}")
    if profile:
        lines += [
            "",
            f"in-process ({profile['reports']} reports, test client): {profile['cpu_ms_per_report_median']} ms CPU, "
            f"{profile['wall_ms_per_report_median']} ms wall, {profile['requests_per_report']} requests, "
            f"{profile['queries_per_report']} queries per report",
            "  request                       CPU ms  queries  SQL ms     n",
        ]
        for label, row in profile["by_request"].items():
            lines.append(
                f"  {label:28} {row['cpu_ms_median']:7} {row['queries_median']:8} {row['sql_ms_median']:7} {row['requests']:5}"
            )
        lines.append("  most frequent queries (per report):")
        for shape, n in profile["top_queries"][:10]:
            lines.append(f"  {n / profile['reports']:5.1f}  {shape[:110]}")
        lines.append(f"  cProfile: {profile['cprofile_file']}")
    return "\n".join(lines)


# --- Main -----------------------------------------------------------------------------------------


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL), help="maintenance db")
    parser.add_argument("--db-name", default=f"bench_reports_{os.getpid()}")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database afterwards")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--worker-class",
        default="gthread",
        help="gthread, sync, or both side by side (sync,gthread): one server each, rounds interleaved",
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--clients", type=int, default=8, help="client processes")
    parser.add_argument("--duration", type=float, default=60, help="seconds of report load in all (max 600)")
    parser.add_argument("--rounds", type=int, default=3, help="report rounds, each followed by the baselines")
    parser.add_argument("--baseline-seconds", type=float, default=6, help="seconds per baseline per round")
    parser.add_argument("--no-healthz", action="store_true", help="baseline on the start page only")
    parser.add_argument("--rate-limit", type=int, default=1_000_000, help="reports per client and hour for the run")
    parser.add_argument("--profile-reports", type=int, default=30, help="reports walked in-process (0: none)")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--quiet-wait", type=float, default=30, help="seconds to wait at most for the machine")
    args = parser.parse_args()
    args.duration = max(2.0, min(args.duration, 600.0))
    args.rounds = max(1, args.rounds)
    args.round_seconds = round(args.duration / args.rounds, 1)
    args.phases = []
    args.worker_classes = [c.strip() for c in args.worker_class.split(",") if c.strip()]
    if not args.worker_classes or set(args.worker_classes) - {"sync", "gthread"}:
        parser.error("--worker-class: sync, gthread or sync,gthread")
    return args


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    started = time.monotonic()
    load_at_start = load_average()

    with tempfile.TemporaryDirectory(prefix="bench_reports_") as tmp_name, contextlib.ExitStack() as cleanup:
        tmp = Path(tmp_name)
        redis_pid = cleanup.enter_context(redis_database(args.redis_url))
        database_url = cleanup.enter_context(postgres_database(args.pg_url, args.db_name, args.keep_db))
        env = gunicorn_env(args, database_url, tmp)
        log("collectstatic, migrate, load_demo")
        manage(env, "collectstatic", "--noinput", timeout=300)
        manage(env, "migrate", "--noinput", timeout=600)
        manage(env, "load_demo", "--login-file", str(tmp / "demo-login"), timeout=600)

        django_setup(env)
        from django.db import connections

        paths, plan = plan_from_database()
        connections.close_all()

        servers = []
        for worker_class in args.worker_classes:
            port = free_port()
            process = start_gunicorn(args, worker_class, port, env, tmp / f"gunicorn-{worker_class}.log")
            cleanup.callback(stop_process_group, process)
            servers.append({"name": worker_class, "port": port, "process": process})
        for server in servers:
            wait_healthy(server["port"], server["process"], timeout=60)
            server["workers"] = children_of(server["process"].pid)
            log(f"gunicorn {server['name']} on {server['port']}, workers {server['workers']}; warming up")
            # Warm-up: the workers load their templates and open their connections.
            run_phase(server, "reports", args, paths, plan, {"workers": server["workers"]}, 4.0)
        args.phases.clear()
        before = report_counts()  # the warm-up's reports are not counted

        others = busy_cores_of_others()
        deadline = time.monotonic() + args.quiet_wait
        while others > 0.5 and time.monotonic() < deadline:
            log(f"other work keeps {others:.2f} cores busy; waiting")
            others = busy_cores_of_others()
        modes = ["reports", "start"] if args.no_healthz else ["reports", "start", "healthz"]
        for number in range(args.rounds):
            log(f"round {number + 1} of {args.rounds}")
            for mode in modes:
                for server in servers if number % 2 == 0 else reversed(servers):
                    watch = {"workers": server["workers"], "postgres": postgres_backends(args.db_name)}
                    if redis_pid:
                        watch["redis"] = [redis_pid]
                    seconds = args.round_seconds if mode == "reports" else args.baseline_seconds
                    run_phase(server, mode, args, paths, plan, watch, seconds)
        after = report_counts()
        gunicorn_log = {s["name"]: (tmp / f"gunicorn-{s['name']}.log").read_text()[-3000:] for s in servers}

        from portal.reporting.models import PupilReport

        seen = [ref for p in args.phases if p["mode"] == "reports" for ref in p["references"]]
        stored = set(PupilReport.objects.filter(id__gt=before["max_id"]).values_list("reference", flat=True))
        new_rows = after["reports"] - before["reports"]
        checks = {
            "confirmations seen = new PupilReport rows": (f"{len(seen)} = {new_rows}", len(seen) == new_rows),
            "every reference confirmed is stored, none twice": (
                f"{len(set(seen) & stored)} of {len(seen)} ({len(seen) - len(set(seen))} repeated)",
                set(seen) == stored and len(seen) == len(set(seen)),
            ),
            "rollup total (resolution 0, category '') = reports, all": (
                f"{after['rollup_total']} = {after['reports']}",
                after["rollup_total"] == after["reports"],
            ),
            "rollup total grew by the new reports": (
                f"{after['rollup_total'] - before['rollup_total']} = {new_rows}",
                after["rollup_total"] - before["rollup_total"] == new_rows,
            ),
        }
        connections.close_all()
        for server in servers:
            stop_process_group(server["process"])

        profile = None
        if args.profile_reports > 0:
            log(f"in-process profile: {args.profile_reports} reports through the test client")
            profile = profile_in_process(
                args.profile_reports, paths, plan, RESULTS_DIR / f"{stamp}-reports-cprofile.txt"
            )
        connections.close_all()

    summary = {
        server["name"]: summarise_server(
            [p for p in args.phases if p["server"] == server["name"]],
            ["workers", "postgres", *(["redis"] if redis_pid else [])],
        )
        for server in servers
    }
    table = render(summary, checks, profile, args)
    print(table)
    out = RESULTS_DIR / f"{stamp}-reports.json"
    out.write_text(
        json.dumps(
            {
                "when": stamp,
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "kernel": platform.release(),
                    "load_average_at_start": load_at_start,
                    "load_average_at_end": load_average(),
                    "cores_busy_with_other_work_before_measuring": round(others, 2),
                },
                "settings": {
                    k: getattr(args, k)
                    for k in (
                        "workers",
                        "worker_classes",
                        "threads",
                        "clients",
                        "duration",
                        "rounds",
                        "round_seconds",
                        "baseline_seconds",
                        "rate_limit",
                        "seed",
                    )
                },
                "summary": summary,
                "checks": {label: {"value": v, "pass": ok} for label, (v, ok) in checks.items()},
                "profile": profile,
                "gunicorn_log_tail": gunicorn_log,
                "wall_seconds": round(time.monotonic() - started, 1),
                "table": table,
            },
            indent=2,
            default=str,
        )
    )
    log(f"wrote {out.relative_to(BASE_DIR)}")
    return 0 if all(ok for _v, ok in checks.values()) else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted; gunicorn stopped, the database dropped")
        sys.exit(130)
