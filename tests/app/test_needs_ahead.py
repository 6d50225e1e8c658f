"""Needs ahead (issue 18, item 1): recorded, changed, withdrawn and stated again by the organisation, by a caseworker
on its behalf and through the API; every change audited; bad input refused with a message in the reader's language
and nothing saved lost; nobody reaches another organisation's need."""
import re

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Role
from app.models.need import CompetenceNeed
from app.services import api_keys, needs_ahead
from tests import factories as f
from tests.conftest import csrf_token

ONCE = re.compile(r'name="once" type="hidden" value="([^"]+)"|name="once" value="([^"]+)"')
ANSWERS = {"occupation": "Lagerarbetare", "headcount": "5", "horizon_months": "12", "municipality_code": f.VASTERAS,
           "min_swedish": "A2", "driving_licences": ["B"], "would_take": ["trainee_job", "apprenticeship"],
           "note": "Nytt lager öppnar i Hacksta.", "certificates": "ADR-intyg"}


def _form(browser, url, **answers):
    page = browser.get(url).get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), **ANSWERS, **answers}
    once = ONCE.search(page)
    if once:
        data["once"] = once.group(1) or once.group(2)
    return data


def _needs() -> list[CompetenceNeed]:
    db.session.expire_all()
    return list(db.session.scalars(select(CompetenceNeed).order_by(CompetenceNeed.id)))


def _trail(need) -> list[tuple[int, str]]:
    return [(e.actor_id, e.action.rsplit(":", 1)[1]) for e in needs_ahead.audit_trail(need)]


@pytest.fixture
def employer(browser):
    org = f.organisation()
    person = f.member(org)
    browser.login(person.email, f.PASSWORD)
    return person


def test_an_employer_records_changes_withdraws_and_states_again_and_each_step_is_audited(browser, employer):
    home = browser.get("/organisation/").get_data(as_text=True)
    assert "/organisation/needs" in home  # reached from the organisation's home and menu
    response = browser.post("/organisation/needs/new", data=_form(browser, "/organisation/needs/new"))
    assert response.status_code == 302
    [need] = _needs()
    assert (need.occupation_id, need.headcount, need.horizon_months, need.municipality_code) == \
        (f.WAREHOUSE_WORKER, 5, 12, f.VASTERAS)
    assert need.min_swedish == "A2" and need.driving_licences == ["B"] and need.status == "active"
    assert need.would_take == ["trainee_job", "apprenticeship"] and need.created_by_id == employer.id
    assert need.certificates == ["KwWd_Ffq_2kE"]  # ADR-intyg, a skill of the taxonomy
    listing = browser.get("/organisation/needs").get_data(as_text=True)
    assert "Lagerarbetare" in listing and "Nytt lager öppnar i Hacksta." in listing
    assert "Traineer (ett traineejobb) och Lärlingar" in listing and "ADR-intyg" in listing  # Babel's list, in Swedish
    assert "Registrerat av kommunen" not in listing  # the employer recorded it themself

    edit = f"/organisation/needs/{need.id}/edit"
    assert 'value="Lagerarbetare/Terminalarbetare"' in browser.get(edit).get_data(as_text=True)  # the saved answers
    assert browser.post(edit, data=_form(browser, edit, headcount="8", horizon_months="24")).status_code == 302
    [need] = _needs()
    assert (need.headcount, need.horizon_months) == (8, 24)

    confirm = browser.get(f"/organisation/needs/{need.id}/withdraw")
    assert confirm.status_code == 200 and "Ja, dra tillbaka behovet" in confirm.get_data(as_text=True)
    assert _needs()[0].status == "active"  # asking is not withdrawing
    browser.submit(f"/organisation/needs/{need.id}/withdraw")
    [need] = _needs()
    assert need.status == "withdrawn" and need.withdrawn_at is not None
    assert "Tillbakadraget" in browser.get("/organisation/needs").get_data(as_text=True)
    browser.submit(f"/organisation/needs/{need.id}/withdraw")  # twice: nothing more happens
    browser.submit(f"/organisation/needs/{need.id}/restate", page="/organisation/needs")
    [need] = _needs()
    assert need.status == "active" and need.withdrawn_at is None

    assert _trail(need) == [(employer.id, "created"), (employer.id, "changed"), (employer.id, "withdrawn"),
                            (employer.id, "restated")]
    changed = needs_ahead.audit_trail(need)[1]
    assert "headcount: 5 → 8" in changed.detail and "horizon_months: 12 → 24" in changed.detail


