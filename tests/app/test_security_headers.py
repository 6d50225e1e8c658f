"""Headers on every response, no caching of personal pages, and the idle and absolute session limits."""
import time

from app.models import Role
from tests import factories as f


def test_security_headers_on_public_and_personal_pages(browser, app):
    public = browser.get("/auth/login")
    csp = public.headers["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert public.headers["X-Content-Type-Options"] == "nosniff"
    assert public.headers["Referrer-Policy"] == "same-origin"
    assert "no-store" not in public.headers.get("Cache-Control", "")
    assert "Strict-Transport-Security" not in public.headers  # plain HTTP in development
    account = f.user()
    browser.login(account.email, f.PASSWORD)
    assert browser.get("/me/profile").headers["Cache-Control"] == "no-store"


def test_hsts_when_cookies_are_secure(app, browser, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    assert browser.get("/auth/login").headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_inline_script_in_any_page(browser):
    account = f.user(Role.CASEWORKER)
    browser.login(account.email, f.PASSWORD)
    body = browser.get("/caseworker/").get_data(as_text=True)
    assert "<script>" not in body and "onclick=" not in body and "style=" not in body


def _age_session(browser, seconds_idle=0, seconds_total=0):
    with browser.client.session_transaction() as session:
        session["seen_at"] = time.time() - seconds_idle
        session["started_at"] = time.time() - seconds_total


def test_idle_and_absolute_limits_end_the_session(browser):
    account = f.user()
    browser.login(account.email, f.PASSWORD)
    _age_session(browser, seconds_idle=29 * 60)
    assert browser.get("/me/profile").status_code == 200  # 29 minutes idle: still in
    _age_session(browser, seconds_idle=31 * 60)
    response = browser.get("/me/profile")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    browser.login(account.email, f.PASSWORD)
    _age_session(browser, seconds_total=12 * 3600 + 1)
    assert browser.get("/me/profile").status_code == 302


def test_keepalive_counts_as_activity(browser):
    account = f.user()
    browser.login(account.email, f.PASSWORD)
    page = browser.get("/me/profile").get_data(as_text=True)
    assert 'id="session-timeout"' in page and 'data-idle="1800"' in page
    token = browser.token("/me/profile")
    _age_session(browser, seconds_idle=29 * 60)
    assert browser.post("/session/keepalive", headers={"X-CSRFToken": token}).status_code == 204
    with browser.client.session_transaction() as session:
        assert time.time() - session["seen_at"] < 60  # the clock starts again from the keepalive
