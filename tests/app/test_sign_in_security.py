"""Sessions, passwords, throttling, the second factor and password reset (SECURITY.md: sessions and authentication)."""
import logging
import re
import threading
import time
import unicodedata

import pyotp
import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, select

from app.config import from_environment
from app.extensions import db
from app.models import Organisation, Role, User
from app.background import jobqueue
from app.services import password_reset, registration, two_factor
from app.services.passwords import PasswordProblem, password_problem
from tests import factories as f
from tests.conftest import Browser

NEW_PASSWORD = "tre gröna cyklar vid älven"
WRONG = "inte rätt lösenord alls"


def _second_browser(app, cookie_from: Browser | None = None) -> Browser:
    """Another device; with cookie_from, one holding a copy of that browser's session cookie."""
    other = Browser(app, app.test_client())
    if cookie_from is not None:
        other.client.set_cookie("session", cookie_from.client.get_cookie("session").value)
    return other


def _logged_in(browser: Browser) -> bool:
    """The account page answers 200 only to a logged-in session (anonymous → login redirect)."""
    response = browser.get("/auth/password")
    assert response.status_code in (200, 302)
    return response.status_code == 200


# --- 1. Logout and password change end sessions on the server -------------------------------------------------

def test_logout_ends_a_copied_session_too(app, browser):
    seeker = f.user()
    browser.login(seeker.email, f.PASSWORD)
    thief = _second_browser(app, cookie_from=browser)
    assert _logged_in(thief)
    browser.logout()
    assert not _logged_in(browser)
    assert not _logged_in(thief), "a copied cookie still works after logout"


