"""The region's competence: demand beside supply, one step away counted by the matcher's own constraint codes,
programmes to open, goals, suppression under 5 in every view and export, and a planner who reads no person."""
import io
from datetime import date, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.models import JobseekerProfile, MatchEvent, MatchStatus, Opportunity, OpportunityStatus, Role, User
from app.models.need import CompetenceNeed, RegionalGoal
from app.services import competence
from tests import factories as f

WAREHOUSE = f.WAREHOUSE_WORKER
NURSE = f.ASSISTANT_NURSE
WAREHOUSE_FIELD = "Ps1i_4PB_pR3"  # SSYK-1 of Lagerarbetare (administration och kundtjänst)
TODAY = date.today()


def need(org, occupation=WAREHOUSE, headcount=10, horizon=12, **fields):
    fields.setdefault("municipality_code", f.VASTERAS)
    fields.setdefault("stated_on", TODAY)
    row = CompetenceNeed(organisation=org, occupation_id=occupation, headcount=headcount, horizon_months=horizon,
                         **fields)
    db.session.add(row)
    db.session.commit()
    return row


def people(n, name, **fields):
    fields.setdefault("experience", [{"title": "Lagerarbetare", "occupation": WAREHOUSE}])
    fields.setdefault("driving_licences", ["B"])
    return [f.profile(full_name=f"{name}{i} Efternamn", **fields) for i in range(n)]


@pytest.fixture
def region():
    """Västerås: a warehouse job asking for Swedish B1 and licence B; 5 eligible people, 6 lacking only Swedish B1,
    7 only licence B, 8 only training in the occupation (they aim at it and have not done it), 3 lacking two things.
    A need for 12 more warehouse workers who would take people from a programme; 3 people aim at nursing."""
    employer = f.organisation()
    f.opportunity(employer, kind="job", min_swedish="B1", driving_licences=["B"], seats=10)
    need(employer, headcount=12, would_take=["vocational_programme"], min_swedish="B1", driving_licences=["B"])
    people(5, "Klar")
    people(6, "Svenska", swedish_level="A2")
    people(7, "Korkort", driving_licences=[])
    people(8, "Utbildning", experience=[])
    people(3, "Tva", swedish_level="A2", driving_licences=[])
    people(3, "Vard", wanted_occupations=[NURSE], experience=[])
    f.opportunity(employer, kind="trainee_job", occupation_id=NURSE, seats=3)
    return employer


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


def test_one_step_away_matches_a_hand_built_case(region, request_context):
    analysis = competence.analyse((f.VASTERAS,))
    warehouse = analysis[WAREHOUSE]
    assert warehouse.places == 10 and warehouse.needs[12] == 12 and warehouse.demand == 22
    assert warehouse.supply == 29 and warehouse.aim == 29 and warehouse.experienced == 21
    assert warehouse.eligible == 5
    assert dict(warehouse.steps) == {"swedish": 6, "licence": 7, "programme": 8}
    assert warehouse.one_step == 21  # the 3 lacking two things are not one step away
    assert dict(warehouse.step_places["licence"]) == {f.VASTERAS: 7}


def test_a_road_in_needs_no_training_and_distance_is_no_step(region, request_context):
    """A trainee place takes people who have not done the work; someone beyond their travel limit is not one
    step away (moving is not one thing more)."""
    f.opportunity(region, kind="trainee_job", min_swedish="B1", driving_licences=["B"], seats=2)
    people(5, "Kiruna", municipality_code=f.KIRUNA, travel_km=30)
    warehouse = competence.analyse(None)[WAREHOUSE]
    assert warehouse.eligible == 5 + 8  # the untrained are eligible for the trainee place
    assert warehouse.steps["programme"] == 0
    assert warehouse.supply == 29 + 5 and warehouse.one_step == 6 + 7


