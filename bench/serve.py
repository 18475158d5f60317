"""Serve the portal with gunicorn on production settings and measure it, on SQLite and PostgreSQL.

    /tmp/venv/bin/python bench/serve.py            # both databases, about 3 minutes
    /tmp/venv/bin/python bench/serve.py --backends sqlite --duration 5

For each database it makes a throwaway database, migrates it, loads the demo content, starts
gunicorn (2 sync workers) on a free loopback port and measures the home page, a guidance page and a
static file (the ceiling): sequential latency, throughput under concurrency and peak worker memory.
It prints a table with the targets marked and writes JSON to bench/results/. Everything it starts
is stopped, and the PostgreSQL database dropped, on the way out, also on Ctrl+C or an error.
Traffic goes only to 127.0.0.1, and every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import re
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
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
HOST = "127.0.0.1"
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DEMO_COMMAND = BASE_DIR / "portal" / "home" / "management" / "commands" / "load_demo.py"

# The targets from the brief, checked against the guidance page and the gunicorn workers.
TARGET_P50_MS = 10.0
TARGET_RPS = 250.0
TARGET_WORKER_MB = 120.0


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Processes and databases ------------------------------------------------------------------


def run_manage(env: dict[str, str], *args: str, timeout: float) -> str:
    """Run one manage.py command; fail with its output if it fails."""
    command = [sys.executable, str(BASE_DIR / "manage.py"), *args]
    result = subprocess.run(
        command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return result.stdout


def run_script(env: dict[str, str], script: str, *args: str, timeout: float) -> str:
    """Run one of the scripts beside this one in its own Python process."""
    command = [sys.executable, str(BASE_DIR / "bench" / script), *args]
    result = subprocess.run(
        command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{script} failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return result.stdout


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
    with psycopg.connect(maintenance_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"created PostgreSQL database {name}")
    base, _, _ = maintenance_url.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(maintenance_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        log(f"dropped PostgreSQL database {name}")


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (the gunicorn workers of a master)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces; the parent pid follows the state.
        fields = stat.rpartition(")")[2].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def memory_kb(pid: int) -> dict[str, int]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in {"VmHWM", "VmRSS"}:
            values[key] = int(rest.split()[0])
    return values


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int, log_file: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
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
    ]
    # Its own session, so that Ctrl+C reaches this script, which then stops gunicorn in order.
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
    try:
        wait_healthy(port, process, timeout=60)
        yield port, process
    finally:
        stop_process_group(process)


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
            status, _ = fetch(port, "/healthz/")
            if status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"/healthz/ did not answer 200 within {timeout:.0f}s")


# --- Measuring --------------------------------------------------------------------------------


def fetch(port: int, path: str) -> tuple[int, bytes]:
    """One GET on a fresh connection (gunicorn's sync workers close the connection after each
    response, so there is no keep-alive to reuse)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": HOST, "Connection": "close"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def sequential_latency(port: int, path: str, count: int) -> dict[str, Any]:
    timings, errors = [], 0
    for _ in range(count):
        start = time.perf_counter()
        status, _ = fetch(port, path)
        timings.append((time.perf_counter() - start) * 1000)
        errors += status != 200
    return {
        "requests": count,
        "errors": errors,
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "p99_ms": round(percentile(timings, 0.99), 2),
        "mean_ms": round(statistics.fmean(timings), 2),
    }


def warm_up(port: int, paths: list[str], per_path: int) -> None:
    """Two threads, so that both workers load templates and fill their per-process caches."""

    def worker() -> None:
        for path in paths:
            for _ in range(per_path):
                fetch(port, path)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)


def throughput_wrk(port: int, path: str, concurrency: int, duration: int) -> dict[str, Any]:
    threads = min(2, concurrency)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{concurrency}",
        f"-d{duration}s",
        "--timeout=5s",
        "--latency",
        "-H",
        f"Host: {HOST}",
        f"http://{HOST}:{port}{path}",
    ]
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


def throughput_python(port: int, path: str, concurrency: int, duration: int) -> dict[str, Any]:
    """Fallback when wrk is absent. The client competes with the server for the same cores, so it
    understates what gunicorn can do."""
    deadline = time.monotonic() + duration
    counts = [0] * concurrency
    errors = [0] * concurrency

    def worker(index: int) -> None:
        while time.monotonic() < deadline:
            try:
                status, _ = fetch(port, path)
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
class BackendResult:
    backend: str
    database_url: str
    urls: dict[str, str] = field(default_factory=dict)
    content: dict[str, int] = field(default_factory=dict)
    latency: dict[str, dict[str, Any]] = field(default_factory=dict)
    throughput: dict[str, dict[str, Any]] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)
    workers: list[dict[str, int]] = field(default_factory=list)
    worker_pids_changed: bool = False
    setup_seconds: float = 0.0
    error: str | None = None


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


