"""Consent to be introduced: recorded with the text version shown, and withdrawable until an outcome."""
import pytest
from flask_babel import force_locale
from sqlalchemy import select

from app.presentation.consent_texts import CONSENT_TEXT_VERSION, CONSENT_TEXTS
from app.extensions import db
from app.models import Consent, Role
from app.services import cases
from tests import factories as f

# Every version ever shown, with its exact English text. A changed sentence needs a new version.
PINNED_TEXTS = {
    "introduction-2025-1": "Do you want us to introduce you to the employer? "
                           "They will then see your name and contact details.",
}


def test_every_consent_version_keeps_its_exact_text(app):
    with app.test_request_context(), force_locale("en"):
        assert {version: str(text) for version, text in CONSENT_TEXTS.items()} == PINNED_TEXTS


def _approved(seats=2):
    me = f.user(locale="en")
    m = f.match(f.profile(me), f.opportunity(seats=seats), status="approved")
    return me, m


def test_saying_yes_records_consent_with_the_version_of_the_sentence_shown(browser):
    me, m = _approved()
    browser.login(me.email, f.PASSWORD)
    page = browser.get("/me/").get_data(as_text=True)
    assert PINNED_TEXTS[CONSENT_TEXT_VERSION] in page
    browser.submit(f"/me/matches/{m.id}/respond", {"answer": "yes"}, page="/me/")
    consent = db.session.scalars(select(Consent)).one()
    assert (consent.purpose, consent.text_version, consent.match_id, consent.profile_id) == (
        "introduction", CONSENT_TEXT_VERSION, m.id, m.profile_id)
    assert consent.given_at is not None and consent.withdrawn_at is None


def test_no_consent_is_kept_when_saying_no_or_when_no_seat_is_left(browser):
    me, m = _approved(seats=1)
    rival = f.match(f.profile(f.user()), m.opportunity, status="approved")
    cases.move(rival, "introduced", rival.profile.user)  # takes the only seat
    other = f.match(m.profile, f.opportunity(), status="approved")
    browser.login(me.email, f.PASSWORD)
    browser.submit(f"/me/matches/{m.id}/respond", {"answer": "yes"}, page="/me/")  # no seat left
    browser.submit(f"/me/matches/{other.id}/respond", {"answer": "no", "confirmed": "1"}, page="/me/")
    assert db.session.scalars(select(Consent)).all() == []
    db.session.refresh(m)
    assert m.status == "approved"


def test_withdrawing_declines_the_case_releases_the_seat_and_stamps_the_consent(browser):
    me, m = _approved(seats=1)
    browser.login(me.email, f.PASSWORD)
    browser.submit(f"/me/matches/{m.id}/respond", {"answer": "yes"}, page="/me/")
    db.session.refresh(m.opportunity)
    assert m.opportunity.seats_taken == 1
    assert "Take back my yes" in browser.get("/me/").get_data(as_text=True)

    response = browser.submit(f"/me/matches/{m.id}/withdraw", {"confirmed": "1"}, page="/me/")
    assert response.status_code == 302
    db.session.refresh(m)
    db.session.refresh(m.opportunity)
    consent = db.session.scalars(select(Consent)).one()
    assert m.status == "declined"
    assert m.opportunity.seats_taken == 0
    assert consent.withdrawn_at is not None
    assert [e.to_status for e in m.events][-1] == "declined"


def test_withdrawing_is_refused_once_the_employer_recorded_an_outcome(browser):
    me, m = _approved()
    browser.login(me.email, f.PASSWORD)
    browser.submit(f"/me/matches/{m.id}/respond", {"answer": "yes"}, page="/me/")
    cases.move(m, "interview", f.member(m.opportunity.organisation))
    browser.submit(f"/me/matches/{m.id}/withdraw", {"confirmed": "1"}, page="/me/")
    db.session.refresh(m)
    assert m.status == "interview"
    assert db.session.scalars(select(Consent)).one().withdrawn_at is None


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.EMPLOYER, Role.ADMIN])
def test_only_the_person_can_take_back_an_introduction(role):
    m = f.match(f.profile(f.user()), f.opportunity(), status="introduced")
    with pytest.raises(cases.TransitionError):
        cases.move(m, "declined", f.user(role))
