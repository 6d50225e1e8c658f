"""Regression tests for what the red-team test of the running service found (issue 13), one section per finding.

Each test failed on the code the red team attacked and passes now; the findings' numbers are the issue's.
"""
import logging
import re
import shutil
import subprocess
import threading
import time

import pytest

from sqlalchemy import func, select

from app.background import jobqueue
from app.services import suggestions
from app.extensions import db
from app.models import AuditEvent, JobseekerProfile, Match, Role, User
from tests import factories as f
from tests.conftest import Browser, csrf_token
from tests.servers import free_port

WRONG = "inte rätt lösenord alls"


# ---------------------------------------------------------------- 9. crafted input gave 500s

def test_9_next_with_cr_lf_is_dropped_not_a_500_after_login(browser):
    account = f.user()
    token = browser.token("/auth/login")
    response = browser.post("/auth/login?next=/%0D%0ASet-Cookie:%20evil=1",
                            data={"csrf_token": token, "email": account.email, "password": f.PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/me/" and "evil" not in str(response.headers)


def test_9_language_switch_with_cr_lf_in_next_goes_home(browser):
    token = browser.token("/")
    response = browser.post("/language/en", data={"csrf_token": token, "next": "/auth/login\r\nSet-Cookie: x=1"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    response = browser.post("/language/en", data={"csrf_token": token, "next": "/auth/login\x00\t"})
    assert response.status_code in (302, 400)


def test_9_non_finite_experience_years_are_refused_with_a_message(browser):
    account = f.user()
    browser.login(account.email, f.PASSWORD)
    for bad in ("sNaN", "NaN", "Infinity", "-inf"):
        response = browser.submit("/me/profile", {
            "full_name": "Amal Hassan", "municipality_code": f.VASTERAS, "travel_km": "30",
            "experience-0-title": "Lager", "experience-0-years": bad, "wanted_occupations": "", "skills": ""})
        body = response.get_data(as_text=True)
        assert response.status_code == 200, (bad, body[:300])
        assert "Det är inte ett giltigt decimaltal." in body, bad
    db.session.expire_all()
    assert db.session.get(User, account.id).profile is None


# ---------------------------------------------------------------- 3. reset links followed the Host header

def _reset_mails(browser, caplog, email, host="localhost"):
    token = csrf_token(browser.get("/auth/reset", headers={"Host": host}).get_data(as_text=True))
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = browser.post("/auth/reset", data={"csrf_token": token, "email": email}, headers={"Host": host})
        jobqueue.wait_for_background()
    return response, [r.getMessage() for r in caplog.records if "Subject:" in r.getMessage()]


def test_3_a_forged_host_header_never_reaches_a_reset_link(app, browser, caplog):
    seeker = f.user()
    response, mails = _reset_mails(browser, caplog, seeker.email, host="evil.example")
    assert response.status_code == 302  # the same answer as always …
    assert not any("evil.example" in mail for mail in mails)  # … but no link to the forged host
    assert any("PUBLIC_URL" in r.getMessage() for r in caplog.records)  # and the log says what to configure


def test_3_public_url_wins_over_the_host_header(app, browser, caplog, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://jobbrygga.vasteras.se")
    seeker = f.user()
    _, [mail] = _reset_mails(browser, caplog, seeker.email, host="evil.example")
    assert "https://jobbrygga.vasteras.se/auth/reset/" in mail and "evil.example" not in mail


def test_3_trusted_hosts_refuse_other_hosts(app, browser, caplog, monkeypatch):
    monkeypatch.setitem(app.config, "TRUSTED_HOSTS", ["jobbrygga.vasteras.se"])
    seeker = f.user()
    assert browser.get("/auth/reset", headers={"Host": "evil.example"}).status_code == 400
    token = csrf_token(browser.get("/auth/reset", headers={"Host": "jobbrygga.vasteras.se"}).get_data(as_text=True))
    caplog.clear()
    with caplog.at_level(logging.INFO):
        browser.post("/auth/reset", data={"csrf_token": token, "email": seeker.email},
                     headers={"Host": "jobbrygga.vasteras.se"})
        jobqueue.wait_for_background()
    [mail] = [r.getMessage() for r in caplog.records if "Subject:" in r.getMessage()]
    assert "http://jobbrygga.vasteras.se/auth/reset/" in mail


# ---------------------------------------------------------------- 5. user enumeration

class SlowSMTP:
    """An SMTP server that takes half a second per message, as the red team's did."""

    sent = []

    def __init__(self, host, port, timeout=None):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, context=None):
        pass

    def send_message(self, message):
        time.sleep(0.5)
        SlowSMTP.sent.append(message)


def test_5_reset_answers_as_fast_for_an_existing_account_when_smtp_is_slow(app, browser, monkeypatch):
    import smtplib

    monkeypatch.setattr(smtplib, "SMTP", SlowSMTP)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.se")
    SlowSMTP.sent = []
    seeker = f.user()
    took = {}
    for email in (seeker.email, "finns.inte@example.se"):
        token = browser.token("/auth/reset")
        started = time.perf_counter()
        response = browser.post("/auth/reset", data={"csrf_token": token, "email": email})
        took[email] = time.perf_counter() - started
        assert response.status_code == 302
    jobqueue.wait_for_background()
    assert len(SlowSMTP.sent) == 1  # the mail did go out, after the answer
    assert took[seeker.email] < 0.3 and took["finns.inte@example.se"] < 0.3, took


def _register(app, caplog, email, address="192.0.2.10"):
    browser = Browser(app, app.test_client())
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = browser.submit("/auth/register", {"locale": "sv", "full_name": "Ny Person", "email": email},
                                  environ_base={"REMOTE_ADDR": address})
        jobqueue.wait_for_background()
    page = browser.get(response.headers.get("Location", "/auth/register")).get_data(as_text=True)
    mails = [r.getMessage() for r in caplog.records if "Subject:" in r.getMessage()]
    return browser, response, re.sub(r'name="csrf_token"[^>]*>|data-csrf="[^"]*"|[\w.]+@example\.se', "", page), mails


def test_5_registration_answers_the_same_whether_or_not_the_address_has_an_account(app, caplog):
    existing = f.user(email="finns@example.se")
    _, old_response, old_page, [old_mail] = _register(app, caplog, existing.email)
    browser, new_response, new_page, [new_mail] = _register(app, caplog, "ny@example.se")
    assert (old_response.status_code, old_response.headers["Location"], old_page) == \
        (new_response.status_code, new_response.headers["Location"], new_page)
    assert "already have an account" in old_mail or "redan ett konto" in old_mail
    assert "/auth/register/" not in old_mail
    db.session.refresh(existing)
    assert existing.check_password(f.PASSWORD)  # nothing about the existing account changed
    # The new address's mail holds the link that completes the account; only then does the account exist.
    assert db.session.scalar(select(User).where(User.email == "ny@example.se")) is None
    link = re.search(r"https?://[^/\s]+(/auth/register/[\w.\-]+)", new_mail).group(1)
    response = browser.submit(link, {"password": "tre gröna cyklar vid älven", "confirm": "tre gröna cyklar vid älven"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/profile")
    created = db.session.scalar(select(User).where(User.email == "ny@example.se"))
    assert created.role == "jobseeker" and created.full_name == "Ny Person"
    browser.logout()
    assert browser.get(link).headers["Location"].endswith("/auth/register")  # the link works once


def test_5_registration_is_rate_limited_per_address_and_per_e_mail(app, caplog, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTER_RATE_LIMIT", "5 per hour")
    statuses = [_register(app, caplog, f"person{n}@example.se")[1].status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    statuses = [_register(app, caplog, "samma@example.se", address=f"198.51.100.{n}")[1].status_code
                for n in range(4)]
    assert statuses == [302] * 3 + [429]


# ---------------------------------------------------------------- 6. anyone could lock any account

def _attempt(browser, email, address, password=WRONG):
    return browser.submit("/auth/login", {"email": email, "password": password}, environ_base={"REMOTE_ADDR": address})


def test_6_others_wrong_passwords_never_lock_the_owner_out(app, browser):
    owner = f.user()
    browser.login(owner.email, f.PASSWORD)  # the owner's own browser: it has logged in before
    browser.logout()
    attacker = Browser(app, app.test_client())
    for n in range(30):  # from many addresses, as the red team did
        assert _attempt(attacker, owner.email, f"198.51.100.{n + 1}").status_code in (200, 429)
    # The owner, from the browser they always use: straight in.
    assert _attempt(browser, owner.email, "192.0.2.50", f.PASSWORD).status_code == 302
    browser.logout()
    # From a new browser: at most a short wait (Retry-After), never minutes, then in.
    fresh = Browser(app, app.test_client())
    response = _attempt(fresh, owner.email, "192.0.2.51", f.PASSWORD)
    if response.status_code == 429:
        wait = int(response.headers["Retry-After"])
        assert 1 <= wait <= 60
        time.sleep(wait + 0.1)
        response = _attempt(fresh, owner.email, "192.0.2.51", f.PASSWORD)
    assert response.status_code == 302


def test_6_an_accounts_guesses_from_many_addresses_meet_growing_delays(app):
    victim = f.user()
    attacker = Browser(app, app.test_client())
    for n in range(10):
        assert _attempt(attacker, victim.email, f"203.0.113.{n + 1}").status_code == 200
    first = _attempt(attacker, victim.email, "203.0.113.50")
    assert first.status_code == 429 and first.headers["Retry-After"] == "1"
    time.sleep(1.1)
    assert _attempt(attacker, victim.email, "203.0.113.51").status_code == 200  # checked, and wrong
    second = _attempt(attacker, victim.email, "203.0.113.52")
    assert second.status_code == 429 and second.headers["Retry-After"] == "2"


def test_6_one_address_is_still_refused_after_the_limit(browser):
    for n in range(10):
        assert _attempt(browser, f"gissning{n}@example.se", "203.0.113.7").status_code == 200
    assert _attempt(browser, "gissning10@example.se", "203.0.113.7").status_code == 429
    assert _attempt(browser, f.user().email, "203.0.113.8", f.PASSWORD).status_code == 302


# ---------------------------------------------------------------- also seen: throttling with Redis, in parallel

@pytest.fixture
def redis_server(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                                "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        from redis import Redis

        for _ in range(100):
            try:
                Redis.from_url(url).ping()
                break
            except Exception:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def _login_in_parallel(base: str, email: str, attempts: int) -> list[int]:
    """attempts wrong logins from one address, sent at the same moment, each with its own session and token."""
    import http.cookiejar
    import urllib.error
    import urllib.parse
    import urllib.request

    barrier = threading.Barrier(attempts)
    statuses = []

    def one():
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with opener.open(f"{base}/auth/login", timeout=30) as page:
            token = csrf_token(page.read().decode())
        body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": WRONG}).encode()
        barrier.wait(30)
        try:
            with opener.open(f"{base}/auth/login", data=body, timeout=60) as answer:
                statuses.append(answer.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
            error.close()

    threads = [threading.Thread(target=one) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return statuses


def test_parallel_attempts_on_several_workers_sharing_redis_cannot_exceed_the_limit(app, tmp_path, redis_server):
    from app import create_app
    from tests.servers import create_schema, gunicorn

    url = f"sqlite:///{tmp_path / 'workers.sqlite3'}"
    create_schema(url)
    other = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": url,
                        "PASSWORD_HASH_PARAMETERS": app.config["PASSWORD_HASH_PARAMETERS"]})
    with other.app_context():
        victim = User(email="offer@example.se", role="jobseeker", full_name="Offer")
        victim.set_password(f.PASSWORD)
        db.session.add(victim)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    with gunicorn(url, REDIS_URL=redis_server, WEB_CONCURRENCY="3", ADMISSION_ACTIVE="32",
                  LOGIN_RATE_LIMIT="10 per 5 minutes") as (base, process):
        statuses = _login_in_parallel(base, "offer@example.se", 30)
    process.communicate(timeout=60)
    assert len(statuses) == 30 and set(statuses) <= {200, 429}, statuses
    assert statuses.count(200) <= 10, f"{statuses.count(200)} wrong passwords were checked, the limit is 10"


# ---------------------------------------------------------------- 1. protected identity lifted by a colleague

PROTECTED_PHONE = "+46 70 999 88 77"


def _protected_world():
    assigned = f.user(Role.CASEWORKER, locale="en")
    colleague = f.user(Role.CASEWORKER, locale="en")
    person = f.profile(f.user(email="skyddad.person@example.se"), phone=PROTECTED_PHONE, protected_identity=True,
                       caseworker_id=assigned.id)
    return assigned, colleague, person


def _shows_contact(browser, person) -> bool:
    page = browser.get(f"/caseworker/people/{person.id}").get_data(as_text=True)
    return PROTECTED_PHONE in page or "skyddad.person@example.se" in page


def test_1_a_colleague_cannot_take_on_or_assign_a_protected_person_to_read_the_contact(browser):
    assigned, colleague, person = _protected_world()
    browser.login(colleague.email, f.PASSWORD)
    page = f"/caseworker/people/{person.id}"
    assert 'action="/caseworker/people/%d/take-on"' % person.id not in browser.get(page).get_data(as_text=True)
    for url, data in ((f"/caseworker/people/{person.id}/take-on", {"reason": "Jag tar över"}),
                      (f"/caseworker/people/{person.id}/assign", {"caseworker": colleague.id, "reason": "Jag"})):
        browser.submit(url, data, page=page)
        db.session.refresh(person)
        assert person.caseworker_id == assigned.id, url
    assert not _shows_contact(browser, person)
    browser.submit(f"/caseworker/people/{person.id}/protected-identity", {"reason": "vill se"}, page=page)
    db.session.refresh(person)
    assert person.protected_identity
    assert not _shows_contact(browser, person)


def test_1_the_assigned_caseworker_hands_over_with_a_reason_in_the_audit_trail(browser):
    assigned, colleague, person = _protected_world()
    browser.login(assigned.email, f.PASSWORD)
    page = f"/caseworker/people/{person.id}"
    browser.submit(f"/caseworker/people/{person.id}/assign", {"caseworker": colleague.id}, page=page)
    db.session.refresh(person)
    assert person.caseworker_id == assigned.id  # no reason, no handover
    browser.submit(f"/caseworker/people/{person.id}/assign",
                   {"caseworker": colleague.id, "reason": "Jag går på föräldraledighet"}, page=page)
    db.session.refresh(person)
    assert person.caseworker_id == colleague.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "caseworker_assign"))
    assert (event.actor_id, event.profile_id, event.detail) == (assigned.id, person.id, "Jag går på föräldraledighet")
    assert not _shows_contact(browser, person)  # the one who handed over no longer sees it either


def test_1_an_administrator_may_unmark_with_a_reason_but_never_sees_the_contact(browser):
    assigned, _colleague, person = _protected_world()
    admin = f.user(Role.ADMIN, locale="en")
    browser.login(admin.email, f.PASSWORD)
    assert not _shows_contact(browser, person)
    browser.submit(f"/caseworker/people/{person.id}/protected-identity", {"reason": "Beslut från Skatteverket"},
                   page=f"/caseworker/people/{person.id}")
    db.session.refresh(person)
    assert not person.protected_identity
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "caseworker_set_protected_identity"))
    assert event.actor_id == admin.id and event.detail == "Beslut från Skatteverket"


# ---------------------------------------------------------------- also seen: moving to another municipality

def test_moving_hands_the_case_over_and_the_notes_stay_with_the_municipality_that_wrote_them(browser):
    old_caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS, locale="en")
    new_caseworker = f.user(Role.CASEWORKER, municipality_code=f.ESKILSTUNA, locale="en")
    seeker = f.user()
    person = f.profile(seeker, caseworker_id=old_caseworker.id)
    browser.login(old_caseworker.email, f.PASSWORD)
    browser.submit(f"/caseworker/people/{person.id}/notes", {"text": "Samtal om truckkort i Västerås"},
                   page=f"/caseworker/people/{person.id}")
    browser.logout()

    browser.login(seeker.email, f.PASSWORD)
    response = browser.submit("/me/profile", {
        "full_name": person.full_name, "municipality_code": f.ESKILSTUNA, "travel_km": "30", "swedish_level": "B1",
        "languages-0-code": "ar", "languages-0-level": "native", "education_level": "",
        "wanted_occupations": "Lagerarbetare/Terminalarbetare", "skills": ""})
    assert response.status_code == 302, re.findall(r'class="error"[^>]*>([^<]*)', response.get_data(as_text=True))
    browser.logout()
    db.session.refresh(person)
    assert person.municipality_code == f.ESKILSTUNA and person.caseworker_id is None  # the old caseworker lets go

    browser.login(new_caseworker.email, f.PASSWORD)
    page = browser.get(f"/caseworker/people/{person.id}").get_data(as_text=True)
    assert "Moved here from Västerås" in page and "Take the person on" in page
    assert "truckkort" not in page  # the old municipality's note stayed there
    browser.submit(f"/caseworker/people/{person.id}/take-on", page=f"/caseworker/people/{person.id}")
    db.session.refresh(person)
    assert person.caseworker_id == new_caseworker.id
    browser.logout()

    browser.login(old_caseworker.email, f.PASSWORD)
    assert browser.get(f"/caseworker/people/{person.id}").status_code == 404


# ---------------------------------------------------------------- 2. a look-alike organisation reached people

def test_2_places_of_unapproved_organisations_are_never_matched(browser):
    from app.services import matching as matching_service

    real = f.organisation(name="Mälarverken Industri AB", org_number=f.VALID_ORG_NUMBERS[0])
    fake = f.organisation(name="Mälarverken Industri AB", org_number=f.VALID_ORG_NUMBERS[1], vetted=False,
                          municipality_code="2080")  # registered in Falun
    f.member(fake)
    fake_place = f.opportunity(fake, title="Trainee lagerarbetare Mälarverken")  # posted in Västerås
    real_place = f.opportunity(real)
    person = f.profile(f.user())
    assert fake_place not in matching_service.open_opportunities()
    suggestions.suggest_for_area(f.VASTERAS)  # the one suggestion service every road goes through
    suggested = set(db.session.scalars(select(Match.opportunity_id).where(Match.profile_id == person.id)))
    assert real_place.id in suggested and fake_place.id not in suggested


def test_2_vetting_counts_where_the_vetting_caseworker_works(browser):
    from app.services import matching as matching_service

    falun_caseworker = f.user(Role.CASEWORKER, municipality_code="2080")
    org = f.organisation(vetted=False, municipality_code="2080")
    f.member(org)
    place = f.opportunity(org, municipality_code=f.VASTERAS)
    browser.login(falun_caseworker.email, f.PASSWORD)
    browser.submit(f"/caseworker/organisations/{org.id}/approve", page="/caseworker/organisations")
    db.session.refresh(org)
    assert org.vetted_by_id == falun_caseworker.id
    assert place not in matching_service.open_opportunities()  # vetted in Falun, not for Västerås
    browser.logout()
    # Västerås, where it posts, sees it waiting … (a fresh organisation, as this one is now vetted once)
    other = f.organisation(vetted=False, municipality_code="2080")
    f.member(other)
    f.opportunity(other, municipality_code=f.VASTERAS)
    vasteras = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    browser.login(vasteras.email, f.PASSWORD)
    assert other.name in browser.get("/caseworker/organisations").get_data(as_text=True)
    browser.submit(f"/caseworker/organisations/{other.id}/approve", page="/caseworker/organisations")
    assert any(o.organisation_id == other.id for o in matching_service.open_opportunities())


def test_2_the_queue_shows_organisation_number_and_approval_and_look_alikes_are_flagged(browser):
    real = f.organisation(name="Mälarverken Industri AB", org_number=f.VALID_ORG_NUMBERS[0])
    fake = f.organisation(name="Malarverken industri", org_number=f.VALID_ORG_NUMBERS[1], vetted=False)
    f.member(fake)
    f.match(f.profile(f.user()), f.opportunity(real))
    caseworker = f.user(Role.CASEWORKER, locale="en")
    browser.login(caseworker.email, f.PASSWORD)
    queue = browser.get("/caseworker/").get_data(as_text=True)
    assert f.VALID_ORG_NUMBERS[0] in queue and "approved by the municipality" in queue
    page = browser.get("/caseworker/organisations").get_data(as_text=True)
    assert "The name looks like: Mälarverken Industri AB" in page


# ---------------------------------------------------------------- 7. anonymous candidates could be linked

def test_7_anonymous_references_are_opaque_per_place_and_years_are_ranges(browser):
    org = f.organisation()
    employer = f.member(org, locale="en")
    person = f.profile(f.user(), experience=[{"title": "Lager", "years": 3.5}])
    first, second = f.match(person, f.opportunity(org), status="approved"), \
        f.match(person, f.opportunity(org, title="Truckförare"), status="approved")
    browser.login(employer.email, f.PASSWORD)
    pages = [browser.get(f"/organisation/opportunities/{m.opportunity_id}").get_data(as_text=True)
             for m in (first, second)]
    references = [re.search(r"Candidate ([A-Z2-7]{4}-[A-Z2-7]{4})", page).group(1) for page in pages]
    assert references[0] != references[1]  # the same person is not the same reference on two places
    for page, m in zip(pages, (first, second)):
        assert f"Candidate {m.id}<" not in page  # no global match id (which also counted every match)
        assert "3–5 years" in page and "3.5" not in page  # a range, not the exact figure


# ---------------------------------------------------------------- 8. people without an account: copy and erasure

def test_8_a_caseworker_gives_a_person_without_account_a_copy_in_their_language_and_erases_them(browser):
    import json

    caseworker = f.user(Role.CASEWORKER, locale="sv")
    person = f.profile(None, full_name="Hodan Ali", phone="070-111 22 33",
                       languages=[{"code": "so", "level": "native"}], caseworker_id=caseworker.id)
    f.match(person, f.opportunity(), status="approved")
    browser.login(caseworker.email, f.PASSWORD)
    browser.submit(f"/caseworker/people/{person.id}/notes", {"text": "Första samtalet"},
                   page=f"/caseworker/people/{person.id}")
    page = browser.get(f"/caseworker/people/{person.id}/data")  # the person's own language: Somali
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and 'lang="so"' in body
    assert "Hodan Ali" in body and "070-111 22 33" in body and "Första samtalet" in body
    data = json.loads(browser.get(f"/caseworker/people/{person.id}/data.json?lang=en").get_data(as_text=True))
    assert data["profile"]["full_name"] == "Hodan Ali" and len(data["matches"]) == 1 and data["notes"]
    assert data["account"] is None and data["access_log"]
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.profile_id == person.id)))
    assert "caseworker_person_data" in actions

    person_id, caseworker_id = person.id, caseworker.id
    assert browser.submit(f"/caseworker/people/{person_id}/erase", {}).status_code == 200  # the box not ticked
    response = browser.submit(f"/caseworker/people/{person_id}/erase", {"confirm": "y"})
    assert response.status_code == 302
    db.session.expunge_all()
    assert db.session.get(JobseekerProfile, person_id) is None
    assert db.session.scalar(select(func.count()).select_from(Match)) == 0
    erased = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "caseworker_erase"))
    assert erased.actor_id == caseworker_id and erased.profile_id is None  # audited, detached from the person