def static_url_from(html: str) -> str | None:
    match = re.search(r'href="(/static/css/[^"]+\.css)"', html)
    return match.group(1) if match else None


def bench_backend(backend: str, database_url: str, tmp: Path, args: argparse.Namespace) -> BackendResult:
    result = BackendResult(backend=backend, database_url=database_url)
    env = base_env(database_url, tmp / f"media-{backend}")
    started = time.monotonic()
    log(f"{backend}: migrate")
    run_manage(env, "migrate", "--noinput", timeout=600)
    if args.content == "demo":
        log(f"{backend}: load_demo")
        run_manage(env, "load_demo", timeout=600)
    else:
        log(f"{backend}: minimal content (bench/minimal_content.py), not the demo")
        run_script(env, "minimal_content.py", timeout=300)
    result.setup_seconds = round(time.monotonic() - started, 1)

    log(f"{backend}: counting queries in-process")
    cprofile_file = args.results_stem.with_name(f"{args.results_stem.name}-{backend}-cprofile.txt")
    profile = json.loads(
        run_script(
            env,
            "profile_pages.py",
            "--repeats",
            str(args.profile_repeats),
            "--cprofile",
            str(cprofile_file),
            timeout=300,
        )
    )
    result.content = profile["content"]
    result.profile = profile["pages"]
    if not profile["guidance"]:
        raise RuntimeError("the demo content has no live guidance page")

    with gunicorn(env, args.workers, tmp / f"gunicorn-{backend}.log") as (port, master):
        status, body = fetch(port, "/")
        if status != 200:
            raise RuntimeError(f"the home page answered {status}")
        static = static_url_from(body.decode("utf-8", "replace"))
        if static is None:
            raise RuntimeError("no /static/css/... link in the home page")
        result.urls = {"home": "/", "guidance": profile["guidance"], "static": static}
        for name, path in result.urls.items():
            status, _ = fetch(port, path)
            if status != 200:
                raise RuntimeError(f"{name} page {path} answered {status}")

        workers_before = children_of(master.pid)
        log(f"{backend}: gunicorn on port {port}, workers {workers_before}; warming up")
        warm_up(port, list(result.urls.values()), args.warmup)

        for name, path in result.urls.items():
            log(f"{backend}: {args.requests} sequential requests to {path}")
            result.latency[name] = sequential_latency(port, path, args.requests)
        for name, path in result.urls.items():
            log(f"{backend}: throughput {path} for {args.duration}s at concurrency {args.concurrency}")
            if args.client == "wrk":
                result.throughput[name] = throughput_wrk(port, path, args.concurrency, args.duration)
            else:
                result.throughput[name] = throughput_python(port, path, args.concurrency, args.duration)

        workers_after = children_of(master.pid)
        result.worker_pids_changed = workers_before != workers_after
        result.workers = [{"pid": pid, **memory_kb(pid)} for pid in workers_after]
    return result


# --- Report -----------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def checks(result: BackendResult) -> dict[str, tuple[float, bool]]:
    p50 = result.latency["guidance"]["p50_ms"]
    rps = result.throughput["guidance"]["rps"]
    peak_mb = max(worker["VmHWM"] for worker in result.workers) / 1024
    return {
        f"guidance p50 <= {TARGET_P50_MS:g} ms": (p50, p50 <= TARGET_P50_MS),
        f"guidance >= {TARGET_RPS:g} req/s": (rps, rps >= TARGET_RPS),
        f"worker peak memory < {TARGET_WORKER_MB:g} MB": (round(peak_mb, 1), peak_mb < TARGET_WORKER_MB),
    }


