"""The queue as compact rows: the one-line summary, the filters (kind, occupation field, the place's municipality in
the pool, minors, waiting time), and decisions that keep the caseworker's place (next row's anchor; a refused
decision shown again at its row with what was chosen and written)."""
from datetime import date, datetime, timedelta, timezone

import pytest

from app.extensions import db
from app.models import Match, MatchStatus, Role
from app.services.queue import Filters, review_queue, strength
from tests import factories as f

YEAR = date.today().year
NURSE_FIELD = "Yrken inom hälso- och sjukvård"


@pytest.fixture
def caseworker():
    return f.user(Role.CASEWORKER, municipality_code=f.VASTERAS, locale="en")


@pytest.fixture
def desk(browser, caseworker):
    browser.login(caseworker.email, f.PASSWORD)
    return browser


def _suggest(name, *, days=1, score=0.6, birth_year=1990, **opp):
    person = f.profile(None, full_name=name, birth_year=birth_year)
    return f.match(person, f.opportunity(**opp), score=score,
                   created_at=datetime.now(timezone.utc) - timedelta(days=days))


def test_a_row_says_who_where_how_strong_why_and_how_long(desk):
    person = f.profile(None, full_name="Rad Radsson")
    m = f.match(person, f.opportunity(title="Trainee lager"), score=0.62,
                created_at=datetime.now(timezone.utc) - timedelta(days=12),
                explanation={"occupation_match": True, "matched_skills": [], "missing_skills": [], "checks": [],
                             "distance_km": 4.4})
    page = desk.get("/caseworker/").get_data(as_text=True)
    row = page[page.index(f'id="match-{m.id}"'):page.index("</summary>", page.index(f'id="match-{m.id}"'))]
    for text in ("Rad Radsson", "Trainee lager", "Strong", "0.62", "wanted occupation · 4 km", "12 days"):
        assert text in row, text
    assert strength(0.62) == "strong" and strength(0.35) == "good" and strength(0.1) == "weak"


def test_filters(caseworker):
    trainee = _suggest("Trainee Person", kind="trainee_job")
    apprentice = _suggest("Lärling Person", kind="apprenticeship", days=20)
    minor = _suggest("Ung Person", birth_year=YEAR - 16)
    nurse = _suggest("Vård Person", occupation_id=f.ASSISTANT_NURSE, days=40)
    eskilstuna = _suggest("Pendlare Person", municipality_code=f.ESKILSTUNA)

    def ids(**filters):
        return {m.id for m in review_queue(caseworker, (), Filters(**filters))}

    everyone = {trainee.id, apprentice.id, minor.id, nurse.id, eskilstuna.id}
    assert ids() == everyone
    assert ids(kind="apprenticeship") == {apprentice.id}
    assert ids(minors="only") == {minor.id}
    assert ids(minors="none") == everyone - {minor.id}
    assert ids(waited_days=14) == {apprentice.id, nurse.id}
    assert ids(waited_days=30) == {nurse.id}
    assert ids(municipality=f.ESKILSTUNA) == {eskilstuna.id}
    field = _field_of(f.ASSISTANT_NURSE)
    assert ids(field=field) == {nurse.id}
    assert ids(kind="apprenticeship", waited_days=30) == set()
    db.session.get(Match, trainee.id).requested_by_person = True  # the person pressed "I'm interested"
    db.session.commit()
    assert ids(asked="person") == {trainee.id}
    assert ids(asked="matcher") == everyone - {trainee.id}


def _field_of(occupation):
    from app.services.dashboard import occupation_fields

    return occupation_fields({occupation})[occupation]


def test_filter_form_on_the_page_and_bad_values_mean_all(desk):
    apprentice = _suggest("Lärling Person", kind="apprenticeship")
    trainee = _suggest("Trainee Person", kind="trainee_job")
    page = desk.get("/caseworker/?kind=apprenticeship").get_data(as_text=True)
    assert "Lärling Person" in page and "Trainee Person" not in page
    assert '<option selected value="apprenticeship">' in page or 'value="apprenticeship" selected' in page
    for bad in ("?kind=%00", "?waited=abc", "?minors=<script>", "?field=" + "x" * 5000, "?municipality=9999"):
        response = desk.get("/caseworker/" + bad)
        assert response.status_code == 200, bad
        body = response.get_data(as_text=True)
        assert "Lärling Person" in body and "Trainee Person" in body, bad
    assert apprentice.id and trainee.id


def test_a_decision_goes_to_the_next_row_with_the_filters_kept(desk):
    first = _suggest("Första Person", kind="apprenticeship", score=0.9)
    second = _suggest("Andra Person", kind="apprenticeship", score=0.5)
    page = "/caseworker/?kind=apprenticeship"
    response = desk.submit(f"/caseworker/matches/{first.id}/decide",
                           {"decision": "approved", "next": str(second.id), "back": "kind=apprenticeship"}, page=page)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/caseworker/?kind=apprenticeship#match-{second.id}")
    response = desk.submit(f"/caseworker/matches/{second.id}/skip", {"next": "1; drop", "back": "kind=<x>&evil=1"},
                           page=page)
    assert response.headers["Location"].endswith("/caseworker/")  # nothing but valid filters and ids comes back


def test_reject_without_a_reason_comes_back_at_the_row_with_the_note_kept(desk):
    m = _suggest("Avslag Person")
    other = _suggest("Annan Person", score=0.9)
    response = desk.submit(f"/caseworker/matches/{m.id}/decide",
                           {"decision": "rejected", "note": "Ring först", "next": str(other.id), "back": ""},
                           page="/caseworker/")
    assert response.status_code == 200  # the queue itself, not a redirect to its top
    page = response.get_data(as_text=True)
    row = page[page.index(f'id="match-{m.id}"'):]
    row = row[:row.index("</details>")]
    assert "data-error" in row and "<details class=\"row-details\" open>" in row
    assert 'role="alert"' in row and "Choose a reason for rejecting." in row
    assert ">Ring först</textarea>" in row and 'value="rejected" checked' in row
    assert 'aria-invalid="true"' in row
    assert desk.get("/caseworker/").status_code == 200
    from app.extensions import db

    assert db.session.get(Match, m.id).status == MatchStatus.SUGGESTED


def test_a_minor_not_ticked_comes_back_at_the_row(desk):
    m = _suggest("Ung Person", birth_year=YEAR - 16)
    response = desk.submit(f"/caseworker/matches/{m.id}/decide", {"decision": "approved", "note": "ok"},
                           page="/caseworker/")
    page = response.get_data(as_text=True)
    row = page[page.index(f'id="match-{m.id}"'):]
    assert "Tick the box" in row[:row.index("</details>")] and "data-error" in row[:200]
