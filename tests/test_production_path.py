"""The documented production path, on a fresh PostgreSQL and Redis of the test's own (docs/operations.md):

check-deploy → setup (as the owner role) → users create → gunicorn from another directory → RQ worker → /readyz →
backup → restore into a second database → /readyz on it → a one-revision downgrade (with its warning) and upgrade.

The database roles and grants are the SQL blocks of docs/operations.md, run as written; the services log in as the
app role. Every command runs as a separate process from a directory that is not the repository, with the
production environment (JOBBRYGGA_ENV=production, Secure cookies, JSON logs).
"""
import glob
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from app.config import PROJECT_DIR
from tests.databases import Postgres
from tests.servers import free_port

BIN = Path(sys.executable).parent
SQL_BLOCK = re.compile(r"```sql\n(.*?)```", re.S)
ROLES = {"owner": "jobbrygga_owner", "app": "jobbrygga_app"}

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL"),
    reason="runs once, in the PostgreSQL pass (.ci/run installs the server there); it starts a server of its own")


def _documented_sql() -> tuple[str, str]:
    """(the roles, the database) exactly as docs/operations.md gives them."""
    roles, database = SQL_BLOCK.findall((PROJECT_DIR / "docs" / "operations.md").read_text())[:2]
    return roles, database


@pytest.fixture(scope="module")
def servers():
    initdb = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    redis_server = shutil.which("redis-server")
    if not initdb or not redis_server or not shutil.which("pg_dump"):
        pytest.skip("needs PostgreSQL server and client binaries and redis-server (apt: postgresql redis-server)")
    postgres = Postgres(os.path.dirname(initdb[-1]))
    postgres.start()
    redis_port = free_port()
    redis = subprocess.Popen([redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield postgres, f"redis://127.0.0.1:{redis_port}/0"
    finally:
        redis.terminate()
        redis.wait(10)
        postgres.remove()


def _psql(postgres: Postgres, sql: str, database: str = "postgres") -> None:
    result = subprocess.run([os.path.join(postgres.bin, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                             "-p", str(postgres.port), "-U", "postgres", "-d", database],
                            input=sql, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def _url(postgres: Postgres, role: str, database: str) -> str:
    return f"postgresql://{ROLES[role]}:not-checked-here@127.0.0.1:{postgres.port}/{database}"


class Operator:
    """Runs the documented commands as separate processes, in a folder that is not the repository."""

    def __init__(self, folder: Path, env: dict):
        self.folder, self.env, self.timings = folder, env, {}

    def run(self, *argv: str, expect: int = 0, input: str | None = None, **env: str) -> subprocess.CompletedProcess:
        started = time.perf_counter()
        result = subprocess.run([str(BIN / argv[0]), *argv[1:]], cwd=self.folder, env={**self.env, **env},
                                input=input, capture_output=True, text=True, timeout=300)
        self.timings[" ".join(argv[:3])] = round(time.perf_counter() - started, 1)
        assert result.returncode == expect, f"{argv}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
        return result

    @contextmanager
    def service(self, *argv: str, **env: str):
        """A long-running process; its log lines go to <name>.log in the folder (read them when a step fails)."""
        log = self.folder / f"{argv[0]}-{len(self.timings)}-{time.monotonic_ns()}.log"
        with log.open("w") as out:
            process = subprocess.Popen([str(BIN / argv[0]), *argv[1:]], cwd=self.folder, env={**self.env, **env},
                                       stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        process.log = log
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)


def _get(url: str, timeout: float = 60) -> tuple[int, dict]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # nosec B310 - loopback URL built here
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_the_documented_production_path(servers, tmp_path):
    postgres, redis_url = servers
    roles_sql, database_sql = _documented_sql()
    _psql(postgres, roles_sql)
    _psql(postgres, database_sql)
    elsewhere = tmp_path / "not-the-repository"
    elsewhere.mkdir()
    port = free_port()
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "LANG": "C.UTF-8",
           "JOBBRYGGA_ENV": "production", "SECRET_KEY": secrets.token_hex(32), "SESSION_COOKIE_SECURE": "1",
           "PUBLIC_URL": "https://jobbrygga.kommun.example.se", "TRUSTED_PROXIES": "0", "REDIS_URL": redis_url,
           "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(free_port()), "FLASK_APP": "app:create_app",
           "LOG_FORMAT": "json", "RERANKER_PATH": str(tmp_path / "reranker.joblib"),
           "DATABASE_URL": _url(postgres, "app", "jobbrygga"), "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"}
    operator = Operator(elsewhere, env)
    owner = {"DATABASE_URL": _url(postgres, "owner", "jobbrygga")}
    assert not (elsewhere / "wsgi.py").exists()

    checked = operator.run("flask", "check-deploy")
    assert "deployment configuration: OK" in checked.stdout
    operator.run("flask", "setup", **owner)
    created = operator.run("flask", "users", "create", "it-chef@kommun.example.se", "--role", "admin")
    link = re.search(r"https://jobbrygga\.kommun\.example\.se(/auth/invitation/[\w-]+)", created.stdout).group(1)

    with operator.service("gunicorn", "-c", "python:app.operations.gunicorn_conf") as web, \
            operator.service("rq", "worker", "-w", "app.background.jobqueue.Worker", "-u", redis_url, "jobbrygga"):
        base = f"http://127.0.0.1:{port}"
        assert _get(f"{base}/readyz") == (200, {"database": "ok", "migrations": "head"}), web.log.read_text()
        with urllib.request.urlopen(base + link, timeout=10) as page:  # nosec B310 - loopback
            assert "it-chef@kommun.example.se" in page.read().decode()
        retention = operator.run("flask", "jobs", "retention", "--timeout", "120")  # taken by the worker
        assert "retention queued as job" in retention.stdout and "profiles hidden 0" in retention.stdout
        # The app role cannot use the audit trail's maintenance setting, nor empty the table.
        app_psql = [os.path.join(postgres.bin, "psql"), "-X", "-h", "127.0.0.1", "-p", str(postgres.port),
                    "-U", ROLES["app"], "-d", "jobbrygga", "-v", "ON_ERROR_STOP=1", "-c"]
        refused = subprocess.run([*app_psql, "BEGIN; SET LOCAL jobbrygga.audit_maintenance = 'on'; "
                                  "INSERT INTO audit_event (action, at) VALUES ('test', now()); "
                                  "DELETE FROM audit_event; COMMIT;"], capture_output=True, text=True)
        assert refused.returncode != 0 and "append-only" in refused.stderr, refused.stderr
        refused = subprocess.run([*app_psql, "TRUNCATE audit_event"], capture_output=True, text=True)
        assert refused.returncode != 0 and "permission denied" in refused.stderr, refused.stderr

        backup = tmp_path / "backups" / "nightly.dump"
        backup.parent.mkdir()
        operator.run("flask", "backup", "create", str(backup))
        _psql(postgres, database_sql.replace("DATABASE jobbrygga ", "DATABASE jobbrygga_restored ")
              .replace("\\connect jobbrygga\n", "\\connect jobbrygga_restored\n")
              .replace("ON DATABASE jobbrygga ", "ON DATABASE jobbrygga_restored "))
        restored_owner = _url(postgres, "owner", "jobbrygga_restored")
        operator.run("flask", "backup", "restore", str(backup), DATABASE_URL=restored_owner)
        restored_port = free_port()
        with operator.service("gunicorn", "-c", "python:app.operations.gunicorn_conf", BIND=f"127.0.0.1:{restored_port}",
                              WEB_CONCURRENCY="1", DATABASE_URL=_url(postgres, "app", "jobbrygga_restored")):
            assert _get(f"http://127.0.0.1:{restored_port}/readyz") == (200, {"database": "ok", "migrations": "head"})
        with psycopg.connect(_url(postgres, "app", "jobbrygga_restored")) as restored:
            assert restored.execute("SELECT email FROM \"user\"").fetchall() == [("it-chef@kommun.example.se",)]

        # One revision down and up again, as a rollback rehearsal: the warning first, /readyz says so meanwhile.
        # (Without --yes it would ask: tests/test_releases.py.)
        down = operator.run("flask", "db", "downgrade", "--yes", **owner)
        assert "WARNING: going below" in down.stderr, down.stderr
        status, body = _get(f"{base}/readyz")
        assert (status, body["migrations"]) == (503, "not at head")
        operator.run("flask", "db", "upgrade", **owner)
        assert _get(f"{base}/readyz") == (200, {"database": "ok", "migrations": "head"})
    print("production path, seconds per step:", operator.timings)
