"""Faults: the database goes away and comes back; a form is sent twice."""
import glob
import os
import shutil
import threading
from datetime import date, timedelta

import argon2.profiles
import pytest
from sqlalchemy import func, select

from app import create_app
from app.extensions import db
from app.models import Opportunity
from app.services.taxonomy_import import import_taxonomy
from tests import factories as f
from tests.conftest import Browser
from tests.forms_under_test import opportunity_form, places_titled
from tests.databases import Postgres

START = date.today() + timedelta(weeks=6)


# ---------------------------------------------------------------- a PostgreSQL server of the test's own

@pytest.fixture
def postgres():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or ([shutil.which("initdb")] if shutil.which(
        "initdb") else [])
    if not found:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql")
    server = Postgres(os.path.dirname(found[-1]))
    server.start()
    yield server
    server.remove()


@pytest.fixture
def app_on(postgres):
    """The app on the test's own server: a second app, so the suite's database stays out of it."""
    app = create_app({"TESTING": True, "PASSWORD_HASH_PARAMETERS": argon2.profiles.CHEAPEST,
                      "SECRET_KEY": "test-secret-key-that-is-long-enough", "SQLALCHEMY_DATABASE_URI": postgres.url})
    with app.app_context():
        db.create_all()
        import_taxonomy(types={"municipality", "county"})  # the opportunity form's places
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_database_down_answers_503_with_the_friendly_page_and_recovers_without_restart(app_on, postgres):
    with app_on.app_context():
        seeker = f.user()
        f.profile(seeker)
        email = seeker.email
    browser = Browser(app_on, app_on.test_client())
    browser.login(email, f.PASSWORD)
    assert browser.get("/me/").status_code == 200

    postgres.stop()
    for url in ("/me/", "/me/profile", "/auth/login"):
        response = browser.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 503, (url, html[:500])
        assert response.headers["Retry-After"] == "30"
        assert "<h1>" in html and 'href="/"' in html  # the friendly page, in the person's language
        assert "Traceback" not in html and "psycopg" not in html and "OperationalError" not in html

    postgres.start()  # the same app object: no restart
    response = browser.get("/me/")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert browser.get("/me/profile").status_code == 200  # still logged in


def test_a_write_while_the_database_is_down_leaves_nothing_half_done(app_on, postgres):
    with app_on.app_context():
        org = f.organisation()
        employer = f.member(org)
        email = employer.email
    browser = Browser(app_on, app_on.test_client())
    browser.login(email, f.PASSWORD)
    page = browser.get("/organisation/opportunities/new", follow_redirects=True).get_data(as_text=True)
    data = opportunity_form(page, "Trainee under driftstörningen")
    postgres.stop()
    assert browser.post("/organisation/opportunities/new", data=data).status_code == 503
    postgres.start()
    with app_on.app_context():
        assert db.session.scalar(select(func.count()).select_from(Opportunity)) == 0
    response = browser.post("/organisation/opportunities/new", data=data)  # sent again once it is back
    assert response.status_code == 302
    with app_on.app_context():
        assert db.session.scalar(select(func.count()).select_from(Opportunity)) == 1


# ---------------------------------------------------------------- double submissions

def test_the_same_form_sent_twice_saves_one_opportunity(browser):
    employer = f.member(f.organisation())
    browser.login(employer.email, f.PASSWORD)
    data = opportunity_form(browser.get("/organisation/opportunities/new", follow_redirects=True).get_data(as_text=True), "Trainee lager")
    first = browser.post("/organisation/opportunities/new", data=data)
    second = browser.post("/organisation/opportunities/new", data=data)
    assert first.status_code == 302 and "/organisation/opportunities/" in first.headers["Location"]
    # The same form again finds the place it saved (its key is stored with it): no second place.
    assert second.status_code == 302 and second.headers["Location"] == first.headers["Location"]
    assert places_titled("Trainee lager") == 1

    # A new page has a new token: posting a second, similar opportunity on purpose works.
    again = opportunity_form(browser.get("/organisation/opportunities/new", follow_redirects=True).get_data(as_text=True), "Trainee lager")
    assert again["once"] != data["once"]
    assert browser.post("/organisation/opportunities/new", data=again).status_code == 302
    assert places_titled("Trainee lager") == 2


def test_a_form_that_failed_validation_can_be_sent_again_with_its_token(browser):
    employer = f.member(f.organisation())
    browser.login(employer.email, f.PASSWORD)
    data = opportunity_form(browser.get("/organisation/opportunities/new", follow_redirects=True).get_data(as_text=True), "Trainee kök")
    response = browser.post("/organisation/opportunities/new", data={**data, "seats": "0"})
    assert response.status_code == 200  # errors shown, nothing saved, the token not used up
    assert browser.post("/organisation/opportunities/new", data=data).status_code == 302
    assert places_titled("Trainee kök") == 1


def test_two_identical_submissions_at_the_same_moment_save_one(app, browser):
    employer = f.member(f.organisation())
    browser.login(employer.email, f.PASSWORD)
    data = opportunity_form(browser.get("/organisation/opportunities/new", follow_redirects=True).get_data(as_text=True), "Trainee samtidigt")
    cookie = browser.client.get_cookie("session")
    clients = []
    for _ in range(2):
        client = app.test_client()
        client.set_cookie(cookie.key, cookie.value, domain=cookie.domain or "localhost")
        clients.append(client)
    start, statuses = threading.Barrier(2), []

    def send(client):
        with app.app_context():
            start.wait()
            statuses.append(client.post("/organisation/opportunities/new", data=data).status_code)
            db.session.remove()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert statuses == [302, 302]
    assert places_titled("Trainee samtidigt") == 1
