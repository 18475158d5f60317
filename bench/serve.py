"""Serve the portal with gunicorn on production settings and measure it, on SQLite and PostgreSQL.

    /tmp/venv/bin/python bench/serve.py            # both databases, 4 to 7 minutes
    /tmp/venv/bin/python bench/serve.py --backends sqlite --duration 5 --requests 100

For each database it makes a throwaway database, migrates it, loads the demo content and starts
gunicorn (2 sync workers) on a free loopback port, with an empty Redis database as the shared
cache (so the page cache for anonymous readers is on, as in production). It then measures
/healthz/ (the framework floor), the home page, a guidance page as anonymous readers get it (from
the page cache), the same guidance page rendered afresh for every request (sent with a session
cookie, which the page cache never serves) and a static file (the ceiling): sequential latency,
throughput under concurrency, worker CPU time per request and peak worker memory. The databases'
servers run side by side and their measurements are interleaved, so that noise from other work on
the machine falls on both alike. It prints a table with the targets marked and writes JSON to
bench/results/. Everything it starts is stopped, and the PostgreSQL database dropped, on the way
out, also on Ctrl+C or an error. Traffic goes only to 127.0.0.1, and every loop is bounded in
count and time.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
HOST = "127.0.0.1"
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
# The first backend's cache; the next backend uses the database below it (13, 12).
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"
DEMO_COMMAND = BASE_DIR / "portal" / "home" / "management" / "commands" / "load_demo.py"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# The targets, checked against the guidance page and the gunicorn workers.
TARGET_P50_MS = 10.0
TARGET_RPS = 250.0
TARGET_WORKER_MB = 120.0

LATENCY_PAGES = ("healthz", "home", "guidance", "guidance_uncached", "static")
THROUGHPUT_PAGES = ("healthz", "home", "guidance", "guidance_uncached", "static")
# A session cookie the server never made (too short to be looked up): the page cache leaves any
# request with a session alone, so the page is routed, queried and rendered every time.
PAGE_HEADERS = {"guidance_uncached": {"Cookie": "sessionid=bench"}}
LATENCY_ROUNDS = 3  # each backend's sequential requests are split into rounds that alternate


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


# --- Processes and databases ------------------------------------------------------------------


def run_python(env: dict[str, str], args: list[str], timeout: float) -> str:
    """Run a Python script (manage.py or one beside this file); fail with its output if it fails."""
    result = subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:2])} failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return result.stdout


def manage(env: dict[str, str], *args: str, timeout: float) -> str:
    return run_python(env, [str(BASE_DIR / "manage.py"), *args], timeout)


def bench_script(env: dict[str, str], script: str, *args: str, timeout: float) -> str:
    return run_python(env, [str(BASE_DIR / "bench" / script), *args], timeout)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def postgres_database(maintenance_url: str) -> Iterator[str]:
    """Create bench_portal_<pid>, yield its URL, drop it afterwards (even if a connection is left)."""
    import psycopg
    from psycopg import sql

    name = f"bench_portal_{os.getpid()}"
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    try:
        with psycopg.connect(maintenance_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(drop)
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        raise RuntimeError(f"cannot create a database on {maintenance_url}: {exc}") from exc
    log(f"created PostgreSQL database {name}")
    base, _, _ = maintenance_url.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(maintenance_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(drop)
        log(f"dropped PostgreSQL database {name}")


def _stat_fields(pid: int) -> list[str]:
    # The command name is in parentheses and may hold spaces; field 3 (state) follows it.
    return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (the gunicorn workers of a master)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                if int(_stat_fields(int(entry.name))[1]) == pid:
                    found.append(int(entry.name))
    return sorted(found)


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of these processes so far."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = _stat_fields(pid)
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def machine_busy_seconds() -> float:
    """CPU time spent not idle on the whole machine so far, summed over its cores."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / CLOCK_TICKS


