"""Real servers for tests: a free loopback port, and gunicorn with the production config file."""
import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

from app import create_app
from app.config import PROJECT_DIR
from app.extensions import db
from tests.loadtest.run import free_port
from tests.databases import stamp_head


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped"
        try:
            urllib.request.urlopen(url, timeout=2).close()  # nosec B310 - loopback URL built by the tests
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url} within {timeout:.0f} s")


def create_schema(url: str) -> None:
    """The head schema in an empty database, recorded as migrated (so /readyz answers 200)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        stamp_head(db.engine)
        db.engine.dispose()


@contextmanager
def gunicorn(database_url: str, **environment: str):
    """`gunicorn -c app/operations/gunicorn_conf.py wsgi:app` on 127.0.0.1; yields (base URL, process).

    stdout and stderr are piped: read them with process.communicate() after the block."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "k" * 40, "BIND": f"127.0.0.1:{port}",
           **environment}
    env.pop("LOG_FORMAT", None)
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "app/operations/gunicorn_conf.py", "wsgi:app"],
                               cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/healthz", process)
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
