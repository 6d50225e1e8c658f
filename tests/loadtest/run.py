"""Start gunicorn on 127.0.0.1, run Locust headless against it, print the figures.

Printed: requests, error %, p50/p95/p99 (ms, all requests), status code counts (redirects included),
the slowest routes by p95, and the summed RSS of the gunicorn workers before and after the run.
"""
import csv
import json
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

import click

from app.config import PROJECT_DIR

CONF = PROJECT_DIR / "app" / "operations" / "gunicorn_conf.py"
LOCUSTFILE = Path(__file__).with_name("locustfile.py")


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (the tests' servers use it too)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def worker_rss_mb(master_pid: int) -> tuple[int, float]:
    """(worker count, summed resident memory in MB) of the gunicorn master's children."""
    import psutil

    children = psutil.Process(master_pid).children()
    return len(children), sum(child.memory_info().rss for child in children) / 2**20


def _wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # nosec B310 - http://127.0.0.1 built here
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise click.ClickException(f"gunicorn did not answer {url} within {timeout:.0f} s")


def start_gunicorn(port: int, workers: int, env: dict, log: Path, max_requests: int | None) -> subprocess.Popen:
    command = [str(Path(sys.executable).with_name("gunicorn"))]
    if CONF.exists():
        command += ["-c", str(CONF)]
    command += ["-w", str(workers), "-b", f"127.0.0.1:{port}"]
    if max_requests is not None:
        command += ["--max-requests", str(max_requests)]
    with log.open("w") as out:
        return subprocess.Popen([*command, "wsgi:app"], cwd=PROJECT_DIR, env=env, stdout=out, stderr=out,
                                start_new_session=True)


def _status(url: str) -> int | str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # nosec B310 - loopback URL built here
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        return type(error).__name__


class Fault:
    """Runs a command (e.g. restart PostgreSQL) `after` seconds into the load and watches /readyz meanwhile."""

    def __init__(self, command: str, after: float, readyz: str):
        self.command, self.after, self.readyz = shlex.split(command), after, readyz
        self.samples: list[tuple[float, int | str]] = []  # (seconds since start, /readyz answer)
        self.ran: tuple[float, float, int] | None = None  # (start, end, exit code)
        self._stop = threading.Event()

    def start(self) -> None:
        self.t0 = time.monotonic()
        threading.Thread(target=self._probe, daemon=True).start()
        threading.Thread(target=self._inject, daemon=True).start()

    def _probe(self) -> None:
        while not self._stop.wait(0.25):
            self.samples.append((time.monotonic() - self.t0, _status(self.readyz)))

    def _inject(self) -> None:
        if self._stop.wait(self.after):
            return
        started = time.monotonic() - self.t0
        done = subprocess.run(self.command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # nosec B603 - the operator's own command
        self.ran = (started, time.monotonic() - self.t0, done.returncode)

    def stop(self) -> dict:
        self._stop.set()
        down = [t for t, status in self.samples if status != 200]
        back = next((t for t, status in self.samples if down and t > down[-1] and status == 200), None)
        return {"command": shlex.join(self.command), "ran": self.ran, "not_ready_first": down[0] if down else None,
                "not_ready_last": down[-1] if down else None, "ready_again": back,
                "not_ready_answers": sorted({str(status) for _, status in self.samples if status != 200})}


def half_done_writes(database_url: str, since) -> dict:
    """Records a request writes together, counted for everything written since the load started:
    a new opportunity and its one-time form token; a caseworker's decision and its event."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        opportunities = connection.scalar(text("SELECT count(*) FROM opportunity WHERE created_at >= :t"), {"t": since})
        tokens = connection.scalar(text("SELECT count(*) FROM form_submission WHERE at >= :t"), {"t": since})
        decided = connection.scalar(text("SELECT count(*) FROM match WHERE updated_at >= :t AND status <> 'suggested'"),
                                    {"t": since})
        without_event = connection.scalar(text(
            "SELECT count(*) FROM match m WHERE m.updated_at >= :t AND m.status <> 'suggested' AND NOT EXISTS "
            "(SELECT 1 FROM match_event e WHERE e.match_id = m.id AND e.at >= :t AND e.to_status = m.status)"),
            {"t": since})
    engine.dispose()
    return {"opportunities": opportunities, "form_tokens": tokens, "decisions": decided,
            "decisions_without_event": without_event}


def read_figures(prefix: Path, status_file: Path) -> dict:
    with open(f"{prefix}_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    routes = sorted((row for row in rows if row["Name"] != "Aggregated"),
                    key=lambda row: -float(row["95%"] or 0))
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    statuses = json.loads(status_file.read_text()) if status_file.exists() else {}
    return {"requests": requests, "failures": failures, "error_pct": 100 * failures / max(requests, 1),
            "p50": float(total["50%"]), "p95": float(total["95%"]), "p99": float(total["99%"]),
            "max": float(total["Max Response Time"]), "rps": float(total["Requests/s"]),
            "statuses": dict(sorted(statuses.items())),
            "slowest": [(row["Type"], row["Name"], int(row["Request Count"]), float(row["50%"]), float(row["95%"]),
                         float(row["99%"])) for row in routes[:6]]}


def run(users: int, spawn_rate: float, run_time: str, workers: int, out_dir: Path, database_url: str,
        max_requests: int | None = None, warmup: str | None = "30s", recovery_users: int = 0,
        recovery_time: str = "1m", user_classes: tuple[str, ...] = (), recovery_spawn_rate: float = 5,
        fault_command: str | None = None, fault_after: float = 60, env: dict | None = None) -> dict:
    """env: the load test's environment (tests/loadtest/__main__.py: its own database, plain http on 127.0.0.1)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = env if env is not None else dict(os.environ)
    env = {**base, "DATABASE_URL": database_url, "SECRET_KEY": base.get("SECRET_KEY") or secrets.token_hex(32),
           "LOGIN_RATE_LIMIT": base.get("LOGIN_RATE_LIMIT", "100000 per minute"),
           "LOG_LEVEL": base.get("LOG_LEVEL", "warning"), "PYTHONPATH": str(PROJECT_DIR),
           "SESSION_COOKIE_SECURE": "0",  # its own server speaks plain http on 127.0.0.1
           # glibc's per-thread malloc arenas grow a threaded worker's memory without need (docs/operations.md too)
           "MALLOC_ARENA_MAX": base.get("MALLOC_ARENA_MAX", "2")}
    server = start_gunicorn(port, workers, env, out_dir / "gunicorn.log", max_requests)
    try:
        host = f"http://127.0.0.1:{port}"
        _wait_until_up(f"{host}/healthz")
        prefix, status_file = out_dir / "locust", out_dir / "status_codes.json"

        def locust(users: int, run_time: str, prefix: Path, status_file: Path, log: Path,
                   rate: float = spawn_rate) -> None:
            command = [str(Path(sys.executable).with_name("locust")), "-f", str(LOCUSTFILE), "--headless",
                       "-u", str(users), "-r", str(rate), "--run-time", run_time, "--host", host,
                       "--csv", str(prefix), "--only-summary", "--stop-timeout", "10", "--exit-code-on-error", "0",
                       "--web-host", "127.0.0.1", *user_classes]
            with log.open("w") as out:
                subprocess.run(command, cwd=PROJECT_DIR, env={**env, "LOADTEST_STATUS_FILE": str(status_file)},
                               stdout=out, stderr=subprocess.STDOUT, check=True)

        if warmup:  # every worker builds its caches (templates, autocomplete index) before the baseline
            locust(min(users, 20), warmup, out_dir / "warmup", out_dir / "warmup_status.json", out_dir / "warmup.log")
        count_before, rss_before = worker_rss_mb(server.pid)
        load_started = datetime.now(timezone.utc)
        fault = Fault(fault_command, fault_after, f"{host}/readyz") if fault_command else None
        if fault:
            fault.start()
        locust(users, run_time, prefix, status_file, out_dir / "locust.log")
        fault_figures = fault.stop() if fault else None
        count_after, rss_after = worker_rss_mb(server.pid)
        if recovery_users:  # the load drops: the same server, fewer users arriving at the normal pace
            locust(recovery_users, recovery_time, out_dir / "recovery", out_dir / "recovery_status.json",
                   out_dir / "recovery.log", recovery_spawn_rate)
            recovery_rss = worker_rss_mb(server.pid)[1]
        ready_after = _status(f"{host}/readyz")  # 503: the database, or migrations not at head
        load_average = os.getloadavg()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(60)
    figures = read_figures(prefix, status_file)
    figures.update(users=users, run_time=run_time, warmup=warmup, workers=workers, classes=list(user_classes), workers_before=count_before,
                   workers_after=count_after, rss_before_mb=rss_before, rss_after_mb=rss_after,
                   rss_growth_pct=100 * (rss_after - rss_before) / rss_before, ready_after=ready_after,
                   load_average=load_average)
    if fault_figures:
        figures["fault"] = {**fault_figures, "writes": half_done_writes(database_url, load_started)}
    if recovery_users:
        figures["recovery"] = {**read_figures(out_dir / "recovery", out_dir / "recovery_status.json"),
                               "users": recovery_users, "run_time": recovery_time, "rss_mb": recovery_rss}
    (out_dir / "figures.json").write_text(json.dumps(figures, indent=2))
    return figures


def print_figures(f: dict) -> None:
    click.echo(f"users {f['users']} ({', '.join(f['classes']) or 'all kinds'}), {f['run_time']} after a {f['warmup']} "
               f"warm-up, gunicorn -w {f['workers']}: "
               f"{f['requests']} requests "
               f"({f['rps']:.1f}/s), errors {f['failures']} ({f['error_pct']:.2f} %)")
    click.echo(f"latency ms: p50 {f['p50']:.0f}  p95 {f['p95']:.0f}  p99 {f['p99']:.0f}  max {f['max']:.0f}")
    click.echo("status codes: " + ", ".join(f"{code}: {n}" for code, n in f["statuses"].items()))
    click.echo(f"worker RSS: {f['rss_before_mb']:.0f} MB before ({f['workers_before']} workers), "
               f"{f['rss_after_mb']:.0f} MB after ({f['workers_after']} workers): {f['rss_growth_pct']:+.1f} %")
    click.echo(f"/readyz after the run: {f['ready_after']}; machine load average (1, 5, 15 min) at the end: "
               + ", ".join(f"{n:.1f}" for n in f["load_average"]))
    click.echo("slowest routes (p95): " + "; ".join(
        f"{kind} {name} n={n} p50 {p50:.0f} p95 {p95:.0f} p99 {p99:.0f}" for kind, name, n, p50, p95, p99 in f["slowest"]))
    if "fault" in f:
        fault, writes = f["fault"], f["fault"]["writes"]
        if fault["ran"]:
            click.echo(f"fault: `{fault['command']}` ran {fault['ran'][0]:.1f}–{fault['ran'][1]:.1f} s into the load "
                       f"(exit {fault['ran'][2]})")
        else:
            click.echo("fault: the command did not run (the load ended first)")
        if fault["not_ready_first"] is not None:
            back = f"{fault['ready_again']:.1f} s" if fault["ready_again"] is not None else "never"
            click.echo(f"/readyz not 200 from {fault['not_ready_first']:.1f} to {fault['not_ready_last']:.1f} s "
                       f"({', '.join(fault['not_ready_answers'])}), 200 again at {back}")
        click.echo(f"written during the load: {writes['opportunities']} opportunities with {writes['form_tokens']} "
                   f"one-time tokens, {writes['decisions']} decisions of which {writes['decisions_without_event']} "
                   "lack their event (half-done writes: 0 and equal counts expected)")
    if "recovery" in f:
        r = f["recovery"]
        click.echo(f"then {r['users']} users for {r['run_time']} on the same server: {r['requests']} requests, errors "
                   f"{r['failures']} ({r['error_pct']:.2f} %), p50 {r['p50']:.0f} p95 {r['p95']:.0f} p99 {r['p99']:.0f} ms; "
                   "status codes: " + ", ".join(f"{code}: {n}" for code, n in r["statuses"].items())
                   + f"; worker RSS then {r['rss_mb']:.0f} MB")