def client_cpu_seconds() -> float:
    """CPU time of this script and its finished children (wrk)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def busy_cores_of_others(seconds: float = 2.0) -> float:
    """How many cores other work on the machine keeps busy, sampled over a few seconds (this
    script's own CPU time is left out; the idle gunicorn servers use next to none)."""
    machine, own = machine_busy_seconds(), client_cpu_seconds()
    time.sleep(seconds)
    return max(0.0, (machine_busy_seconds() - machine) - (client_cpu_seconds() - own)) / seconds


def wait_for_quiet(max_wait: float, threshold: float) -> float:
    """Wait, at most max_wait seconds, until other work uses at most ``threshold`` cores."""
    deadline = time.monotonic() + max_wait
    while True:
        others = busy_cores_of_others()
        if others <= threshold or time.monotonic() >= deadline:
            break
        log(f"other work keeps {others:.2f} cores busy; waiting for it to fall to {threshold}")
        time.sleep(3)
    if others > threshold:
        log(f"measuring anyway: other work keeps {others:.2f} of {os.cpu_count()} cores busy")
    return round(others, 2)


def memory_kb(pid: int) -> dict[str, int]:
    """Peak and current resident memory (which count pages shared with the master and the other
    worker in full) and the proportional set size (which shares them out)."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in {"VmHWM", "VmRSS"}:
            values[key] = int(rest.split()[0])
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                values["Pss"] = int(line.split()[1])
    return values


def start_gunicorn(env: dict[str, str], workers: int, log_file: Path) -> tuple[int, subprocess.Popen[bytes]]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        f"--workers={workers}",
        "--worker-class=sync",
        f"--bind={HOST}:{port}",
        "--timeout=30",
        "--log-level=warning",
        f"--error-logfile={log_file}",
        # gunicorn.conf.py (read from the project root) turns on access logs and worker recycling;
        # keep both out of the measurement.
        "--access-logfile=/dev/null",
        "--max-requests=0",
    ]
    # Its own session, so that Ctrl+C reaches this script, which then stops gunicorn in order.
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
    return port, process


def stop_process_group(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def wait_healthy(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before /healthz/ answered")
        with contextlib.suppress(OSError):
            status, _, _ = fetch(port, "/healthz/")
            if status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"/healthz/ did not answer 200 within {timeout:.0f}s")


@contextlib.contextmanager
def redis_database(base_url: str, offset: int) -> Iterator[str]:
    """The Redis database ``offset`` below the one in ``base_url``, used only if it is empty now,
    and emptied again on the way out."""
    import redis

    parts = base_url.rstrip("/").rsplit("/", 1)
    number = int(parts[1]) if len(parts) == 2 and parts[1].isdigit() else 0
    if number - offset < 0:
        raise RuntimeError(f"no Redis database below {base_url} for backend {offset + 1}")
    url = f"{parts[0] if len(parts) == 2 and parts[1].isdigit() else base_url.rstrip('/')}/{number - offset}"
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    if client.dbsize():
        raise RuntimeError(f"{url} is not empty; choose an empty Redis database with --redis-url")
    try:
        yield url
    finally:
        client.flushdb()
        log(f"emptied {url}")


# --- Measuring --------------------------------------------------------------------------------


def fetch(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, http.client.HTTPMessage]:
    """One GET on a fresh connection (gunicorn's sync workers close the connection after each
    response, so there is no keep-alive to reuse)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": HOST, "Connection": "close", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read(), response.headers
    finally:
        conn.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed_requests(port: int, path: str, count: int, headers: dict[str, str] | None = None) -> tuple[list[float], int]:
    timings, errors = [], 0
    for _ in range(count):
        start = time.perf_counter()
        status, _, _ = fetch(port, path, headers)
        timings.append((time.perf_counter() - start) * 1000)
        errors += status != 200
    return timings, errors


def summarise(timings: list[float], errors: int) -> dict[str, Any]:
    return {
        "requests": len(timings),
        "errors": errors,
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "p99_ms": round(percentile(timings, 0.99), 2),
        "mean_ms": round(statistics.fmean(timings), 2),
    }


def warm_up(port: int, pages: list[tuple[str, dict[str, str]]], per_path: int) -> None:
    """Two threads, so that both workers load templates and fill their per-process caches."""

    def worker() -> None:
        for path, headers in pages:
            for _ in range(per_path):
                fetch(port, path, headers)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)


def throughput_wrk(
    port: int, path: str, concurrency: int, duration: int, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    threads = min(2, concurrency)
    command = ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{duration}s", "--timeout=5s", "--latency"]
    for name, value in {"Host": HOST, **(headers or {})}.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 30, check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    under_load = {pct: re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M) for pct in ("50", "99")}

    def as_ms(match: re.Match[str] | None) -> float | None:
        if match is None:
            return None
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]
        return round(float(match.group(1)) * scale, 2)

    return {
        "client": f"wrk -t{threads} -c{concurrency} -d{duration}s",
        "rps": float(rps.group(1)) if rps else 0.0,
        "requests": int(total.group(1)) if total else 0,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "loaded_p50_ms": as_ms(under_load["50"]),
        "loaded_p99_ms": as_ms(under_load["99"]),
    }