def test_password_change_ends_other_sessions_and_keeps_this_one(app, browser):
    seeker = f.user()
    browser.login(seeker.email, f.PASSWORD)
    other_device = _second_browser(app)
    other_device.login(seeker.email, f.PASSWORD)
    thief = _second_browser(app, cookie_from=browser)
    response = browser.submit("/auth/password", {"current_password": f.PASSWORD, "password": NEW_PASSWORD,
                                                 "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert _logged_in(browser), "the session that changed the password should carry on"
    assert not _logged_in(other_device)
    assert not _logged_in(thief)
    db.session.refresh(seeker)
    assert seeker.check_password(NEW_PASSWORD) and not seeker.check_password(f.PASSWORD)


def test_password_change_needs_the_current_password(browser):
    seeker = f.user()
    browser.login(seeker.email, f.PASSWORD)
    response = browser.submit("/auth/password", {"current_password": WRONG, "password": NEW_PASSWORD,
                                                 "confirm": NEW_PASSWORD})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.get_data(as_text=True)
    db.session.refresh(seeker)
    assert seeker.check_password(f.PASSWORD)


def test_password_page_needs_login(browser):
    response = browser.get("/auth/password")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


# --- 2. One password rule, in every form that sets one ---------------------------------------------------------

@pytest.mark.parametrize("password, email, problem", [
    ("Kort-lösen1", None, PasswordProblem.TOO_SHORT),                      # 11 characters
    ("x9Qz" * 32 + "!", None, PasswordProblem.TOO_LONG),                   # 129 characters
    ("password1234", None, PasswordProblem.TOO_COMMON),
    ("qwertyuiop123", None, PasswordProblem.TOO_COMMON),
    ("Jobbrygga2026!", None, PasswordProblem.TOO_COMMON),                   # the site's own name
    ("aaaaaaaaaaaaaaaa", None, PasswordProblem.TOO_COMMON),
    ("ny.person-gillar-kaffe-2026", "ny.person@example.se", PasswordProblem.CONTAINS_EMAIL),
    ("NY.PERSON vid älven i maj", "ny.person@example.se", PasswordProblem.CONTAINS_EMAIL),
    ("Tåg-Kaffe-97x", None, None),                                         # 13 characters, unusual
    ("Åsa går på tå i skogen 🌲", None, None),
    ("كلمة سر طويلة جدا للاختبار", None, None),
    ("x9Qz-Lm2p" * 14 + "ab", None, None),                                  # exactly 128
    ("jo-gillar-kaffe-vid-älven", "jo@example.se", None),                   # a 2-letter local part is no hint
])
def test_password_rule(password, email, problem):
    assert password_problem(password, email=email) == problem


def _register(browser, password):
    """Registration in two steps (red team 5): name and address, then the password from the e-mailed link."""
    response = browser.submit("/auth/register", {"locale": "sv", "full_name": "Ny Person",
                                                 "email": "ny.person@example.se"})
    assert response.status_code == 302
    jobqueue.wait_for_background()
    link = f"/auth/register/{registration.make_token('ny.person@example.se', 'Ny Person', 'sv')}"
    return browser.submit(link, {"password": password, "confirm": password})


def _register_organisation(browser, password):
    return browser.submit("/auth/register/organisation", {
        "kind": "employer", "organisation_name": "Nya Lagret AB", "org_number": f.VALID_ORG_NUMBERS[0],
        "municipality": f.VASTERAS, "full_name": "Ny Person", "email": "ny.person@example.se",
        "password": password, "confirm": password, "locale": "sv"})


def _change(browser, password):
    account = f.user(email="ny.person@example.se")
    browser.login(account.email, f.PASSWORD)
    return browser.submit("/auth/password", {"current_password": f.PASSWORD, "password": password,
                                             "confirm": password})


def _reset(browser, password):
    account = f.user(email="ny.person@example.se")
    url = f"/auth/reset/{password_reset.make_token(account)}"
    return browser.submit(url, {"password": password, "confirm": password})


SETTERS = {"register": _register, "register_organisation": _register_organisation, "change": _change,
           "reset": _reset}


@pytest.mark.parametrize("setter", SETTERS)
@pytest.mark.parametrize("password", ["Kort-lösen1", "password1234", "ny.person-gillar-kaffe-2026", "x" * 129])
def test_every_form_refuses_a_weak_password(browser, setter, password):
    response = SETTERS[setter](browser, password)
    assert response.status_code == 200
    assert 'id="password-error"' in response.get_data(as_text=True)
    account = db.session.scalar(select(User).where(User.email == "ny.person@example.se"))
    assert account is None or account.check_password(f.PASSWORD), "a refused password was saved"


@pytest.mark.parametrize("setter", SETTERS)
def test_every_form_accepts_a_good_password(browser, setter):
    response = SETTERS[setter](browser, NEW_PASSWORD)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    account = db.session.scalar(select(User).where(User.email == "ny.person@example.se"))
    assert account.check_password(NEW_PASSWORD)


@pytest.mark.parametrize("password", ["Åsa går på tå i skogen 🌲", "كلمة سر طويلة جدا للاختبار",
                                      " mellanslag runt om meningen ", "Дуже довгий пароль українською"])
def test_a_unicode_password_is_kept_exactly_as_typed(app, browser, password):
    assert _register(browser, password).status_code == 302
    browser.logout()
    variants = {password.strip(), password.upper(), password.lower(), password[:-1]} - {password}
    for variant in variants:
        assert _second_browser(app).submit("/auth/login", {"email": "ny.person@example.se", "password": variant}
                                           ).status_code == 200, f"{variant!r} was accepted for {password!r}"
    # Only NFC is applied: the same letters from a keyboard that sends decomposed characters still work.
    decomposed = unicodedata.normalize("NFD", password)
    assert _second_browser(app).submit("/auth/login", {"email": "ny.person@example.se", "password": decomposed}
                                       ).status_code == 302
    browser.login("ny.person@example.se", password)


# --- 3. Login throttling --------------------------------------------------------------------------------------

def _attempt(browser, email, address, password=WRONG):
    return browser.submit("/auth/login", {"email": email, "password": password},
                          environ_base={"REMOTE_ADDR": address})


def test_eleventh_attempt_on_one_account_from_different_addresses_is_refused(browser):
    victim = f.user()
    for n in range(10):
        assert _attempt(browser, victim.email, f"198.51.100.{n + 1}").status_code == 200
    response = _attempt(browser, victim.email, "198.51.100.11")
    assert response.status_code == 429
    body = response.get_data(as_text=True)
    assert "<h1>" in body and "Traceback" not in body and 'href="/"' in body  # the friendly error page
    # Even the right password waits now, and the uppercase spelling of the e-mail is the same account.
    assert _attempt(browser, victim.email.upper(), "198.51.100.12", f.PASSWORD).status_code == 429
    # Another account from a fresh address is not affected.
    assert _attempt(browser, f.user().email, "198.51.100.13", f.PASSWORD).status_code == 302


def test_eleventh_attempt_from_one_address_on_different_accounts_is_refused(browser):
    for n in range(10):
        assert _attempt(browser, f"gissning{n}@example.se", "203.0.113.7").status_code == 200
    assert _attempt(browser, "gissning10@example.se", "203.0.113.7").status_code == 429
    assert _attempt(browser, f.user().email, "203.0.113.8", f.PASSWORD).status_code == 302


def test_successful_logins_do_not_count(browser):
    seeker = f.user()
    for _ in range(12):  # a whole office behind one address logs in every morning
        assert _attempt(browser, seeker.email, "192.0.2.1", f.PASSWORD).status_code == 302
        browser.logout()


def test_codes_are_throttled_too(browser):
    caseworker = f.user(Role.CASEWORKER)
    browser.submit("/auth/login", {"email": caseworker.email, "password": f.PASSWORD})
    wrong = f"{(int(pyotp.TOTP(f.STAFF_TOTP_SECRET).now()) + 500000) % 1000000:06d}"
    for _ in range(10):
        assert browser.submit("/auth/two-factor", {"code": wrong}).status_code == 200
    assert browser.submit("/auth/two-factor", {"code": wrong}).status_code == 429


# --- 4. The session is renewed at login; cookie flags --------------------------------------------------------

def test_login_renews_the_session(app, browser):
    seeker = f.user()
    browser.get("/auth/login")
    with browser.client.session_transaction() as session:
        session["planted"] = "by someone before the login"
        csrf_before = session.get("csrf_token")
    before = browser.client.get_cookie("session").value
    browser.login(seeker.email, f.PASSWORD)
    after = browser.client.get_cookie("session").value
    assert after != before
    with browser.client.session_transaction() as session:
        assert "planted" not in session and session.get("_user_id")
        assert session.get("csrf_token") != csrf_before
    assert not _logged_in(_second_browser(app)) and not _logged_in(_with_cookie(app, before))


def _with_cookie(app, value):
    other = Browser(app, app.test_client())
    other.client.set_cookie("session", value)
    return other


def test_session_cookie_is_httponly_and_samesite_lax(app, browser, monkeypatch):
    cookie = browser.get("/auth/login").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    cookie = _second_browser(app).get("/auth/login").headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secure_cookie_is_switched_on_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "1")
    assert from_environment(str(tmp_path))["SESSION_COOKIE_SECURE"] is True


# --- 5. Second factor -----------------------------------------------------------------------------------------

SECRET_ON_PAGE = re.compile(r'<code class="secret" dir="ltr">([A-Z2-7]+)</code>')


def _password_step(browser, user):
    response = browser.submit("/auth/login", {"email": user.email, "password": f.PASSWORD})
    assert response.status_code == 302
    return response.headers["Location"]


def _nothing_reachable(browser):
    for url in ("/caseworker/", "/admin/", "/auth/password"):
        response = browser.get(url)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], url


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ADMIN])
def test_staff_without_a_second_factor_must_enrol_before_anything_else(browser, role):
    staff = f.user(role, totp_secret=None)
    assert _password_step(browser, staff).endswith("/auth/two-factor/setup")
    _nothing_reachable(browser)
    page = browser.get("/auth/two-factor/setup").get_data(as_text=True)
    secret = SECRET_ON_PAGE.search(page).group(1)
    assert "otpauth://totp/Jobbrygga:" in page and f"secret={secret}" in page
    assert re.search(r'<img src="data:image/svg\+xml', page), "the QR code is drawn here, not by a service"
    assert not re.search(r'src="https?:', page)
    wrong = f"{(int(pyotp.TOTP(secret).now()) + 500000) % 1000000:06d}"
    assert browser.submit("/auth/two-factor/setup", {"code": wrong}).status_code == 200
    _nothing_reachable(browser)
    response = browser.submit("/auth/two-factor/setup", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert browser.get("/caseworker/").status_code == 200
    db.session.refresh(staff)
    assert staff.totp_secret == secret


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ADMIN])
def test_staff_must_type_a_valid_code(browser, role):
    staff = f.user(role)
    assert _password_step(browser, staff).endswith("/auth/two-factor")
    _nothing_reachable(browser)
    with browser.client.session_transaction() as session:
        assert "_user_id" not in session  # login_user has not happened: only the pending id is kept
    totp = pyotp.TOTP(f.STAFF_TOTP_SECRET)
    for bad in ("", "12345", "abcdef", f"{(int(totp.now()) + 500000) % 1000000:06d}", totp.now() + "0"):
        assert browser.submit("/auth/two-factor", {"code": bad}).status_code == 200, bad
        _nothing_reachable(browser)
    assert browser.submit("/auth/two-factor", {"code": totp.now()}).status_code == 302
    assert browser.get("/caseworker/").status_code == 200
    db.session.refresh(staff)
    assert staff.last_login_at is not None