def test_tables_suppress_groups_under_5(region, request_context):
    tables = {t.key: t for t in competence.tables((f.VASTERAS,))}
    rows = dict(tables["demand-supply"].rows)
    labels = {label for label in rows}
    nurse = next(values for label, values in rows.items() if "ssist" in label or "sköt" in label.lower())
    assert nurse[0] is None and nurse[5] is None  # 3 seats, 3 people: fewer than 5
    warehouse = next(values for label, values in rows.items() if values[0] == 22)
    assert warehouse[5:] == [29, 29, 21, 5, 21]
    assert len(labels) == 2
    for table in tables.values():
        for _label, values in table.rows:
            assert all(v is None or v == 0 or v >= 5 for v in values), table.key


def test_programmes_ranked_with_reasons(region, request_context):
    proposals = competence.programmes((f.VASTERAS,))
    best = proposals[0]
    assert best.occupation == WAREHOUSE and best.kind == "yrkesvux"
    assert best.eligible == 15 and best.needs == 12 and best.met == 12  # training (8) and licence (7)
    labels = competence.STEP_LABELS
    assert [(label, n) for label, n, _where in best.reasons] == [(str(labels["programme"]), 8),
                                                                 (str(labels["licence"]), 7)]
    sfi = next(p for p in proposals if p.kind == "sfi_yrke")
    assert sfi.eligible == 6


def _placed(opportunity, n, at):
    for i in range(n):
        m = f.match(f.profile(full_name=f"Placerad{i} Person"), opportunity, status=MatchStatus.PLACED)
        db.session.add(MatchEvent(match=m, from_status=MatchStatus.INTRODUCED, to_status=MatchStatus.PLACED, at=at))
    db.session.commit()


def test_goal_progress_counts_placements_per_quarter(request_context):
    place = f.opportunity()
    goal = RegionalGoal(area_code="19", occupation_field_id=WAREHOUSE_FIELD, target=100, by_year=2030,
                        created_at=datetime.now(timezone.utc) - timedelta(days=200))
    db.session.add(goal)
    db.session.commit()
    _placed(place, 3, datetime.now(timezone.utc) - timedelta(days=100))
    _placed(place, 6, datetime.now(timezone.utc) - timedelta(days=1))
    progress = competence.goals("19")
    assert len(progress) == 1
    rows = [values for _quarter, values in progress[0].table.rows]
    assert rows[-1] == [5, 100]  # 9 placed, rounded down: no step between quarters reveals the 3
    assert rows[0][0] == 0 and {r[0] for r in rows} <= {0, 5}


