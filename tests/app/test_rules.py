"""The rules people rely on: organisation numbers, locale choice, case moves and seats."""
import threading

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Match, MatchEvent, Opportunity, Role
from app.services import cases
from app.services.orgnr import normalise_org_number
from tests import factories as f


@pytest.mark.parametrize("raw, expected", [
    ("556016-0680", "556016-0680"),
    ("5560160680", "556016-0680"),
    (" 556016 0680 ", "556016-0680"),
    ("16556016-0680", "556016-0680"),
    ("556016-0681", None),  # wrong check digit
    ("55601606", None),  # too short
    ("٥٥٦٠١٦٠٦٨٠", None),  # Arabic-Indic digits are not an organisation number
    ("abcdefghij", None),
    ("", None),
])
def test_org_number_check_digit(raw, expected):
    assert normalise_org_number(raw) == expected


@pytest.mark.parametrize("saved, chosen, browser_header, expected", [
    ("ar", "en", "sv", "ar"),  # the saved preference wins
    (None, "ti", "en", "ti"),  # then the choice made in this session
    (None, None, "fa-AF,fa;q=0.8", "fa-AF"),  # then the browser, Dari spelled the browser's way
    (None, None, "de-DE", "sv"),  # then Swedish
])
def test_locale_chain(browser, saved, chosen, browser_header, expected):
    if chosen:
        browser.submit(f"/language/{chosen}", page="/auth/login")
    if saved:
        account = f.user(locale=saved)
        browser.login(account.email, f.PASSWORD)
    body = browser.get("/auth/login", headers={"Accept-Language": browser_header},
                       follow_redirects=True).get_data(as_text=True)
    assert f'lang="{expected}"' in body
    assert ('dir="rtl"' in body) == (expected in ("ar", "fa-AF"))


def test_language_choice_is_saved_on_the_account(browser):
    account = f.user(locale="sv")
    browser.login(account.email, f.PASSWORD)
    browser.submit("/language/uk", page="/me/profile")
    db.session.refresh(account)
    assert account.locale == "uk"


def test_only_allowed_moves_exist():
    caseworker, employer = f.user(Role.CASEWORKER), f.user(Role.EMPLOYER)
    m = f.match(f.profile(f.user()), f.opportunity())
    with pytest.raises(cases.TransitionError):
        cases.move(m, "introduced", caseworker)  # nobody skips the person's own yes
    with pytest.raises(cases.TransitionError):
        cases.move(m, "approved", employer)  # employers never approve
    cases.move(m, "approved", caseworker)
    with pytest.raises(cases.TransitionError):
        cases.move(m, "approved", caseworker)
    assert [e.to_status for e in db.session.scalars(select(MatchEvent))] == ["approved"]


def test_a_seat_is_taken_at_introduction_and_given_back_when_not_placed():
    opp = f.opportunity(seats=1)
    first, second = (f.match(f.profile(f.user()), opp, status="approved") for _ in range(2))
    cases.move(first, "introduced", first.profile.user)
    with pytest.raises(cases.NoSeatsLeft):
        cases.move(second, "introduced", second.profile.user)
    db.session.refresh(second)
    assert second.status == "approved"
    cases.move(first, "not_placed", f.user(Role.CASEWORKER))
    cases.move(second, "introduced", second.profile.user)
    db.session.refresh(opp)
    assert opp.seats_taken == 1


def test_two_people_saying_yes_at_once_never_overbook(app):
    opp = f.opportunity(seats=1)
    ids = [f.match(f.profile(f.user()), opp, status="approved").id for _ in range(6)]
    outcomes, barrier = [], threading.Barrier(len(ids))

    def say_yes(match_id):
        with app.app_context():
            m = db.session.get(Match, match_id)
            barrier.wait()
            try:
                cases.move(m, "introduced", m.profile.user)
                outcomes.append("yes")
            except cases.TransitionError:
                outcomes.append("full")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=say_yes, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    assert sorted(outcomes) == ["full"] * (len(ids) - 1) + ["yes"]
    assert db.session.get(Opportunity, opp.id).seats_taken == 1


@pytest.mark.parametrize("term, expected", [
    ("Truckförare", ["GQSf_fnq_kjF", "MrcX_RDn_N53"]),  # two concepts share the label: either is right
    ("lagerarbetare", ["DLEi_bTh_oLA"]),  # the beginning of exactly one label
    ("LAGERARBETARE/TERMINALARBETARE", ["DLEi_bTh_oLA"]),
    ("Lager", []),  # begins many labels: ambiguous, so not guessed
    ("Drakjägare", []),
])
def test_typed_occupations_resolve_to_concepts(term, expected):
    from app.services.concepts import resolve_terms

    ids, unknown = resolve_terms([term], "occupation", locale="sv")
    if expected:
        assert ids and ids[0] in expected and unknown == []
    else:
        assert ids == [] and unknown == [term]
