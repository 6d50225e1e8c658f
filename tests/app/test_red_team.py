"""Regression tests for what the red-team test of the running service found (issue 13), one section per finding.

Each test failed on the code the red team attacked and passes now; the findings' numbers are the issue's.
"""
from sqlalchemy import select

from app.extensions import db
from app.models import User
from tests import factories as f


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