def test_the_same_form_sent_twice_records_one_need(browser, employer):
    data = _form(browser, "/organisation/needs/new")
    browser.post("/organisation/needs/new", data=data)
    browser.post("/organisation/needs/new", data=data)
    assert len(_needs()) == 1


@pytest.mark.parametrize("answers, field, message", [
    ({"occupation": "Drakskötare"}, "occupation", "Vi kände inte igen"),
    ({"headcount": "0"}, "headcount", "Skriv ett tal från 1 till 10"),
    ({"headcount": "99999999"}, "headcount", "Skriv ett tal från 1 till 10"),
    ({"headcount": "många"}, "headcount", "inte ett giltigt heltal"),
    ({"headcount": ""}, "headcount", "Skriv ett tal från 1 till 10"),
    ({"municipality_code": "9999"}, "municipality_code", "Det finns ingen svensk kommun"),
    ({"horizon_months": "7"}, "horizon_months", "Välj inom 6 månader"),
    ({"min_swedish": "Z9"}, "min_swedish", "Välj en nivå i listan"),
    ({"driving_licences": ["Q"]}, "driving_licences", "Välj körkort i listan"),
    ({"would_take": ["slave"]}, "would_take", "Välj i listan"),
    ({"note": "x" * 1001}, "note", "1000"),
])
def test_bad_answers_are_refused_with_a_message_and_nothing_saved_is_lost(browser, employer, answers, field, message):
    browser.post("/organisation/needs/new", data=_form(browser, "/organisation/needs/new"))
    [saved] = _needs()
    edit = f"/organisation/needs/{saved.id}/edit"
    for url in ("/organisation/needs/new", edit):
        response = browser.post(url, data=_form(browser, url, **answers))
        page = response.get_data(as_text=True)
        assert response.status_code == 400, page[:3000]
        error = re.search(rf'<p class="error" id="{field}-error">([^<]+)</p>', page)
        assert error and message in error.group(1), page[:3000]
        if field != "note":  # what was typed comes back on the page, to be mended rather than typed again
            assert "Nytt lager öppnar i Hacksta." in page
    [after] = _needs()
    assert (after.headcount, after.horizon_months, after.municipality_code, after.occupation_id) == \
        (5, 12, f.VASTERAS, f.WAREHOUSE_WORKER)
    assert _trail(after) == [(employer.id, "created")]


