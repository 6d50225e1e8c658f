"""People under 18 are marked, and only a caseworker's explicit, ticked approval moves their suggestions on."""
from datetime import date

import pytest

from app.extensions import db
from app.models import Role
from app.services import cases
from app.services.profiles import is_minor
from tests import factories as f

YEAR = date.today().year


# Turning 18 this year: maybe still 17 today, so still a minor (only the birth year is known).
@pytest.mark.parametrize("age_by_year, minor", [(16, True), (17, True), (18, True), (19, False), (30, False),
                                                (None, False)])
def test_under_18_by_birth_year(age_by_year, minor):
    person = f.profile(f.user(), birth_year=None if age_by_year is None else YEAR - age_by_year)
    assert is_minor(person) is minor


def _suggestion(age):
    return f.match(f.profile(f.user(), birth_year=YEAR - age, full_name=f"Person {age}"), f.opportunity())


def test_minors_are_marked_in_the_queue(browser):
    minor, adult = _suggestion(18), _suggestion(19)
    caseworker = f.user(Role.CASEWORKER, locale="en")
    browser.login(caseworker.email, f.PASSWORD)
    page = browser.get("/caseworker/").get_data(as_text=True)
    cards = {m.id: page[page.index(m.profile.full_name):] for m in (minor, adult)}
    assert 'class="badge">Minor<' in cards[minor.id].split("</h2>")[0]
    assert "Minor" not in cards[adult.id].split("</h2>")[0]
    assert f'id="minor-{minor.id}"' in page and f'id="minor-{adult.id}"' not in page


def test_approving_a_minor_needs_the_box_ticked(browser):
    minor = _suggestion(16)
    caseworker = f.user(Role.CASEWORKER, locale="en")
    browser.login(caseworker.email, f.PASSWORD)
    browser.submit(f"/caseworker/matches/{minor.id}/decide", {"decision": "approved"}, page="/caseworker/")
    db.session.refresh(minor)
    assert minor.status == "suggested"
    assert "under 18" in browser.get("/caseworker/").get_data(as_text=True)

    browser.submit(f"/caseworker/matches/{minor.id}/decide", {"decision": "approved", "minor_checked": "y"},
                   page="/caseworker/")
    db.session.refresh(minor)
    assert minor.status == "approved"


def test_rejecting_a_minor_or_approving_an_adult_needs_no_box(browser):
    minor, adult = _suggestion(17), _suggestion(19)
    caseworker = f.user(Role.CASEWORKER)
    browser.login(caseworker.email, f.PASSWORD)
    browser.submit(f"/caseworker/matches/{minor.id}/decide", {"decision": "rejected", "reason": "skills"},
                   page="/caseworker/")
    browser.submit(f"/caseworker/matches/{adult.id}/decide", {"decision": "approved"}, page="/caseworker/")
    db.session.refresh(minor)
    db.session.refresh(adult)
    assert (minor.status, adult.status) == ("rejected", "approved")


def test_no_code_path_approves_a_minor_without_the_check():
    """Bulk or automatic approval would call the case service; it refuses."""
    minor = _suggestion(17)
    with pytest.raises(cases.MinorNeedsCheck):
        cases.move(minor, "approved", f.user(Role.CASEWORKER))
    db.session.refresh(minor)
    assert minor.status == "suggested"