def test_pages_and_export_for_a_caseworker(region, browser):
    caseworker = f.user(Role.CASEWORKER)
    browser.login(caseworker.email, f.PASSWORD)
    page = browser.get("/planning/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "fewer than 5" in html or "färre än 5" in html
    response = browser.submit("/planning/demand-supply.xlsx", {"area": f.VASTERAS}, page="/planning/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    nurse_row = next(row for row in values if row[1] is None)
    assert nurse_row[6] is None  # 3 people: an empty cell, not a number
    warehouse_row = next(row for row in values if row[1] == 22)
    assert warehouse_row[6:] == [29, 29, 21, 5, 21] and isinstance(warehouse_row[6], int)
    assert browser.get("/planning/programmes").status_code == 200
    assert browser.get("/planning/goals").status_code == 200


def test_caseworker_sees_only_their_municipality(region, browser):
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.KIRUNA)
    browser.login(caseworker.email, f.PASSWORD)
    html = browser.get(f"/planning/?area={f.VASTERAS}").get_data(as_text=True)  # not theirs: their own instead
    assert "Kiruna" in html and "Västerås" not in html
    assert "<td>29</td>" not in html and "<td>22</td>" not in html


def test_every_export_leaves_small_groups_empty(region, browser):
    """Each figure's XLSX: a count is a number (0, or 5 and more) or an empty cell, never 1–4."""
    db.session.add(RegionalGoal(area_code="19", occupation_field_id=WAREHOUSE_FIELD, target=50, by_year=2030))
    db.session.commit()
    _placed(db.session.scalar(select(Opportunity).where(Opportunity.kind == "job")), 3,
            datetime.now(timezone.utc) - timedelta(days=2))
    admin = f.user(Role.ADMIN)
    browser.login(admin.email, f.PASSWORD)
    goal = db.session.scalar(select(RegionalGoal.id))
    empty = 0
    for figure, area in (("demand-supply", f.VASTERAS), ("one-step", f.VASTERAS), ("trend", f.VASTERAS),
                         ("programmes", f.VASTERAS), (f"goal-{goal}", "19")):
        export = browser.submit(f"/planning/{figure}.xlsx", {"area": area}, page="/planning/")
        assert export.status_code == 200, figure
        rows = list(load_workbook(io.BytesIO(export.data)).active.iter_rows(min_row=2, values_only=True))
        assert rows, figure
        for row in rows:
            assert all(v is None or isinstance(v, str) or v == 0 or v >= 5 for v in row), (figure, row)
            empty += sum(v is None for v in row)
    assert empty >= 5  # the nursing row, the two-thing people, the 3 placements: there were small groups to hide


def test_a_school_opens_a_cohort_as_a_draft(region, browser):
    school = f.organisation(kind="education_provider")
    teacher = f.member(school)
    browser.login(teacher.email, f.PASSWORD)
    page = browser.get("/planning/programmes")
    assert page.status_code == 200
    response = browser.submit("/planning/programmes/open", {"kind": "yrkesvux", "occupation": WAREHOUSE},
                              page="/planning/programmes")
    assert response.status_code == 302
    place = db.session.scalar(select(Opportunity).where(Opportunity.organisation_id == school.id))
    assert place.status == OpportunityStatus.DRAFT and place.kind == "vocational_programme"
    assert place.programme_kind == "yrkesvux" and place.leads_to == [WAREHOUSE]
    assert "15" in place.description and "12" in place.description
    assert f"/organisation/opportunities/{place.id}/edit" in response.headers["Location"]
    assert browser.get(response.headers["Location"]).status_code == 200  # the school's own edit page
    assert browser.get("/planning/").status_code == 403  # a school sees programmes, not the region's people
    export = browser.submit("/planning/programmes.xlsx", {}, page="/planning/programmes")
    assert export.status_code == 200
    assert browser.submit("/planning/demand-supply.xlsx", {}, page="/planning/programmes").status_code == 403


def test_admin_sets_a_goal(browser):
    admin = f.user(Role.ADMIN)
    browser.login(admin.email, f.PASSWORD)
    response = browser.submit("/planning/goals", {"area": "19", "field": WAREHOUSE_FIELD, "target": "4500",
                                                  "by_year": "2030"}, page="/planning/goals")
    assert response.status_code == 302
    goal = db.session.scalar(select(RegionalGoal))
    assert (goal.area_code, goal.target, goal.by_year) == ("19", 4500, 2030)
    assert "4" in browser.get("/planning/goals?area=19").get_data(as_text=True)
    caseworker = f.user(Role.CASEWORKER)
    browser.logout()
    browser.login(caseworker.email, f.PASSWORD)
    response = browser.submit("/planning/goals", {"area": "19", "field": WAREHOUSE_FIELD, "target": "1",
                                                  "by_year": "2030"}, page="/planning/goals")
    assert db.session.scalar(select(RegionalGoal.target)) == 4500  # a caseworker reads goals, sets none


def test_flask_users_create_makes_a_planner(runner):
    result = runner.invoke(args=["users", "create", "planerare@region.example.se", "--role", "planner",
                                 "--municipality", "19"])
    assert result.exit_code == 0, result.output
    planner = db.session.scalar(select(User).where(User.email == "planerare@region.example.se"))
    assert planner.role == Role.PLANNER and planner.municipality_code == "19" and planner.is_staff
    refused = runner.invoke(args=["users", "create", "x@region.example.se", "--role", "planner",
                                  "--municipality", "99"])
    assert refused.exit_code == 1 and "county" in refused.output


def test_a_planner_reads_no_individual(region, app, browser):
    """Every page a planner can open names no person; every person-level route answers 403 or 404."""
    place = db.session.scalar(select(Opportunity).where(Opportunity.kind == "job"))
    placed = f.match(db.session.scalar(select(JobseekerProfile).limit(1)), place, status=MatchStatus.PLACED)
    db.session.add(RegionalGoal(area_code="19", occupation_field_id=WAREHOUSE_FIELD, target=50, by_year=2030))
    db.session.commit()
    planner = f.user(Role.PLANNER, full_name="Planerare Region")
    response = browser.login(planner.email, f.PASSWORD)
    assert response.headers["Location"].endswith("/planning/")  # the planner's home: the region's overview
    names = [p.full_name for p in db.session.scalars(select(JobseekerProfile))]
    surnames = {"Efternamn"}  # every test person has it (names checks the whole names too)
    pages = ["/planning/", "/planning/?area=1980&quarters=4", "/planning/programmes", "/planning/goals",
             "/planning/goals?area=19", "/planning/?area=19"]
    for url in pages:
        response = browser.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert not any(name in html for name in names), url
        assert not any(word in html for word in surnames), url
        assert "/caseworker/people/" not in html, url
    for figure in ("demand-supply", "one-step", "trend", "programmes", f"goal-{db.session.scalar(select(RegionalGoal.id))}"):
        export = browser.submit(f"/planning/{figure}.xlsx", {"area": "19"}, page="/planning/")
        assert export.status_code == 200, figure
        text = " ".join(str(c.value) for row in load_workbook(io.BytesIO(export.data)).active.iter_rows() for c in row)
        assert not any(word in text for word in surnames), figure
    person = db.session.scalar(select(JobseekerProfile).limit(1))
    allowed = {"planning.overview", "planning.export", "planning.programmes", "planning.goals", "auth.change_password",
               "auth.two_factor_remove"}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in allowed or rule.endpoint.startswith(("main.", "auth.", "static", "health.", "api")):
            continue
        values = {"profile_id": person.id, "match_id": placed.id, "opportunity_id": place.id, "user_id": planner.id,
                  "organisation_id": region.id, "municipality": f.VASTERAS, "key": "seats", "fmt": "csv",
                  "place_id": place.id, "key_id": 1, "action": "no", "day_id": 1, "invitation_id": 1,
                  "batch_id": "x", "figure": "x", "goal_id": 1, "need_id": 1, "code": "en", "filename": "x", "token": "x"}
        url = rule.build({name: values[name] for name in rule.arguments})[1]
        response = browser.get(url) if "GET" in rule.methods else browser.submit(url, page="/planning/")
        assert response.status_code in (403, 404, 405), f"{rule.endpoint}: {response.status_code}"


def test_the_shared_analysis_follows_changes(region, request_context):
    """Pages share one analysis per area while nothing changed; a new person or a withdrawn need shows at once."""
    def warehouse():
        return next(values for _label, values in competence.tables((f.VASTERAS,))[0].rows if values[0])

    assert warehouse()[5] == 29
    people(5, "Ny")
    assert warehouse()[5] == 34
    row = db.session.scalar(select(CompetenceNeed))
    row.status = "withdrawn"
    db.session.commit()
    assert warehouse()[0] == 10


def test_no_hidden_group_can_be_worked_out_by_subtraction():
    assert competence.with_total(11, [4, 7]) == (11, [None, None])  # 11 - 7 would give the 4
    assert competence.with_total(9, [4, 5, 0]) == (9, [None, None, 0])  # 4 and 5 hidden together: 9
    assert competence.with_total(3, [3, 0]) == (None, [None, 0])  # no part left to hide: the total goes
    assert competence.with_total(14, [3, 6, 5]) == (14, [None, 6, None])  # the smallest shown goes too: 3 + 5
    assert competence.with_total(10, [5, 5, 0]) == (10, [5, 5, 0])
    assert competence.with_total(12, [2, 3, 7]) == (12, [None, None, 7])  # 2 + 3 hidden: their sum is 5