def test_codes_in_other_scripts_and_with_spaces_are_read(browser):
    secret = f.STAFF_TOTP_SECRET
    code = pyotp.TOTP(secret).now()
    arabic_indic = code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    for typed in (code, f"{code[:3]} {code[3:]}", arabic_indic, persian):
        assert two_factor.code_step(secret, typed) is not None, typed
    assert two_factor.code_step(secret, "½" * 6) is None
    assert two_factor.code_step(None, code) is None
    assert two_factor.code_step("SHORT", code) is None and two_factor.code_step("not base32!", code) is None


def test_the_code_step_expires(browser):
    staff = f.user(Role.CASEWORKER)
    _password_step(browser, staff)
    with browser.client.session_transaction() as session:
        session["pending_login"] = {**session["pending_login"], "at": session["pending_login"]["at"] - 3600}
    response = browser.submit("/auth/two-factor", {"code": pyotp.TOTP(f.STAFF_TOTP_SECRET).now()},
                              page="/auth/login")
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/login")
    assert browser.get("/caseworker/").status_code == 302


def test_staff_whose_second_factor_was_removed_are_sent_to_enrol(browser):
    staff = f.user(Role.CASEWORKER)
    browser.login(staff.email, f.PASSWORD)
    staff.totp_secret = None
    db.session.commit()
    response = browser.get("/caseworker/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/two-factor/setup")


