"""Finding places oneself, "I'm interested" (once, in the queue of the municipality that owns the place) and alerts
about new places that break none of the matcher's hard constraints."""
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from flask_babel import force_locale, gettext as _
from sqlalchemy import func, select

from app.extensions import db
from app.models import Match, MatchStatus, OpportunityStatus, Role
from app.guards.once import new_token
from app.services import notifications, places
from tests import factories as f
from tests.conftest import csrf_token

ONCE = re.compile(r'name="once" type="hidden" value="([^"]+)"')


def _seeker(**fields):
    account = f.user(Role.JOBSEEKER, locale="ti")
    fields.setdefault("wanted_kinds", ["trainee_job"])
    fields.setdefault("driving_licences", [])
    fields.setdefault("birth_year", 1998)
    return f.profile(account, **fields)


def test_the_page_lists_open_places_within_reach_with_filters(browser):
    person = _seeker(travel_km=10)
    near = f.opportunity(title="Nära lager", kind="trainee_job")
    f.opportunity(title="Långt bort i Kiruna", municipality_code=f.KIRUNA)
    f.opportunity(title="Plats i Eskilstuna", municipality_code=f.ESKILSTUNA)  # about 28 km away
    f.opportunity(title="Stängd plats", status=OpportunityStatus.CLOSED)
    f.opportunity(title="Ej granskad", org=f.organisation(vetted=False))
    f.opportunity(title="Senare start", kind="apprenticeship", start_date=date.today() + timedelta(days=200))
    f.opportunity(title="Kräver körkort", driving_licences=["CE"])
    browser.login(person.user.email, f.PASSWORD)
    page = browser.get("/me/places").get_data(as_text=True)
    assert "Nära lager" in page and "Senare start" in page
    with force_locale("ti"):  # shown, with what the profile does not show yet
        assert _("a driving licence") in page
    for hidden in ("Långt bort i Kiruna", "Stängd plats", "Ej granskad", "Plats i Eskilstuna"):
        assert hidden not in page
    page = browser.get("/me/places?kind=apprenticeship").get_data(as_text=True)
    assert "Senare start" in page and "Nära lager" not in page
    page = browser.get("/me/places?start=month").get_data(as_text=True)
    assert "Nära lager" in page and "Senare start" not in page
    page = browser.get("/me/places?km=30").get_data(as_text=True)
    assert "Plats i Eskilstuna" in page and "Långt bort i Kiruna" not in page
    assert browser.get("/me/places?km=x&kind=%00&start=<b>").status_code == 200  # bad filters: the defaults
    assert f'id="place-{near.id}"' in page


def _interest(browser, opportunity_id, once=None):
    page = browser.get("/me/places?km=100").get_data(as_text=True)
    token = once or ONCE.search(page).group(1)
    return browser.post(f"/me/places/{opportunity_id}/interest",
                        data={"csrf_token": csrf_token(page), "once": token}), token


def test_interest_reaches_the_queue_of_the_municipality_that_owns_the_place_once(browser, smtp):  # noqa: F811
    person = _seeker(travel_km=100)  # lives in Västerås
    eskilstuna_org = f.organisation(municipality_code=f.ESKILSTUNA)
    place = f.opportunity(eskilstuna_org, title="Plats i Eskilstuna", municipality_code=f.ESKILSTUNA)
    browser.login(person.user.email, f.PASSWORD)
    first, token = _interest(browser, place.id)
    assert first.status_code == 302
    again, _token = _interest(browser, place.id, once=token)  # the same form sent twice
    assert again.status_code == 302
    page = browser.get("/me/places?km=100").get_data(as_text=True)
    assert 'name="once"' not in page  # the card now says it was asked for, instead of the button
    third, _token = _interest(browser, place.id, once=new_token())  # an old page in another tab, sent again
    assert third.status_code == 302
    [match] = db.session.scalars(select(Match).where(Match.profile_id == person.id)).all()
    assert (match.status, match.requested_by_person, match.review_municipality_code) == (
        MatchStatus.SUGGESTED, True, f.ESKILSTUNA)
    browser.logout()

    vasteras = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    eskilstuna = f.user(Role.CASEWORKER, municipality_code=f.ESKILSTUNA)
    browser.login(vasteras.email, f.PASSWORD)
    assert "Plats i Eskilstuna" not in browser.get("/caseworker/").get_data(as_text=True)
    browser.logout()
    browser.login(eskilstuna.email, f.PASSWORD)
    queue = browser.get("/caseworker/").get_data(as_text=True)
    assert queue.count("Plats i Eskilstuna") == 1
    with force_locale("sv"):
        assert _("The person found this place and asked for it themself.") in queue
    response = browser.submit(f"/caseworker/matches/{match.id}/decide", {"decision": "approved"}, page="/caseworker/")
    assert response.status_code == 302
    db.session.refresh(match)
    assert match.status == MatchStatus.APPROVED
    [mail] = smtp.messages_to(person.user.email)  # told in their language that the place they asked for is approved
    with force_locale("ti"):
        assert _("Your caseworker has looked at the place you asked for: %(title)s. Log in to say if you want to be "
                 "introduced to the employer.", title="Plats i Eskilstuna") in mail.get_content()