def test_8_not_for_people_with_an_account_nor_another_municipality(browser):
    caseworker = f.user(Role.CASEWORKER)
    own = f.profile(f.user())
    elsewhere = f.profile(None, municipality_code=f.ESKILSTUNA)
    browser.login(caseworker.email, f.PASSWORD)
    assert browser.get(f"/caseworker/people/{own.id}/data").headers["Location"].endswith(f"/people/{own.id}")
    assert browser.submit(f"/caseworker/people/{own.id}/erase", {"confirm": "y"},
                          page=f"/caseworker/people/{own.id}").status_code == 302
    assert db.session.get(JobseekerProfile, own.id) is not None
    assert browser.get(f"/caseworker/people/{elsewhere.id}/data").status_code == 404
    assert browser.get(f"/caseworker/people/{elsewhere.id}/erase").status_code == 404


# ---------------------------------------------------------------- also seen: re-authentication

def test_enrolling_a_second_factor_from_a_session_asks_for_the_password(browser):
    import pyotp

    employer = f.member(f.organisation())
    browser.login(employer.email, f.PASSWORD)
    page = browser.get("/auth/two-factor/setup").get_data(as_text=True)
    secret = re.search(r'<code class="secret" dir="ltr">([A-Z2-7]+)</code>', page).group(1)
    assert 'name="current_password"' in page
    # A stolen session knows the code of its own app but not the password: nothing is enrolled.
    response = browser.submit("/auth/two-factor/setup", {"current_password": WRONG, "code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200
    db.session.refresh(employer)
    assert employer.totp_secret is None
    response = browser.submit("/auth/two-factor/setup", {"current_password": f.PASSWORD,
                                                          "code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    db.session.refresh(employer)
    assert employer.totp_secret == secret


def test_removing_the_second_factor_asks_for_the_password_and_staff_cannot(browser):
    employer = f.member(f.organisation(), totp_secret=f.STAFF_TOTP_SECRET)
    browser.login(employer.email, f.PASSWORD)
    browser.submit("/auth/two-factor/remove", {"current_password": WRONG}, page="/auth/password")
    db.session.refresh(employer)
    assert employer.totp_secret == f.STAFF_TOTP_SECRET
    browser.submit("/auth/two-factor/remove", {"current_password": f.PASSWORD}, page="/auth/password")
    db.session.refresh(employer)
    assert employer.totp_secret is None
    browser.logout()
    caseworker = f.user(Role.CASEWORKER)
    browser.login(caseworker.email, f.PASSWORD)
    browser.submit("/auth/two-factor/remove", {"current_password": f.PASSWORD}, page="/auth/password")
    db.session.refresh(caseworker)
    assert caseworker.totp_secret == f.STAFF_TOTP_SECRET


def test_changing_the_password_asks_for_the_current_one(browser):
    seeker = f.user()
    browser.login(seeker.email, f.PASSWORD)
    response = browser.submit("/auth/password", {"current_password": WRONG, "password": "fyra blå båtar i viken",
                                                 "confirm": "fyra blå båtar i viken"})
    assert response.status_code == 200
    db.session.refresh(seeker)
    assert seeker.check_password(f.PASSWORD)


# ---------------------------------------------------------------- also seen: erased people remained in backups

def test_backup_prune_keeps_backups_no_longer_than_the_privacy_page_promises(app, browser, runner, tmp_path):
    import os

    now = time.time()
    ages = {"2026-10-01.dump": 40, "2026-11-06.dump": 31, "2026-11-08.dump": 29, "today.dump": 0,
            ".2026-10-01.dump.abc.partial": 40}
    for name, days in ages.items():
        (tmp_path / name).write_bytes(b"backup")
        os.utime(tmp_path / name, (now - days * 86400, now - days * 86400))
    result = runner.invoke(args=["backup", "prune", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [".2026-10-01.dump.abc.partial", "2026-11-08.dump",
                                                          "today.dump"]
    assert "2 backup(s) older than 30 days" in result.output
    assert runner.invoke(args=["backup", "prune", str(tmp_path), "--keep-days", "0"]).exit_code != 0
    # … and the person is told so, with the same number.
    seeker = f.user(locale="en")
    f.profile(seeker)
    browser.login(seeker.email, f.PASSWORD)
    assert "copies in our backups are deleted too, within 30 days" in browser.get("/me/privacy").get_data(as_text=True)


def test_5_organisation_registration_is_rate_limited_per_address(app, browser, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTER_RATE_LIMIT", "2 per hour")
    statuses = [browser.submit("/auth/register/organisation", {"email": f"prov{n}@example.se"},
                               environ_base={"REMOTE_ADDR": "192.0.2.77"}).status_code for n in range(3)]
    assert statuses == [200, 200, 429]