def test_a_refusal_is_in_the_readers_language(browser):
    org = f.organisation()
    person = f.member(org, locale="ar")
    browser.login(person.email, f.PASSWORD)
    response = browser.post("/organisation/needs/new", data=_form(browser, "/organisation/needs/new", headcount="0",
                                                                  municipality_code="0000"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'lang="ar"' in page
    errors = re.findall(r'<p class="error" id="(\w+)-error">([^<]+)</p>', page)
    assert {name for name, _text in errors} == {"headcount", "municipality_code"}
    assert all(re.search("[\u0600-\u06ff]", text) for _name, text in errors), errors
    assert _needs() == []


def test_the_service_refuses_what_the_form_would(app):
    org = f.organisation()
    person = f.member(org)
    good = {"occupation_id": f.WAREHOUSE_WORKER, "headcount": 3, "horizon_months": 6, "municipality_code": f.KIRUNA}
    with app.test_request_context():
        for wrong in ({"headcount": 0}, {"headcount": 10_001}, {"horizon_months": 18}, {"municipality_code": "0001"},
                      {"occupation_id": f.VASTERAS}, {"would_take": ["job", 3]}, {"certificates": ["no-such-id"]},
                      {"headcount": True}):
            with pytest.raises(needs_ahead.NeedInvalid) as refused:
                needs_ahead.record(org, {**good, **wrong}, person)
            assert set(refused.value.errors) == set(wrong)
        need = needs_ahead.record(org, {**good, "headcount": 10_000}, person)
    assert need.headcount == 10_000 and need.stated_on is not None


def test_a_caseworker_records_for_an_organisation_in_their_area_and_the_employer_sees_who(browser):
    org = f.organisation(municipality_code=f.VASTERAS)
    employer = f.member(org)
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    browser.login(caseworker.email, f.PASSWORD)
    assert f"/caseworker/organisations/{org.id}/needs" in browser.get("/caseworker/organisations").get_data(as_text=True)
    url = f"/caseworker/organisations/{org.id}/needs"
    assert "Hur många räknar de med att anställa?" in browser.get(url).get_data(as_text=True)  # asked about them
    assert browser.post(url, data=_form(browser, url, headcount="12")).status_code == 302
    [need] = _needs()
    assert need.organisation_id == org.id and need.created_by_id == caseworker.id and need.headcount == 12
    assert _trail(need) == [(caseworker.id, "created")]
    browser.logout()
    browser.login(employer.email, f.PASSWORD)
    listing = browser.get("/organisation/needs").get_data(as_text=True)
    assert "Registrerat av kommunen" in listing
    # The employer may change or withdraw what the municipality recorded for them.
    browser.submit(f"/organisation/needs/{need.id}/withdraw")
    assert _needs()[0].status == "withdrawn"
    assert _trail(need)[-1] == (employer.id, "withdrawn")


def test_a_caseworker_cannot_record_for_an_organisation_outside_their_area(browser):
    elsewhere = f.organisation(municipality_code=f.KIRUNA)
    f.member(elsewhere)
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    browser.login(caseworker.email, f.PASSWORD)
    url = f"/caseworker/organisations/{elsewhere.id}/needs"
    assert browser.get(url).status_code == 404
    token = browser.token("/caseworker/organisations")
    assert browser.post(url, data={**ANSWERS, "csrf_token": token}).status_code == 404
    assert f"/caseworker/organisations/{elsewhere.id}/needs" not in \
        browser.get("/caseworker/organisations").get_data(as_text=True)
    with pytest.raises(PermissionError):
        needs_ahead.record(elsewhere, {"occupation_id": f.WAREHOUSE_WORKER, "headcount": 1, "horizon_months": 6,
                                       "municipality_code": f.KIRUNA}, caseworker)
    assert _needs() == []


def test_an_employer_cannot_see_or_change_another_organisations_need(browser, employer):
    theirs_org = f.organisation()
    other = f.member(theirs_org)
    theirs = needs_ahead.record(theirs_org, {"occupation_id": f.WAREHOUSE_WORKER, "headcount": 4, "horizon_months": 6,
                                             "municipality_code": f.VASTERAS, "note": "HEMLIG-ANTECKNING"}, other)
    assert "HEMLIG-ANTECKNING" not in browser.get("/organisation/needs").get_data(as_text=True)
    assert browser.get(f"/organisation/needs/{theirs.id}/edit").status_code == 404
    assert browser.get(f"/organisation/needs/{theirs.id}/withdraw").status_code == 404
    token = browser.token("/organisation/needs")
    for action in ("edit", "withdraw", "restate"):
        response = browser.post(f"/organisation/needs/{theirs.id}/{action}", data={**ANSWERS, "csrf_token": token,
                                                                                  "headcount": "1"})
        assert response.status_code == 404
    [after] = _needs()
    assert after.headcount == 4 and after.status == "active" and _trail(after) == [(other.id, "created")]


# ---------------------------------------------------------------- the API

def bearer(token):
    return {"Authorization": f"Bearer {token}"}


NEED = {"occupation": f.WAREHOUSE_WORKER, "headcount": 6, "horizon_months": 12, "municipality": f.VASTERAS,
        "swedish_level": "B1", "driving_licences": ["B"], "would_take": ["apprenticeship"], "note": "Via API"}


def test_the_api_records_lists_changes_and_withdraws_the_keys_own_needs_audited(client):
    org = f.organisation()
    maker = f.member(org)
    key, token = api_keys.create_organisation_key(org, "ATS", maker)
    created = client.post("/api/v1/organisation/needs", json=NEED, headers=bearer(token))
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["occupation"]["id"] == f.WAREHOUSE_WORKER and body["occupation"]["ssyk"] == "4322"
    assert body["municipality"] == {"code": f.VASTERAS, "name": "Västerås"} and body["status"] == "active"
    assert body["recorded_by_municipality"] is False
    need_id = body["id"]
    changed = client.patch(f"/api/v1/organisation/needs/{need_id}", json={"headcount": 9}, headers=bearer(token))
    assert changed.status_code == 200 and changed.get_json()["headcount"] == 9
    assert changed.get_json()["horizon_months"] == 12  # what was not sent stays
    listed = client.get("/api/v1/organisation/needs", headers=bearer(token)).get_json()["needs"]
    assert [n["id"] for n in listed] == [need_id]
    withdrawn = client.post(f"/api/v1/organisation/needs/{need_id}/withdraw", headers=bearer(token))
    assert withdrawn.status_code == 200 and withdrawn.get_json()["status"] == "withdrawn"
    need = db.session.get(CompetenceNeed, need_id)
    assert _trail(need) == [(maker.id, "created"), (maker.id, "changed"), (maker.id, "withdrawn")]
    uses = db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.startswith(f"api-key:{key.id}:"))
                              .order_by(AuditEvent.id)).all()
    assert [u.rsplit(":", 1)[1] for u in uses] == ["created", "need.create", "need.update", "need.list",
                                                  "need.withdraw"]


