"""Past its capacity the site says "busy, try again" at once (503 + Retry-After), saves nothing half-way,
keeps answering health probes, and serves normally again as soon as a turn is free."""
import concurrent.futures
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import argon2.profiles
import pytest

from app import create_app
from app.extensions import db
from tests import factories as f
from tests.forms_under_test import opportunity_form, places_titled
from tests.conftest import Browser
from tests.databases import empty_database
from tests.servers import create_schema, gunicorn

BUSY_AR = "الخدمة مشغولة الآن. حاول مرة أخرى بعد دقيقة."


@pytest.fixture
def busy_app(app):
    """The app as gunicorn runs it: one request working at a time, 50 ms to wait for a turn."""
    busy = create_app({"TESTING": True, "PASSWORD_HASH_PARAMETERS": argon2.profiles.CHEAPEST,
                       "SECRET_KEY": app.config["SECRET_KEY"],
                       "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                       "ADMISSION_ACTIVE": 1, "ADMISSION_WAIT": 0.05})
    yield busy
    with busy.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_full_process_turns_a_request_away_at_once_and_saves_nothing(busy_app):
    employer = f.member(f.organisation(), locale="ar")
    browser = Browser(busy_app, busy_app.test_client())
    browser.login(employer.email, f.PASSWORD)
    data = opportunity_form(browser.get("/organisation/opportunities/new", follow_redirects=True).get_data(as_text=True), "Trainee i rusningen")

    slots = busy_app.extensions["admission"]
    slots.acquire()  # another request is working
    try:
        started = time.monotonic()
        response = browser.post("/organisation/opportunities/new", data=data)
        html = response.get_data(as_text=True)
        assert response.status_code == 503 and time.monotonic() - started < 1
        assert response.headers["Retry-After"] == "10"
        assert BUSY_AR in html and 'dir="rtl"' in html  # in the person's language, without asking the database
        assert browser.get("/healthz").status_code == 200  # probes are never turned away
        assert browser.get("/readyz").status_code == 200
    finally:
        slots.release()
    assert places_titled("Trainee i rusningen") == 0

    response = browser.post("/organisation/opportunities/new", data=data)  # sent again: the same form works
    assert response.status_code == 302
    assert places_titled("Trainee i rusningen") == 1


def test_every_request_gives_its_turn_back(busy_app):
    """With one turn per process, a turn kept by any kind of answer would turn every later request away."""
    client = busy_app.test_client()
    answers = [client.get("/").status_code, client.get("/no-such-page").status_code,
               client.post("/auth/login", data={"email": "x@example.se"}).status_code,  # no CSRF token: 400
               client.get("/me/").status_code]  # not logged in: redirect
    assert answers == [200, 404, 400, 302]
    assert all(client.get("/auth/login").status_code == 200 for _ in range(5))


class Visitor:
    """A browser with its own cookies that has opened the login page."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with self.opener.open(f"{base}/auth/login", timeout=30) as page:
            self.token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.read().decode()).group(1)

    def wrong_password(self) -> tuple[int, float, str | None]:
        """(status, seconds, Retry-After) of a login with a wrong password: full-cost argon2 on the server."""
        form = urllib.parse.urlencode({"csrf_token": self.token, "email": "nobody@example.se",
                                       "password": "not the password at all"}).encode()
        started = time.monotonic()
        try:
            with self.opener.open(f"{self.base}/auth/login", data=form, timeout=30) as response:
                return response.status, time.monotonic() - started, None
        except urllib.error.HTTPError as refused:
            refused.close()
            return refused.code, time.monotonic() - started, refused.headers.get("Retry-After")


def test_gunicorn_sheds_a_burst_with_503_and_recovers(tmp_path):
    """The production config: one gthread worker, one turn, 0.2 s wait; twelve logins at once."""
    with empty_database(tmp_path, "shedding") as url:
        create_schema(url)
        with gunicorn(url, WEB_CONCURRENCY="1", WEB_THREADS="8", ADMISSION_ACTIVE="1", ADMISSION_WAIT="0.2",
                      LOGIN_RATE_LIMIT="1000 per minute", LOG_LEVEL="warning") as (base, process):
            visitors = [Visitor(base) for _ in range(12)]
            with concurrent.futures.ThreadPoolExecutor(12) as pool:
                answers = list(pool.map(Visitor.wrong_password, visitors))
            statuses = sorted(status for status, _, _ in answers)
            assert set(statuses) == {200, 503}, statuses  # wrong password (200) or busy (503), never 500
            busy = [(seconds, retry) for status, seconds, retry in answers if status == 503]
            assert all(retry == "10" for _, retry in busy)
            # Turned away quickly, not after the queue of password checks ahead of it.
            assert min(seconds for seconds, _ in busy) < 2, answers
            assert Visitor(base).wrong_password()[0] == 200  # the burst is over: served again
        process.communicate(timeout=60)
    assert process.returncode == 0