def throughput_python(
    port: int, path: str, concurrency: int, duration: int, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """Fallback when wrk is absent. The client competes with the server for the same cores, so it
    understates what gunicorn can do."""
    deadline = time.monotonic() + duration
    counts = [0] * concurrency
    errors = [0] * concurrency

    def worker(index: int) -> None:
        while time.monotonic() < deadline:
            try:
                status, _, _ = fetch(port, path, headers)
            except OSError:
                errors[index] += 1
                continue
            counts[index] += 1
            errors[index] += status != 200

    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 15)
    elapsed = time.monotonic() - start
    return {
        "client": f"python threads={concurrency} {duration}s",
        "rps": round(sum(counts) / elapsed, 1),
        "requests": sum(counts),
        "errors": sum(errors),
    }


# --- One database -----------------------------------------------------------------------------


@dataclass
class Backend:
    name: str
    database_url: str
    env: dict[str, str]
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    urls: dict[str, str] = field(default_factory=dict)
    content: dict[str, int] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)
    setup_seconds: float = 0.0
    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    latency: dict[str, dict[str, Any]] = field(default_factory=dict)
    throughput: dict[str, dict[str, Any]] = field(default_factory=dict)
    workers: list[dict[str, int]] = field(default_factory=list)
    worker_pids_changed: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    redis_url: str = ""
    page_cache: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    def report(self) -> dict[str, Any]:
        private = {"env", "process", "timings", "errors"}
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in private}


def base_env(database_url: str, media_root: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media_root),
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def prepare(backend: Backend, args: argparse.Namespace) -> None:
    """Migrate, load content, count queries in-process."""
    started = time.monotonic()
    log(f"{backend.name}: migrate")
    manage(backend.env, "migrate", "--noinput", timeout=600)
    if args.content == "demo":
        log(f"{backend.name}: load_demo")
        # The generated demo passwords go to the temp dir, not to the repo's .demo-login.
        login_file = Path(backend.env["MEDIA_ROOT"]).parent / f"demo-login-{backend.name}"
        manage(backend.env, "load_demo", "--login-file", str(login_file), timeout=600)
    else:
        log(f"{backend.name}: minimal content (bench/minimal_content.py), not the demo")
        bench_script(backend.env, "minimal_content.py", timeout=300)
    backend.setup_seconds = round(time.monotonic() - started, 1)

    log(f"{backend.name}: counting queries and timing the render in-process")
    cprofile_file = args.results_stem.with_name(f"{args.results_stem.name}-{backend.name}-cprofile.txt")
    repeats = str(args.profile_repeats)
    found = json.loads(
        bench_script(
            backend.env, "profile_pages.py", "--repeats", repeats, "--cprofile", str(cprofile_file), timeout=300
        )
    )
    backend.content = found["content"]
    backend.profile = found["pages"]
    if not found["guidance"]:
        raise RuntimeError("the content has no live guidance page")
    backend.urls = {
        "healthz": "/healthz/",
        "home": "/",
        "guidance": found["guidance"],
        "guidance_uncached": found["guidance"],
    }


def serve(backend: Backend, args: argparse.Namespace, tmp: Path) -> None:
    env = {**backend.env, **({"REDIS_URL": backend.redis_url} if backend.redis_url else {})}
    backend.port, backend.process = start_gunicorn(env, args.workers, tmp / f"gunicorn-{backend.name}.log")
    wait_healthy(backend.port, backend.process, timeout=60)
    status, body, _ = fetch(backend.port, "/")
    if status != 200:
        raise RuntimeError(f"the home page answered {status}")
    static = re.search(r'href="(/static/css/[^"]+\.css)"', body.decode("utf-8", "replace"))
    if static is None:
        raise RuntimeError("no /static/css/... link in the home page")
    backend.urls["static"] = static.group(1)
    for name, path in backend.urls.items():
        status, _, headers = fetch(backend.port, path, PAGE_HEADERS.get(name))
        if status != 200:
            raise RuntimeError(f"{name} {path} answered {status}")
        if name == "guidance":
            backend.headers = {key: headers[key] for key in ("Set-Cookie", "Vary", "Cache-Control") if key in headers}
    log(f"{backend.name}: gunicorn on port {backend.port}, workers {children_of(backend.process.pid)}; warming up")
    warm_up(backend.port, [(path, PAGE_HEADERS.get(name, {})) for name, path in backend.urls.items()], args.warmup)
    # What each guidance request met: the page cache ("hit"), or a fresh render (no header).
    for name in ("guidance", "guidance_uncached"):
        _, _, headers = fetch(backend.port, backend.urls[name], PAGE_HEADERS.get(name))
        backend.page_cache[name] = headers.get("X-Page-Cache", "not used")
    if backend.redis_url and backend.page_cache["guidance"] != "hit":
        raise RuntimeError(f"the page cache did not serve the guidance page: {backend.page_cache}")
    if backend.page_cache["guidance_uncached"] != "not used":
        raise RuntimeError(f"the uncached guidance request met the page cache: {backend.page_cache}")