def test_reset_two_factor_command(browser, runner):
    staff = f.user(Role.CASEWORKER)
    browser.login(staff.email, f.PASSWORD)
    result = runner.invoke(args=["reset-two-factor", staff.email])
    assert result.exit_code == 0, result.output
    db.session.refresh(staff)
    assert staff.totp_secret is None and not _logged_in(browser)
    assert runner.invoke(args=["reset-two-factor", "ingen@example.se"]).exit_code != 0


def test_employers_may_turn_on_a_second_factor(browser):
    employer = f.member(f.organisation())
    assert _password_step(browser, employer).endswith("/organisation/")  # optional: straight in
    page = browser.get("/auth/two-factor/setup").get_data(as_text=True)
    secret = SECRET_ON_PAGE.search(page).group(1)
    enrolled_with = pyotp.TOTP(secret).now()
    # From a logged-in session the password is asked again (re-authentication, red team's "also seen").
    assert browser.submit("/auth/two-factor/setup", {"current_password": f.PASSWORD, "code": enrolled_with}
                          ).status_code == 302
    browser.logout()
    assert _password_step(browser, employer).endswith("/auth/two-factor")
    assert browser.get("/organisation/").status_code == 302
    assert browser.submit("/auth/two-factor", {"code": enrolled_with}).status_code == 200  # used up already
    next_code = pyotp.TOTP(secret).at(time.time() + 30)
    assert browser.submit("/auth/two-factor", {"code": next_code}).status_code == 302
    assert browser.get("/organisation/").status_code == 200


def test_a_code_works_once(app, browser):
    """RFC 6238 §5.2: a code seen over someone's shoulder, or an older one, does not let anyone in again."""
    staff = f.user(Role.CASEWORKER)
    totp = pyotp.TOTP(f.STAFF_TOTP_SECRET)
    code = totp.now()
    _password_step(browser, staff)
    assert browser.submit("/auth/two-factor", {"code": code}).status_code == 302
    onlooker = _second_browser(app)
    _password_step(onlooker, staff)
    for used_or_older in (code, totp.at(time.time() - 30)):
        response = onlooker.submit("/auth/two-factor", {"code": used_or_older})
        assert response.status_code == 200 and "Koden stämmer inte" in response.get_data(as_text=True)
    assert not _logged_in(onlooker)
    assert onlooker.submit("/auth/two-factor", {"code": totp.at(time.time() + 30)}).status_code == 302  # a newer one
    assert _logged_in(browser)  # the first session is untouched