@pytest.mark.parametrize("wrong, field", [
    ({"occupation": "no-such-occupation"}, "occupation"),
    ({"occupation": f.VASTERAS}, "occupation"),  # a real concept, but not an occupation
    ({"municipality": "9999"}, "municipality"),
    ({"headcount": 0}, "headcount"),
    ({"headcount": 10_001}, "headcount"),
    ({"horizon_months": 7}, "horizon_months"),
    ({"would_take": ["slave"]}, "would_take"),
    ({"certificates": ["no-such-skill"]}, "certificates"),
])
def test_the_api_refuses_bad_values_as_problems_naming_the_field(client, wrong, field):
    org = f.organisation()
    token = api_keys.create_organisation_key(org, "ATS", f.member(org))[1]
    response = client.post("/api/v1/organisation/needs", json={**NEED, **wrong},
                           headers={**bearer(token), "Accept-Language": "sv"})
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]
    first = client.post("/api/v1/organisation/needs", json=NEED, headers=bearer(token)).get_json()
    again = client.patch(f"/api/v1/organisation/needs/{first['id']}", json=wrong, headers=bearer(token))
    assert again.status_code == 422 and field in again.get_json()["errors"]
    assert [n.headcount for n in _needs()] == [6]  # the refused change lost nothing, the refused record made nothing


def test_an_organisation_key_never_reaches_another_organisations_need(client):
    mine, theirs = f.organisation(), f.organisation()
    token = api_keys.create_organisation_key(mine, "ATS", f.member(mine))[1]
    other = f.member(theirs)
    need = needs_ahead.record(theirs, {"occupation_id": f.WAREHOUSE_WORKER, "headcount": 4, "horizon_months": 6,
                                       "municipality_code": f.VASTERAS}, other)
    assert client.get("/api/v1/organisation/needs", headers=bearer(token)).get_json() == {"needs": []}
    assert client.patch(f"/api/v1/organisation/needs/{need.id}", json={"headcount": 1},
                        headers=bearer(token)).status_code == 404
    assert client.post(f"/api/v1/organisation/needs/{need.id}/withdraw", headers=bearer(token)).status_code == 404
    [after] = _needs()
    assert after.headcount == 4 and after.status == "active"
    caseworker = f.user(Role.CASEWORKER)
    municipality_token = api_keys.create_municipality_key(f.VASTERAS, "BI", caseworker)[1]
    assert client.get("/api/v1/organisation/needs", headers=bearer(municipality_token)).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(CompetenceNeed)) == 1


def test_a_change_that_changes_nothing_writes_nothing_and_a_former_members_key_acts_for_no_one(client):
    org = f.organisation()
    maker = f.member(org)
    token = api_keys.create_organisation_key(org, "ATS", maker)[1]
    need_id = client.post("/api/v1/organisation/needs", json=NEED, headers=bearer(token)).get_json()["id"]
    same = client.patch(f"/api/v1/organisation/needs/{need_id}", json={"headcount": NEED["headcount"]},
                        headers=bearer(token))
    assert same.status_code == 200
    need = db.session.get(CompetenceNeed, need_id)
    assert _trail(need) == [(maker.id, "created")]
    maker.organisation_id = f.organisation().id  # moved to another organisation; the key stays with the old one
    db.session.commit()
    moved = client.patch(f"/api/v1/organisation/needs/{need_id}", json={"headcount": 1}, headers=bearer(token))
    assert moved.status_code == 403 and moved.mimetype == "application/problem+json"
    assert _needs()[0].headcount == NEED["headcount"]


def test_an_employer_without_an_organisation_has_no_needs_page(browser):
    loose = f.user(Role.EMPLOYER)
    browser.login(loose.email, f.PASSWORD)
    assert browser.get("/organisation/needs").status_code == 404
    assert browser.get("/organisation/needs/new").status_code == 404