def measure_all(backends: list[Backend], args: argparse.Namespace) -> None:
    """Interleave the backends: latency in alternating rounds, throughput page by page."""
    worker_pids = {b.name: children_of(b.process.pid) for b in backends if b.process}
    per_round = max(1, args.requests // LATENCY_ROUNDS)
    for page in LATENCY_PAGES:
        log(f"latency {page}: {per_round * LATENCY_ROUNDS} sequential requests per backend, in rounds")
        for _ in range(LATENCY_ROUNDS):
            for backend in backends:
                timings, errors = timed_requests(backend.port, backend.urls[page], per_round, PAGE_HEADERS.get(page))
                backend.timings.setdefault(page, []).extend(timings)
                backend.errors[page] = backend.errors.get(page, 0) + errors
        for backend in backends:
            backend.latency[page] = summarise(backend.timings[page], backend.errors[page])

    client: Callable[..., dict[str, Any]] = throughput_wrk if args.client == "wrk" else throughput_python
    for page in THROUGHPUT_PAGES:
        for backend in backends:
            log(f"throughput {backend.name} {page}: {args.duration}s at concurrency {args.concurrency}")
            pids = worker_pids[backend.name]
            before = (time.monotonic(), cpu_seconds(pids), client_cpu_seconds(), machine_busy_seconds())
            result = client(backend.port, backend.urls[page], args.concurrency, args.duration, PAGE_HEADERS.get(page))
            after = (time.monotonic(), cpu_seconds(pids), client_cpu_seconds(), machine_busy_seconds())
            elapsed, workers, bench_client, machine = (end - start for start, end in zip(before, after, strict=True))
            result["worker_cpu_ms_per_request"] = round(workers * 1000 / max(1, result["requests"]), 2)
            # Where the machine's two cores went during the run: the gunicorn workers, the load
            # client (wrk or this script), and everything else (the database server, other work).
            result["cores_busy"] = {
                "workers": round(workers / elapsed, 2),
                "client": round(bench_client / elapsed, 2),
                "other": round(max(0.0, machine - workers - bench_client) / elapsed, 2),
            }
            backend.throughput[page] = result

    for backend in backends:
        pids = children_of(backend.process.pid)
        backend.worker_pids_changed = pids != worker_pids[backend.name]
        backend.workers = [{"pid": pid, **memory_kb(pid)} for pid in pids]


# --- Report -----------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def checks(backend: Backend) -> dict[str, tuple[float, bool]]:
    """The issue's targets: the median uncached (a fresh render every time), the throughput as
    readers get it (from the page cache when there is one), the memory of each worker. The
    uncached throughput is shown too, against the same number."""
    p50_uncached = backend.latency["guidance_uncached"]["p50_ms"]
    p50 = backend.latency["guidance"]["p50_ms"]
    rps = backend.throughput["guidance"]["rps"]
    rps_uncached = backend.throughput["guidance_uncached"]["rps"]
    peak_mb = max(worker["VmHWM"] for worker in backend.workers) / 1024
    return {
        f"guidance uncached p50 <= {TARGET_P50_MS:g} ms": (p50_uncached, p50_uncached <= TARGET_P50_MS),
        f"guidance p50 <= {TARGET_P50_MS:g} ms (as readers get it)": (p50, p50 <= TARGET_P50_MS),
        f"guidance >= {TARGET_RPS:g} req/s (as readers get it)": (rps, rps >= TARGET_RPS),
        f"guidance uncached >= {TARGET_RPS:g} req/s": (rps_uncached, rps_uncached >= TARGET_RPS),
        f"worker peak memory < {TARGET_WORKER_MB:g} MB": (round(peak_mb, 1), peak_mb < TARGET_WORKER_MB),
    }


def render_table(backends: list[Backend]) -> str:
    done = [b for b in backends if b.error is None and b.workers]
    if not done:
        return "\n".join(f"{b.name}: ERROR: {b.error or 'not measured'}" for b in backends)
    rows: list[list[str]] = [["", *[b.name for b in done]]]

    def add(label: str, values: list[str]) -> None:
        rows.append([label, *values])

    for page in LATENCY_PAGES:
        add(
            f"{page}: p50 / p95 ms, sequential",
            [f"{b.latency[page]['p50_ms']} / {b.latency[page]['p95_ms']}" for b in done],
        )
    for page in THROUGHPUT_PAGES:
        add(f"{page}: req/s", [f"{b.throughput[page]['rps']:.0f}" for b in done])
    add("guidance: page cache (first request / fresh)", [" / ".join(b.page_cache.values()) for b in done])
    for page in ("home", "guidance", "guidance_uncached"):
        add(
            f"{page}: worker CPU ms / request",
            [f"{b.throughput[page]['worker_cpu_ms_per_request']}" for b in done],
        )
    add(
        "guidance run: cores busy, workers / client / other",
        ["{workers} / {client} / {other}".format(**b.throughput["guidance"]["cores_busy"]) for b in done],
    )
    add(
        "guidance req/s as % of static",
        [f"{b.throughput['guidance']['rps'] / b.throughput['static']['rps']:.1%}" for b in done],
    )
    add(
        "guidance req/s / home req/s",
        [f"{b.throughput['guidance']['rps'] / b.throughput['home']['rps']:.2f}" for b in done],
    )
    for page in ("home", "guidance"):
        add(
            f"{page}: in-process queries; SQL / wall / CPU ms",
            [
                "{queries}; {sql_ms_median} / {in_process_ms_median} / {in_process_cpu_ms_median}".format(
                    **b.profile[page]
                )
                for b in done
            ],
        )
    add("worker VmHWM MB (each)", [", ".join(f"{w['VmHWM'] / 1024:.1f}" for w in b.workers) for b in done])
    add(
        "worker PSS MB at the end (each)",
        [", ".join(f"{w.get('Pss', 0) / 1024:.1f}" for w in b.workers) for b in done],
    )
    for label in checks(done[0]):
        add(f"TARGET {label}", [f"{checks(b)[label][0]:g} {verdict(checks(b)[label][1])}" for b in done])
    for b in backends:
        if b not in done:
            add(b.name, [f"ERROR: {(b.error or 'not measured').splitlines()[0]}"])

    columns = max(len(row) for row in rows)
    widths = [max(len(row[i]) if i < len(row) else 0 for row in rows) for i in range(columns)]
    lines = []
    for index, row in enumerate(rows):
        lines.append(" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def render_breakdown(backends: list[Backend]) -> str:
    """Where the guidance page's CPU time goes, in-process (inclusive times, so they overlap)."""
    lines = []
    for b in backends:
        phases = b.profile.get("guidance", {}).get("phases_cpu_ms_mean")
        if not phases:
            continue
        profile = b.profile["guidance"]
        lines.append(
            f"\n{b.name}: guidance page in-process, {profile['in_process_cpu_ms_median']} ms CPU, "
            f"{profile['queries']} queries taking {profile['sql_ms_median']} ms; inclusive CPU ms:"
        )
        lines.extend(f"  {ms:6.2f}  {label.strip()}" for label, ms in list(phases.items())[:12])
    return "\n".join(lines)


# --- Main -------------------------------------------------------------------------------------


def wait_for_demo_command(timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not DEMO_COMMAND.exists():
        if time.monotonic() > deadline:
            raise SystemExit(
                f"{DEMO_COMMAND.relative_to(BASE_DIR)} does not exist (waited {timeout:.0f}s); "
                "use --content minimal for the fallback content"
            )
        log(f"waiting for {DEMO_COMMAND.relative_to(BASE_DIR)}")
        time.sleep(10)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM takes the same way out as Ctrl+C, so that every finally block runs."""
    raise KeyboardInterrupt


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL), help="maintenance db")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        help="an empty Redis database for the first backend's cache (the next uses the one below); 'none': no Redis",
    )
    parser.add_argument("--requests", type=int, default=300, help="sequential requests per page and backend")
    parser.add_argument("--warmup", type=int, default=25, help="warm-up requests per page per thread (2 threads)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page and backend (max 60)")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--profile-repeats", type=int, default=50, help="in-process requests per page")
    parser.add_argument(
        "--content", choices=["demo", "minimal"], default="demo", help="load_demo, or the fallback in this folder"
    )
    parser.add_argument(
        "--quiet-wait", type=float, default=60, help="seconds to wait at most for other work on the machine to calm"
    )
    parser.add_argument("--quiet-threshold", type=float, default=0.5, help="cores other work may keep busy")
    parser.add_argument("--wait-for-demo", type=float, default=0, help="seconds to wait for load_demo to appear")
    args = parser.parse_args()
    args.duration = max(1, min(args.duration, 60))
    args.requests = max(LATENCY_ROUNDS * 10, min(args.requests, 5000))
    if args.client == "auto":
        args.client = "wrk" if shutil.which("wrk") else "python"
    args.backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    if args.redis_url.lower() == "none":
        args.redis_url = ""
    unknown = set(args.backends) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}")
    return args


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, _interrupt)
    # Ctrl+C must work even when started from a shell that ignores SIGINT for background jobs.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if args.content == "demo":
        wait_for_demo_command(args.wait_for_demo)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    args.results_stem = RESULTS_DIR / stamp
    started = time.monotonic()
    load_at_start = load_average()
    backends: list[Backend] = []

    with tempfile.TemporaryDirectory(prefix="bench_portal_") as tmp_name, contextlib.ExitStack() as cleanup:
        tmp = Path(tmp_name)
        sqlite_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
        log("collectstatic into STATIC_ROOT (the gitignored staticfiles/)")
        manage(base_env(sqlite_url, tmp / "media"), "collectstatic", "--noinput", timeout=300)

        for index, name in enumerate(args.backends):
            backend = Backend(name=name, database_url="", env={})
            backends.append(backend)
            try:
                if args.redis_url:
                    backend.redis_url = cleanup.enter_context(redis_database(args.redis_url, index))
                if name == "postgres":
                    backend.database_url = cleanup.enter_context(postgres_database(args.pg_url))
                else:
                    backend.database_url = sqlite_url
                backend.env = base_env(backend.database_url, tmp / f"media-{name}")
                prepare(backend, args)
                cleanup.callback(lambda b=backend: b.process and stop_process_group(b.process))
                serve(backend, args, tmp)
            except (RuntimeError, OSError, subprocess.SubprocessError, ImportError, ValueError) as exc:
                log(f"{name}: FAILED: {exc}")
                backend.error = str(exc)

        ready = [b for b in backends if b.error is None]
        others_before = None
        if ready:
            others_before = wait_for_quiet(args.quiet_wait, args.quiet_threshold)
            measure_all(ready, args)

    table = render_table(backends)
    print()
    print(f"Other work on the machine kept {others_before} of {os.cpu_count()} cores busy before measuring.")
    print(table)
    breakdown = render_breakdown(backends)
    print(breakdown)
    report = {
        "when": stamp,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "kernel": platform.release(),
            "load_average_at_start": load_at_start,
            "cores_busy_with_other_work_before_measuring": others_before,
            "load_average_at_end": load_average(),
        },
        "settings": {
            "workers": args.workers,
            "worker_class": "sync",
            "keep_alive": False,
            "sequential_requests": args.requests,
            "latency_rounds": LATENCY_ROUNDS,
            "concurrency": args.concurrency,
            "duration_s": args.duration,
            "client": args.client,
            "content": args.content,
            "redis": bool(args.redis_url),
        },
        "targets": {"guidance_p50_ms": TARGET_P50_MS, "guidance_rps": TARGET_RPS, "worker_peak_mb": TARGET_WORKER_MB},
        "checks": {
            b.name: {label: {"value": value, "pass": ok} for label, (value, ok) in checks(b).items()}
            for b in backends
            if b.error is None and b.workers
        },
        "results": [b.report() for b in backends],
        "wall_seconds": round(time.monotonic() - started, 1),
        "table": table,
        "breakdown": breakdown,
    }
    out = args.results_stem.with_suffix(".json")
    out.write_text(json.dumps(report, indent=2))
    log(f"wrote {out.relative_to(BASE_DIR)} in {report['wall_seconds']}s")
    return 1 if any(b.error for b in backends) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted; gunicorn stopped, the PostgreSQL database dropped, the temp dir removed")
        sys.exit(130)