def test_the_same_code_sent_twice_at_the_same_moment_logs_in_once(app):
    staff = f.user(Role.CASEWORKER)
    browsers = [_second_browser(app) for _ in range(2)]
    for each in browsers:
        _password_step(each, staff)
    code = pyotp.TOTP(f.STAFF_TOTP_SECRET).now()
    data = [{"csrf_token": each.token("/auth/two-factor"), "code": code} for each in browsers]
    start, statuses = threading.Barrier(2), []

    def send(each, form):
        with app.app_context():
            start.wait()
            statuses.append(each.client.post("/auth/two-factor", data=form).status_code)
            db.session.remove()

    threads = [threading.Thread(target=send, args=pair) for pair in zip(browsers, data)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(statuses) == [200, 302]


def test_demo_staff_have_the_documented_key_and_demo_organisations_are_vetted():
    from app.services.demo import DEMO_DOMAIN, DEMO_TOTP_SECRET, seed_demo

    seed_demo()
    staff = db.session.scalars(select(User).where(User.role.in_([Role.CASEWORKER, Role.ADMIN]))).all()
    assert staff and {user.totp_secret for user in staff} == {DEMO_TOTP_SECRET}
    assert two_factor.code_step(DEMO_TOTP_SECRET, pyotp.TOTP(DEMO_TOTP_SECRET).now()) is not None
    assert all(user.email.endswith(DEMO_DOMAIN) for user in staff)
    assert db.session.scalar(select(func.count()).where(Organisation.vetted_at.is_(None),
                                                        Organisation.members.any())) == 0


# --- 6. Password reset by e-mail ------------------------------------------------------------------------------

def _ask_for_reset(browser, caplog, email):
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = browser.submit("/auth/reset", {"email": email})
        jobqueue.wait_for_background()  # the mail is sent after the answer (red team 5)
    mails = [r.getMessage() for r in caplog.records if "Subject:" in r.getMessage()]
    return response, mails


def _link_in(mail: str) -> str:
    return re.search(r"https?://[^/\s]+(/auth/reset/[\w.\-]+)", mail).group(1)


def test_reset_answers_the_same_whether_or_not_the_account_exists(app, caplog):
    seeker = f.user()
    answers = {}
    for email in (seeker.email, "finns.inte@example.se"):
        browser = _second_browser(app)
        response, mails = _ask_for_reset(browser, caplog, email)
        page = browser.get(response.headers["Location"]).get_data(as_text=True)  # with the message shown
        answers[email] = (response.status_code, response.headers["Location"],
                          re.sub(r'name="csrf_token"[^>]*>|data-csrf="[^"]*"', "", page), len(mails))
    assert answers[seeker.email][:3] == answers["finns.inte@example.se"][:3]
    assert answers[seeker.email][3] == 1 and answers["finns.inte@example.se"][3] == 0


def test_a_reset_link_works_once(app, browser, caplog):
    seeker = f.user()
    logged_in_elsewhere = _second_browser(app)
    logged_in_elsewhere.login(seeker.email, f.PASSWORD)
    _, mails = _ask_for_reset(browser, caplog, seeker.email)
    link = _link_in(mails[0])
    assert browser.get(link).status_code == 200
    response = browser.submit(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/login")
    assert not _logged_in(logged_in_elsewhere), "a reset ends every session"
    browser.login(seeker.email, NEW_PASSWORD)
    browser.logout()
    # The same link again: refused, nothing changes.
    assert browser.get(link).headers["Location"].endswith("/auth/reset")
    again = browser.submit(link, {"password": "fyra blå båtar i viken", "confirm": "fyra blå båtar i viken"},
                           page="/auth/reset")
    assert again.status_code == 302 and again.headers["Location"].endswith("/auth/reset")
    db.session.refresh(seeker)
    assert seeker.check_password(NEW_PASSWORD)


def test_old_forged_or_foreign_tokens_fail(app, browser, monkeypatch):
    seeker, other = f.user(), f.user()
    token = password_reset.make_token(seeker)
    assert password_reset.user_for_token(token) == seeker
    assert password_reset.user_for_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB")) is None
    assert password_reset.user_for_token(password_reset.make_token(other)) == other != seeker
    foreign = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="another.purpose").dumps(
        {"user": seeker.id, "password": password_reset._fingerprint(seeker)})
    assert password_reset.user_for_token(foreign) is None
    other_key = URLSafeTimedSerializer("another-secret-key", salt=password_reset.SALT).dumps(
        {"user": seeker.id, "password": password_reset._fingerprint(seeker)})
    assert password_reset.user_for_token(other_key) is None
    monkeypatch.setattr(password_reset, "MAX_AGE_SECONDS", -1)  # older than an hour
    assert password_reset.user_for_token(token) is None
    monkeypatch.undo()
    seeker.set_password(NEW_PASSWORD)  # an older link dies when the password changes in any way
    db.session.commit()
    assert password_reset.user_for_token(token) is None
    response = browser.get(f"/auth/reset/{token}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/reset")


class FakeSMTP:
    sent = []

    def __init__(self, host, port, timeout=None):
        self.host, self.port, self.calls = host, port, []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, context=None):
        self.calls.append(("starttls", context is not None))

    def login(self, user, password):
        self.calls.append(("login", user, password))

    def send_message(self, message):
        FakeSMTP.sent.append((self, message))