def render_table(results: list[BackendResult]) -> str:
    done = [r for r in results if r.error is None]
    rows: list[list[str]] = [["", *[r.backend for r in done]]]

    def add(label: str, values: list[str]) -> None:
        rows.append([label, *values])

    for name in ("home", "guidance", "static"):
        add(
            f"{name}: p50 / p95 ms (sequential)",
            [f"{r.latency[name]['p50_ms']} / {r.latency[name]['p95_ms']}" for r in done],
        )
    for name in ("home", "guidance", "static"):
        add(f"{name}: req/s", [f"{r.throughput[name]['rps']:.0f}" for r in done])
    add(
        "guidance req/s / static req/s",
        [f"{r.throughput['guidance']['rps'] / r.throughput['static']['rps']:.1%}" for r in done],
    )
    add(
        "guidance req/s / home req/s",
        [f"{r.throughput['guidance']['rps'] / r.throughput['home']['rps']:.2f}" for r in done],
    )
    for name in ("home", "guidance"):
        add(
            f"{name}: SQL queries / in-process ms",
            [f"{r.profile[name]['queries']} / {r.profile[name]['in_process_ms_median']}" for r in done],
        )
    add("worker VmHWM MB (each)", [", ".join(f"{w['VmHWM'] / 1024:.1f}" for w in r.workers) for r in done])
    for label in checks(done[0]) if done else []:
        add(f"TARGET {label}", [f"{checks(r)[label][0]:g} {verdict(checks(r)[label][1])}" for r in done])
    for r in results:
        if r.error is not None:
            add(f"{r.backend}", [f"ERROR: {r.error.splitlines()[0]}"])

    widths = [max(len(row[i]) if i < len(row) else 0 for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        lines.append(" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            lines.append("-+-".join("-" * width for width in widths))
    return "\n".join(lines)


# --- Main -------------------------------------------------------------------------------------


def wait_for_demo_command(timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not DEMO_COMMAND.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"{DEMO_COMMAND.relative_to(BASE_DIR)} does not exist (waited {timeout:.0f}s)")
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
    parser.add_argument("--requests", type=int, default=300, help="sequential requests per URL")
    parser.add_argument("--warmup", type=int, default=25, help="warm-up requests per URL per thread (2 threads)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL (at most 60)")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--profile-repeats", type=int, default=50)
    parser.add_argument(
        "--content", choices=["demo", "minimal"], default="demo", help="load_demo, or the fallback in this folder"
    )
    parser.add_argument("--wait-for-demo", type=float, default=0, help="seconds to wait for load_demo to appear")
    args = parser.parse_args()
    args.duration = max(1, min(args.duration, 60))
    args.requests = max(20, min(args.requests, 5000))
    if args.client == "auto":
        args.client = "wrk" if shutil.which("wrk") else "python"
    return args


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, _interrupt)
    if args.content == "demo":
        wait_for_demo_command(args.wait_for_demo)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    args.results_stem = RESULTS_DIR / stamp
    backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    results: list[BackendResult] = []
    started = time.monotonic()

    with tempfile.TemporaryDirectory(prefix="bench_portal_") as tmp_name:
        tmp = Path(tmp_name)
        sqlite_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
        log("collectstatic into STATIC_ROOT (the gitignored staticfiles/)")
        run_manage(base_env(sqlite_url, tmp / "media"), "collectstatic", "--noinput", timeout=300)
        for backend in backends:
            try:
                if backend == "sqlite":
                    results.append(bench_backend(backend, sqlite_url, tmp, args))
                elif backend == "postgres":
                    with postgres_database(args.pg_url) as pg_url:
                        results.append(bench_backend(backend, pg_url, tmp, args))
                else:
                    raise SystemExit(f"unknown backend {backend!r}")
            except (RuntimeError, OSError, subprocess.SubprocessError, ImportError) as exc:
                log(f"{backend}: FAILED: {exc}")
                results.append(BackendResult(backend=backend, database_url="", error=str(exc)))

    table = render_table(results)
    print()
    print(table)
    report = {
        "when": stamp,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "kernel": platform.release()},
        "settings": {
            "workers": args.workers,
            "worker_class": "sync",
            "keep_alive": False,
            "sequential_requests": args.requests,
            "concurrency": args.concurrency,
            "duration_s": args.duration,
            "client": args.client,
            "content": args.content,
        },
        "targets": {"guidance_p50_ms": TARGET_P50_MS, "guidance_rps": TARGET_RPS, "worker_peak_mb": TARGET_WORKER_MB},
        "checks": {
            r.backend: {label: {"value": value, "pass": ok} for label, (value, ok) in checks(r).items()}
            for r in results
            if r.error is None
        },
        "results": [asdict(r) for r in results],
        "wall_seconds": round(time.monotonic() - started, 1),
        "table": table,
    }
    out = args.results_stem.with_suffix(".json")
    out.write_text(json.dumps(report, indent=2))
    log(f"wrote {out.relative_to(BASE_DIR)} in {report['wall_seconds']}s")
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
