"""Fixtures for the app: one database per test session (SQLite, or PostgreSQL when DATABASE_URL is set)."""
import re
import shutil
import subprocess
import time
from urllib.parse import urlsplit

import argon2.profiles
import pyotp
import pytest
from sqlalchemy import delete, event, select, text, update

from app import create_app
from app.config import PROJECT_DIR
from app.extensions import db, limiter
from app.presentation.i18n import compile_catalogs
from app.models import Organisation, User
from app.services.taxonomy_import import import_taxonomy
from tests import workers
from tests.databases import stamp_head
from tests.fakes import FakeSMTPServer, running
from tests.servers import free_port

# The slice of the real taxonomy the forms need; ESCO concepts are left out to keep set-up fast.
TEST_CONCEPT_TYPES = {"occupation", "ssyk4", "ssyk3", "ssyk2", "ssyk1", "skill", "language", "municipality",
                      "county", "education_level", "driving_licence"}
TAXONOMY_TABLES = {"concept", "concept_label", "concept_relation"}
CSRF_INPUT = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def database_url(tmp_path_factory) -> str:
    import os

    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    compile_catalogs(PROJECT_DIR / "translations")
    app = create_app({
        "TESTING": True,
        "PASSWORD_HASH_PARAMETERS": argon2.profiles.CHEAPEST,  # still argon2id, at test speed
        "SECRET_KEY": "test-secret-key-that-is-long-enough",
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path_factory).replace("postgresql://", "postgresql+psycopg://"),
    })
    with app.app_context():
        db.drop_all()
        db.create_all()
        stamp_head(db.engine)  # create_all built the head schema; /readyz checks the recorded revision
        import_taxonomy(types=TEST_CONCEPT_TYPES)
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _app_context(app):
    """Each test runs inside an app context and starts from empty tables (the taxonomy stays)."""
    with app.app_context():
        yield
        db.session.rollback()
        # organisation.vetted_by_id → user closes a cycle (user → organisation): break it first for PostgreSQL.
        db.session.execute(update(Organisation).values(vetted_by_id=None))
        if db.engine.dialect.name == "postgresql":  # the trail's guard in the database (app/models/audit.py)
            db.session.execute(text("SET LOCAL jobbrygga.audit_maintenance = 'on'"))
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in TAXONOMY_TABLES:
                # audit_erasure: the audit trail is append-only in the app; emptying tables between tests is not the app.
                db.session.execute(delete(table).execution_options(audit_erasure=True))
        db.session.commit()
        db.session.remove()


@pytest.fixture(autouse=True)
def _fresh_rate_limits(app):
    """Login throttling counts per test, so one test's attempts never make another's fail."""
    limiter.reset()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def forget_used_codes(email: str) -> str:
    """Tests log one person in many times a minute, which a code that works once would refuse (people log in
    far less often): the account's last used code is forgotten first. Returns the account's TOTP secret.
    test_sign_in_security.py tests the once-only rule itself, without this."""
    email = email.strip().lower()
    db.session.execute(update(User).where(User.email == email).values(totp_last_step=None))
    db.session.commit()
    return db.session.scalar(select(User.totp_secret).where(User.email == email))


class Browser:
    """A test client that fills forms the way a browser does: CSRF token taken from the page.

    Each request runs in its own app context, as in production, so nothing cached in `g` (such as
    the CSRF token) leaks between requests; the test's own session then re-reads what changed.
    """

    def __init__(self, app, client):
        self.app = app
        self.client = client

    def _open(self, method, url, **kwargs):
        with self.app.app_context():
            response = self.client.open(url, method=method, **kwargs)
            response.get_data()
            response.close()
        db.session.expire_all()
        return response

    def get(self, url, **kwargs):
        return self._open("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self._open("POST", url, **kwargs)

    def token(self, url="/auth/login"):
        return csrf_token(self.get(url, follow_redirects=True).get_data(as_text=True))

    def submit(self, url, data=None, page=None, **kwargs):
        """GET page (default: url) for a token, then POST data to url."""
        token = self.token(page or url)
        return self.post(url, data={"csrf_token": token, **(data or {})}, **kwargs)

    def login(self, email, password):
        """Log in through the form; for an account with a second factor, also type the app's current code."""
        response = self.submit("/auth/login", {"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        if urlsplit(response.headers["Location"]).path == "/auth/two-factor":
            secret = forget_used_codes(email)
            response = self.submit("/auth/two-factor", {"code": pyotp.TOTP(secret).now()})
            assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        return response

    def logout(self):
        return self.submit("/auth/logout", page="/")


@pytest.fixture
def browser(app, client):
    return Browser(app, client)


# ---------------------------------------------------------------- servers a test starts (Redis, SMTP), or none

@pytest.fixture
def no_redis(app):
    previous = app.config.get("REDIS_URL", ...)
    app.config["REDIS_URL"] = None
    yield
    app.config.pop("REDIS_URL") if previous is ... else app.config.update(REDIS_URL=previous)


@pytest.fixture
def redis_url(app, tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server); the RQ tests need a real one")
    port = free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    workers.start_worker.log = tmp_path / "worker.log"
    previous = app.config.get("REDIS_URL", ...)
    app.config["REDIS_URL"] = url
    try:
        from redis import Redis

        for _ in range(100):
            try:
                Redis.from_url(url).ping()
                break
            except Exception:  # not up yet
                time.sleep(0.05)
        yield url
    finally:
        app.config.pop("REDIS_URL") if previous is ... else app.config.update(REDIS_URL=previous)
        process.terminate()
        process.wait(10)


@pytest.fixture
def smtp(app, monkeypatch):
    """A fake SMTP server on 127.0.0.1 that the app sends its mail to."""
    with running(FakeSMTPServer()) as server:
        for key, value in {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": server.port, "MAIL_USE_TLS": False,
                           "MAIL_USERNAME": None, "PUBLIC_URL": "https://jobbrygga.example.se"}.items():
            monkeypatch.setitem(app.config, key, value)
        yield server


@pytest.fixture
def count_selects(app):
    """count_selects(action) → how many SELECT statements action() sent (the audit trail's inserts do not count:
    it writes one row per person by design). For tests that a page does not query once per row."""
    def count(action) -> int:
        statements = []

        def listen(conn, cursor, statement, *args):
            if statement.lstrip().upper().startswith("SELECT"):
                statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            action()
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
        return len(statements)

    return count
