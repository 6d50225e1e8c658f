"""The dashboard: numbers on a seeded data set, small groups suppressed in page and CSV, no personal data."""
import csv
import io
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, MatchEvent, MatchStatus as S, Role
from app.services import dashboard
from tests import factories as f

NOW = datetime.now(timezone.utc).replace(microsecond=0)
T0 = NOW - timedelta(days=20)
PLACED_AT = NOW - timedelta(days=10)
FIELD = "Yrken inom administration och kundtjänst"  # SSYK-1 of Lagerarbetare


def _event(match, from_status, to_status, at):
    db.session.add(MatchEvent(match=match, from_status=from_status, to_status=to_status, at=at))


@pytest.fixture
def seeded():
    """Västerås: 6 trainee cases (5 placed, 1 approved), 3 rejected apprenticeship cases; Eskilstuna: 5 placed."""
    trainee = f.opportunity(kind="trainee_job", seats=10, seats_taken=5)
    apprenticeship = f.opportunity(kind="apprenticeship", seats=2, title="Lärling lager")
    for i, days in enumerate([1, 2, 3, 4, 5, 10]):
        m = f.match(f.profile(full_name=f"Namn{i} Efternamn"), trainee, created_at=T0,
                    status=S.PLACED if i < 5 else S.APPROVED)
        _event(m, S.SUGGESTED, S.APPROVED, T0 + timedelta(days=days))
        if i < 5:
            _event(m, S.APPROVED, S.INTRODUCED, T0 + timedelta(days=days + 2))
            _event(m, S.INTRODUCED, S.PLACED, PLACED_AT)
    for i in range(3):
        m = f.match(f.profile(full_name=f"Lärling{i}"), apprenticeship, created_at=T0, status=S.REJECTED)
        _event(m, S.SUGGESTED, S.REJECTED, T0 + timedelta(days=1))
    internship = f.opportunity(f.organisation(municipality_code=f.ESKILSTUNA), kind="internship",
                               municipality_code=f.ESKILSTUNA, seats=5, seats_taken=5)
    for i in range(5):
        m = f.match(f.profile(full_name=f"Eskil{i}", municipality_code=f.ESKILSTUNA), internship, created_at=T0,
                    status=S.PLACED)
        _event(m, S.INTRODUCED, S.PLACED, PLACED_AT)
    db.session.commit()


@pytest.fixture
def request_context(app):
    """Labels are translated: the service runs inside a request, as from the page."""
    with app.test_request_context():
        yield


def _rows(table):
    return {label: values for label, values in table.rows}


def test_numbers_for_a_caseworker(seeded, request_context):
    viewer = f.user(Role.CASEWORKER)
    waiting = _rows(dashboard.waiting_times(viewer))
    # decided after 1, 2, 3, 4, 5, 10 days and three rejections after 1 day: median 2, 90th percentile 6
    assert list(waiting.values()) == [[2.0, 6.0, 9], [2.0, 2.0, 5]]
    # Eskilstuna's internship is not here; 1 approved and 3 rejected are groups of fewer than 5
    assert _rows(dashboard.outcomes_by_kind(viewer)) == {"Traineejobb": [0, None, 0, 0, 0, 5, 0],
                                                         "Lärlingsjobb": [0, 0, None, 0, 0, 0, 0]}
    assert _rows(dashboard.outcomes_by_field(viewer)) == {FIELD: [0, None, None, 0, 0, 5, 0]}
    months = dashboard.placements_per_month(viewer)
    assert len(months.rows) == 12 and months.rows[-1][0] == f"{NOW.year}-{NOW.month:02d}"
    assert _rows(months)[f"{PLACED_AT.year}-{PLACED_AT.month:02d}"] == [5]
    assert sum(v[0] for v in _rows(months).values()) == 5
    assert _rows(dashboard.seats(viewer)) == {"Traineejobb": [5, 5], "Lärlingsjobb": [0, None]}
    per_person = dashboard.suggestions_per_person(viewer).rows
    assert [label for label, _ in per_person][:5] == ["0", "1", "2–3", "4–6", "7–10"]
    assert [values for _, values in per_person] == [[0], [9], [0], [0], [0], [0]]