def test_two_places_asked_for_from_the_same_page_are_both_saved(browser):
    person = _seeker()
    first, second = f.opportunity(title="Första"), f.opportunity(title="Andra")
    browser.login(person.user.email, f.PASSWORD)
    page = browser.get("/me/places").get_data(as_text=True)
    tokens = dict(re.findall(r'action="/me/places/(\d+)/interest">.*?name="once" type="hidden" value="([^"]+)"', page,
                             re.S))
    for place in (first, second):
        response = browser.post(f"/me/places/{place.id}/interest",
                                data={"csrf_token": csrf_token(page), "once": tokens[str(place.id)]})
        assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Match)) == 2


def test_interest_in_a_place_that_is_not_open_is_not_found(browser):
    person = _seeker()
    closed = f.opportunity(status=OpportunityStatus.CLOSED)
    browser.login(person.user.email, f.PASSWORD)
    page = browser.get("/me/places").get_data(as_text=True)
    response = browser.post(f"/me/places/{closed.id}/interest", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Match)) == 0


def test_a_matcher_suggestion_becomes_the_persons_own_request_without_a_second_case():
    person = _seeker()
    place = f.opportunity()
    f.match(person, place)
    match, created = places.express_interest(person, place)
    assert not created and match.requested_by_person
    assert db.session.scalar(select(func.count()).select_from(Match)) == 1


# ---------------------------------------------------------------- alerts

BREAKS = {  # one new place per hard constraint the matcher knows, each breaking only that one
    "kind": dict(kind="apprenticeship"),
    "distance": dict(municipality_code=f.KIRUNA),
    "licence": dict(driving_licences=["C"]),
    "swedish": dict(min_swedish="C1"),
    "start": dict(start_date=date.today() - timedelta(days=90)),
}


def test_an_alert_lists_only_places_that_break_no_hard_constraint():
    person = _seeker(swedish_level="B1", available_from=date.today() + timedelta(days=60))
    since = datetime.now(timezone.utc) - timedelta(days=1)
    fits = f.opportunity(title="Passar", start_date=date.today() + timedelta(days=60))
    breaking = {code: f.opportunity(title=f"Bryter {code}", **{"start_date": fits.start_date, **fields})
                for code, fields in BREAKS.items()}
    for code, opportunity in breaking.items():
        assert places.violations(person, opportunity) == [code], code  # the matcher's own verdict
    full = f.opportunity(title="Full", seats=1, seats_taken=1)
    old = f.opportunity(title="Gammal", created_at=since - timedelta(days=2))
    f.opportunity(title="Sista dag passerad", deadline=date.today() - timedelta(days=1))
    already = f.opportunity(title="Redan föreslagen")
    f.match(person, already)
    assert [o.title for o in places.new_places_for(person, since)] == ["Passar"]
    assert full and old


def test_alerts_are_sent_once_per_period_to_those_who_asked(smtp, monkeypatch):  # noqa: F811
    person = _seeker()
    other = _seeker()  # no alerts asked for
    notifications.save_settings(person, email=True, sms_on=False, alerts="daily")
    notifications.save_settings(other, email=True, sms_on=False, alerts="off")
    now = datetime.now(timezone.utc)
    f.opportunity(title="Ny plats som passar")
    f.opportunity(title="Bryter körkort", driving_licences=["CE"])
    assert places.send_alerts("daily", now=now)["people"] == 0  # alerts were turned on just now: no day has passed
    later = now + timedelta(days=1)
    monkeypatch.setattr(notifications, "utcnow", lambda: later)  # the sending job runs then too
    assert places.send_alerts("daily", now=later) == {"people": 1, "places": 1}
    assert places.send_alerts("daily", now=later) == {"people": 0, "places": 0}
    [mail] = smtp.received
    assert mail["to"] == [person.user.email]
    body = mail["message"].get_content()
    assert "Ny plats som passar" in body and "Bryter körkort" not in body
    assert places.send_alerts("daily", now=later + timedelta(days=1)) == {"people": 0, "places": 0}  # nothing new


@pytest.mark.parametrize("frequency", ["daily", "weekly"])
def test_the_alert_command_runs(runner, frequency):
    result = runner.invoke(args=["notifications", "alerts", frequency])
    assert result.exit_code == 0, result.output
    assert "alerts to 0 people" in result.output
