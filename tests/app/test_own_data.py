"""A person downloads all their data and deletes their account themself, in their own language."""
import json

from sqlalchemy import func, select

from app.presentation.consent_texts import CONSENT_TEXT_VERSION
from app.extensions import db
from app.models import AuditEvent, Consent, JobseekerProfile, Match, MatchEvent, Opportunity, Role, User
from app.services.audit import record_access
from app.services.people import add_note
from tests import factories as f


def _person_with_history(locale="en"):
    """A person with an introduced case (seat taken, consent given), an approved one, and a staff read."""
    me = f.user(locale=locale)
    person = f.profile(me, phone="+46 70 111 22 33", about="Jag kan köra truck.")
    introduced_opp = f.opportunity(seats=1, title="Truckförare trainee")
    m = f.match(person, introduced_opp, status="approved")
    other = f.match(person, f.opportunity(title="Lagerjobb"), status="approved")
    return me, person, m, other


def _say_yes(browser, me, m):
    browser.login(me.email, f.PASSWORD)
    browser.submit(f"/me/matches/{m.id}/respond", {"answer": "yes"}, page="/me/")


def test_the_download_holds_profile_matches_consents_and_who_read(browser):
    me, person, m, other = _person_with_history()
    caseworker = f.user(Role.CASEWORKER)
    record_access(caseworker, person, "caseworker_view_profile")
    db.session.commit()
    add_note(person, caseworker, "Ringde om truckkortet")
    _say_yes(browser, me, m)

    response = browser.get("/me/data.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == me.email
    assert data["profile"]["phone"] == "+46 70 111 22 33" and data["profile"]["about"] == "Jag kan köra truck."
    by_title = {entry["opportunity"]["title"]: entry for entry in data["matches"]}
    assert by_title["Truckförare trainee"]["status"] == "introduced"
    assert by_title["Truckförare trainee"]["explanation"]["distance_km"] == 3.0
    assert by_title["Truckförare trainee"]["explanation_text"]  # the reasons as sentences
    assert by_title["Lagerjobb"]["status"] == "approved"
    assert [c["text_version"] for c in data["consents"]] == [CONSENT_TEXT_VERSION]
    assert data["consents"][0]["text"].startswith("Do you want us to introduce you")
    assert [(e["action"], e["reader"]["role"]) for e in data["access_log"]] == [
        ("caseworker_add_note", "caseworker"), ("caseworker_view_profile", "caseworker")]  # newest first
    assert [(n["text"], n["by"]) for n in data["notes"]] == [("Ringde om truckkortet", "Caseworker")]
    body = response.get_data(as_text=True)
    assert me.password_hash not in body and "password" not in body and caseworker.email not in body


def test_the_readable_copy_shows_the_same_data(browser):
    me, person, m, other = _person_with_history()
    add_note(person, f.user(Role.CASEWORKER), "Ringde om truckkortet")
    _say_yes(browser, me, m)
    page = browser.get("/me/data").get_data(as_text=True)
    for text in (me.email, "+46 70 111 22 33", "Truckförare trainee", "Lagerjobb", "Introduced", "You said yes on",
                 "Ringde om truckkortet"):
        assert text in page
    assert 'href="/me/data.json"' in page


def test_deleting_needs_the_box_ticked(browser):
    me, person, m, other = _person_with_history()
    browser.login(me.email, f.PASSWORD)
    response = browser.submit("/me/delete", {})
    assert response.status_code == 200
    assert "Tick the box" in response.get_data(as_text=True)
    assert db.session.get(User, me.id) is not None


def test_deleting_removes_everything_frees_the_seat_and_logs_out(browser):
    me, person, m, other = _person_with_history(locale="ar")
    caseworker = f.user(Role.CASEWORKER)
    record_access(caseworker, person, "caseworker_view_profile")
    db.session.commit()
    opportunity_id, person_id, user_id = m.opportunity_id, person.id, me.id
    _say_yes(browser, me, m)
    assert db.session.get(Opportunity, opportunity_id).seats_taken == 1

    response = browser.submit("/me/delete", {"confirm": "y"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/account-deleted")
    page = browser.get("/account-deleted")
    assert page.status_code == 200 and 'lang="ar"' in page.get_data(as_text=True)

    db.session.expire_all()
    assert db.session.get(User, user_id) is None
    assert db.session.get(JobseekerProfile, person_id) is None
    for model in (Match, MatchEvent, Consent):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0, model
    assert db.session.get(Opportunity, opportunity_id).seats_taken == 0
    # The staff read stays for accountability, but no longer points to the person.
    event = db.session.scalars(select(AuditEvent)).one()
    assert (event.actor_id, event.profile_id) == (caseworker.id, None)
    # Logged out: the person's pages ask for a login again.
    assert "/auth/login" in browser.get("/me/").headers["Location"]


def test_a_hire_keeps_its_seat_when_the_person_is_deleted():
    from app.services.deletion import erase_person

    person = f.profile(f.user())
    placed = f.match(person, f.opportunity(seats=1, seats_taken=1), status="placed")
    opportunity_id = placed.opportunity_id
    erase_person(profile=person)
    assert db.session.get(Opportunity, opportunity_id).seats_taken == 1