def test_an_administrator_sees_every_municipality(seeded, request_context):
    admin = f.user(Role.ADMIN)
    assert len(_rows(dashboard.outcomes_by_kind(admin))) == 3
    assert _rows(dashboard.placements_per_month(admin))[f"{PLACED_AT.year}-{PLACED_AT.month:02d}"] == [10]
    assert _rows(dashboard.outcomes_by_field(admin))[FIELD][5] == 10


def test_page_shows_charts_and_tables_without_small_groups_or_names(seeded, browser):
    viewer = f.user(Role.CASEWORKER)
    browser.login(viewer.email, f.PASSWORD)
    audited = db.session.scalar(select(func.count()).select_from(AuditEvent))
    response = browser.get("/caseworker/dashboard")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    figures = len(dashboard.BUILDERS)  # each figure: a chart and its table
    assert body.count('<svg role="img"') == figures and body.count("<table>") == figures and body.count("<desc id=") == figures
    assert "<td>9</td>" in body and "<td>6,0</td>" in body  # waiting: 9 decisions, 90th percentile 6.0 days
    assert "<td>3</td>" not in body and "<td>1</td>" not in body  # 3 rejected, 1 approved: suppressed
    assert "färre än 5" in body or "fewer than 5" in body
    assert "Namn0" not in body and "Eskil0" not in body and "Lärling0" not in body
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == audited  # aggregates: no audit


def _csv(browser, key):
    response = browser.submit(f"/caseworker/dashboard/{key}.csv", page="/caseworker/dashboard")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # the BOM: Swedish Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_export_suppresses_small_groups(seeded, browser):
    viewer = f.user(Role.CASEWORKER)
    browser.login(viewer.email, f.PASSWORD)
    outcomes = _csv(browser, "outcomes-by-kind")
    assert len(outcomes) == 3 and len(outcomes[0]) == 8
    cells = [cell for row in outcomes[1:] for cell in row[1:]]
    assert "3" not in cells and "1" not in cells and "5" in cells
    assert sum(cell not in ("0", "5") for cell in cells) == 2  # the two suppressed groups say so in words
    assert _csv(browser, "waiting-times")[1][1:] == ["2,0", "6,0", "9"]  # decimal commas
    for key in dashboard.BUILDERS:
        assert _csv(browser, key)[0]
    assert browser.submit("/caseworker/dashboard/no-such-table.csv", page="/caseworker/dashboard").status_code == 404


def test_csv_cells_never_start_a_formula(request_context):
    table = dashboard.Table("t", "T", "", "=group", ["+column"], [("=HYPERLINK(\"x\")", [5]), ("-1+2", [None]),
                                                                  ("@SUM(A1)", [7])])
    rows = list(csv.reader(io.StringIO(dashboard.table_csv(table)[1:]), delimiter=";"))
    assert [row[0] for row in rows] == ["'=group", "'=HYPERLINK(\"x\")", "'-1+2", "'@SUM(A1)"]
    assert rows[0][1] == "'+column" and rows[1][1] == "5"


def test_other_roles_may_not_read_it(seeded, browser, client):
    assert client.get("/caseworker/dashboard").status_code == 302  # to the login page
    for account in (f.user(), f.member(f.organisation())):
        browser.login(account.email, f.PASSWORD)
        assert browser.get("/caseworker/dashboard").status_code == 403
        assert browser.submit("/caseworker/dashboard/seats.csv", page="/").status_code == 403
        browser.logout()
    nowhere = f.user(Role.CASEWORKER, municipality_code=None)
    browser.login(nowhere.email, f.PASSWORD)
    assert browser.get("/caseworker/dashboard").status_code == 404