def test_reset_mail_goes_through_the_configured_smtp_server(app, browser, monkeypatch):
    import smtplib

    FakeSMTP.sent = []
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    for key, value in {"MAIL_SERVER": "smtp.example.se", "MAIL_PORT": 2525, "MAIL_USERNAME": "jobbrygga",
                       "MAIL_PASSWORD": "smtp-secret", "MAIL_USE_TLS": True,
                       "MAIL_FROM": "Jobbrygga <noreply@kommun.example.se>",
                       "PUBLIC_URL": "https://jobbrygga.kommun.example.se"}.items():
        monkeypatch.setitem(app.config, key, value)
    seeker = f.user()
    browser.submit("/auth/reset", {"email": seeker.email})
    jobqueue.wait_for_background()
    [(smtp, message)] = FakeSMTP.sent
    assert (smtp.host, smtp.port) == ("smtp.example.se", 2525)
    assert smtp.calls == [("starttls", True), ("login", "jobbrygga", "smtp-secret")]
    assert message["To"] == seeker.email and "noreply@kommun.example.se" in message["From"]
    body = message.get_content()
    # The link is built from PUBLIC_URL, never from the Host header the request came with.
    assert "https://jobbrygga.kommun.example.se/auth/reset/" in body and "localhost" not in body


def test_behind_a_proxy_the_forwarded_address_is_throttled(app):
    from app import create_app

    proxied = create_app({**{k: app.config[k] for k in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI")},
                          "TRUSTED_PROXIES": 1})
    with proxied.app_context():
        browser = Browser(proxied, proxied.test_client())
        proxy = {"REMOTE_ADDR": "10.0.0.1"}  # every request arrives from the proxy
        for n in range(10):
            response = browser.submit("/auth/login", {"email": f"gissning{n}@example.se", "password": WRONG},
                                      environ_base=proxy, headers={"X-Forwarded-For": "198.51.100.77"})
            assert response.status_code == 200
        assert browser.submit("/auth/login", {"email": "gissning10@example.se", "password": WRONG},
                              environ_base=proxy, headers={"X-Forwarded-For": "198.51.100.77"}).status_code == 429
        # Another client behind the same proxy is not locked out by the first one's attempts …
        assert browser.submit("/auth/login", {"email": "gissning11@example.se", "password": WRONG},
                              environ_base=proxy, headers={"X-Forwarded-For": "198.51.100.78"}).status_code == 200
        # … and a client cannot escape by sending its own X-Forwarded-For: only the proxy's last hop counts.
        assert browser.submit("/auth/login", {"email": "gissning12@example.se", "password": WRONG},
                              environ_base=proxy, headers={"X-Forwarded-For": "1.2.3.4, 198.51.100.77"}
                              ).status_code == 429
        db.session.remove()
        db.engine.dispose()


def test_passwords_are_hashed_with_argon2id_at_full_cost_outside_the_tests(app):
    """The suite runs argon2id at its cheapest; a real app uses the library's RFC 9106 parameters."""
    from app.models.user import password_hasher

    test_hash = password_hasher().hash(NEW_PASSWORD)
    app.config["PASSWORD_HASH_PARAMETERS"], saved = None, app.config["PASSWORD_HASH_PARAMETERS"]
    try:
        user = User(email="hash@example.se", role=Role.JOBSEEKER)
        user.set_password(NEW_PASSWORD)
    finally:
        app.config["PASSWORD_HASH_PARAMETERS"] = saved
    assert user.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert test_hash.startswith("$argon2id$")
    assert user.check_password(NEW_PASSWORD) and not user.check_password(WRONG)
    assert "PASSWORD_HASH_PARAMETERS" not in from_environment("/tmp")
