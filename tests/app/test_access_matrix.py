"""Every route × every role: deny by default, proven by walking app.url_map."""
import pytest

from app.background import batches
from app.extensions import db
from app.models import ApiKeyKind, Role
from app.models.need import RegionalGoal
from app.services import api_keys
from tests import factories as f

PUBLIC = "public"
ROLES = [None, *Role]  # None: anonymous
STAFF = {Role.CASEWORKER, Role.ADMIN}
ORGS = {Role.EMPLOYER, Role.EDUCATION_PROVIDER}

# The decision for every endpoint. A route missing here fails test_every_route_has_a_decision.
EXPECTED = {
    "static": PUBLIC,
    "main.index": PUBLIC,
    "main.set_language": PUBLIC,
    "main.concept_search": PUBLIC,
    "main.keepalive": PUBLIC,
    "main.keep_draft": PUBLIC,
    "main.help_page": PUBLIC,
    "main.accessibility": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": PUBLIC,
    "auth.register": PUBLIC,
    "auth.register_complete": PUBLIC,
    "auth.register_sent": PUBLIC,
    "auth.register_organisation_view": PUBLIC,
    "auth.two_factor_code": PUBLIC,
    "auth.two_factor_setup": PUBLIC,
    "auth.two_factor_remove": set(Role),
    "auth.reset_request": PUBLIC,
    "auth.reset_password": PUBLIC,
    "auth.accept_invitation": PUBLIC,
    "auth.change_password": set(Role),
    "jobseeker.home": {Role.JOBSEEKER},
    "jobseeker.profile": {Role.JOBSEEKER},
    "jobseeker.respond": {Role.JOBSEEKER},
    "jobseeker.withdraw": {Role.JOBSEEKER},
    "jobseeker.confirm": {Role.JOBSEEKER},
    "jobseeker.my_applications": {Role.JOBSEEKER},
    "jobseeker.swedish_beside": {Role.JOBSEEKER},
    "jobseeker.privacy": {Role.JOBSEEKER},
    "jobseeker.my_data": {Role.JOBSEEKER},
    "jobseeker.my_data_json": {Role.JOBSEEKER},
    "jobseeker.access_log": {Role.JOBSEEKER},
    "jobseeker.delete_account": {Role.JOBSEEKER},
    "main.account_deleted": PUBLIC,
    "employer.home": ORGS,
    "employer.opportunity_new": ORGS,
    "employer.opportunity_edit": ORGS,
    "employer.opportunity_view": ORGS,
    "employer.record_outcome": ORGS,
    "employer.opportunity_close": ORGS,
    "employer.opportunity_reopen": ORGS,
    "employer.recruitment_days": ORGS,
    "employer.recruitment_day": ORGS,
    "employer.recruitment_interest": ORGS,
    "employer.needs": ORGS,
    "employer.need_new": ORGS,
    "employer.need_edit": ORGS,
    "employer.need_withdraw": ORGS,
    "employer.need_restate": ORGS,
    "caseworker.organisation_needs": STAFF,
    "caseworker.recruitment_days": STAFF,
    "caseworker.recruitment_day_new": STAFF,
    "caseworker.recruitment_day": STAFF,
    "caseworker.recruitment_invite": STAFF,
    "caseworker.recruitment_attendance": STAFF,
    "caseworker.late_answers": STAFF,
    "jobseeker.recruitment_days": {Role.JOBSEEKER},
    "jobseeker.recruitment_sign_up": {Role.JOBSEEKER},
    "jobseeker.recruitment_cancel": {Role.JOBSEEKER},
    "caseworker.queue": STAFF,
    "caseworker.decide": STAFF,
    "caseworker.person": STAFF,
    "caseworker.people": STAFF,
    "caseworker.people_export": STAFF,
    "caseworker.protected_identity": STAFF,
    "caseworker.organisations": STAFF,
    "caseworker.approve_organisation": STAFF,
    "caseworker.reject_organisation": STAFF,
    "caseworker.suspend_organisation": STAFF,
    "caseworker.lift_organisation_suspension": STAFF,
    "caseworker.proposal": STAFF,
    "caseworker.skip": STAFF,
    "caseworker.bulk_decide": STAFF,
    "caseworker.follow_ups": STAFF,
    "caseworker.follow_up": STAFF,
    "caseworker.caseload": STAFF,
    "caseworker.take_on": STAFF,
    "caseworker.assign": STAFF,
    "caseworker.person_new": STAFF,
    "caseworker.person_edit": STAFF,
    "caseworker.add_note": STAFF,
    "caseworker.person_data": STAFF,
    "caseworker.person_data_json": STAFF,
    "caseworker.person_erase": STAFF,
    "caseworker.correct_reading": STAFF,
    "caseworker.dashboard_page": STAFF,
    "caseworker.dashboard_csv": STAFF,
    "admin.home": {Role.ADMIN},
    "admin.privacy": {Role.ADMIN},
    "admin.retention_settings": {Role.ADMIN},
    "admin.staff": {Role.ADMIN},
    "admin.staff_invite": {Role.ADMIN},
    "admin.staff_member": {Role.ADMIN},
    "admin.staff_new_link": {Role.ADMIN},
    "admin.staff_deactivate": {Role.ADMIN},
    "admin.staff_reactivate": {Role.ADMIN},
    "admin.staff_move": {Role.ADMIN},
    "admin.municipalities": {Role.ADMIN},
    "admin.municipality_settings": {Role.ADMIN},
    "jobseeker.satisfaction_answer": {Role.JOBSEEKER},
    "employer.satisfaction_answer": ORGS,
    "caseworker.start_batch": STAFF,
    "caseworker.batch": STAFF,
    "caseworker.batch_progress": STAFF,
    "jobseeker.messages": {Role.JOBSEEKER},
    "jobseeker.places": {Role.JOBSEEKER},
    "jobseeker.interest": {Role.JOBSEEKER},
    "jobseeker.profile_download": {Role.JOBSEEKER},
    "caseworker.unreachable": STAFF,
    "caseworker.person_pdf": STAFF,
    "health.healthz": PUBLIC,
    "health.readyz": PUBLIC,
    # API keys are made on pages (cookie session, CSRF)
    "employer.api_keys_page": ORGS,
    "employer.revoke_api_key": ORGS,
    "caseworker.api_keys_page": STAFF,
    "caseworker.revoke_api_key": STAFF,
    # /api/v1: public, or a key from the Authorization header; a cookie session never authenticates (401)
    "api-docs.openapi_json": PUBLIC,
    "api_docs_page.docs": PUBLIC,
    "api_places.list_places": PUBLIC,
    "api_places.get_place": PUBLIC,
    "api_taxonomy.search": PUBLIC,
    "api_organisation.list_own": ApiKeyKind.ORGANISATION,
    "api_organisation.create": ApiKeyKind.ORGANISATION,
    "api_organisation.get_own": ApiKeyKind.ORGANISATION,
    "api_organisation.update": ApiKeyKind.ORGANISATION,
    "api_organisation.close": ApiKeyKind.ORGANISATION,
    "api_statistics.statistics": ApiKeyKind.MUNICIPALITY,
    "api_needs.list_needs": ApiKeyKind.ORGANISATION,
    "api_needs.create_need": ApiKeyKind.ORGANISATION,
    "api_needs.update_need": ApiKeyKind.ORGANISATION,
    "api_needs.withdraw_need": ApiKeyKind.ORGANISATION,
    # the region's competence needs: aggregated figures for staff and planners; schools see programmes to open
    "planning.overview": STAFF | {Role.PLANNER},
    "planning.export": STAFF | {Role.PLANNER},  # schools only the programmes figure (tests/app/test_competence.py)
    "planning.programmes": STAFF | {Role.PLANNER, Role.EDUCATION_PROVIDER},
    "planning.open_cohort": {Role.EDUCATION_PROVIDER},
    "planning.goals": STAFF | {Role.PLANNER},
    "planning.goal_delete": {Role.ADMIN},
}


def test_every_route_has_a_decision(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - EXPECTED.keys() == set(), "new routes need an access decision in EXPECTED"
    assert EXPECTED.keys() - endpoints == set(), "EXPECTED names routes that no longer exist"


def _world():
    """One user per role, each with objects of their own to address."""
    users, params = {}, {}
    for role in Role:
        org = f.organisation(kind=role.value) if role in ORGS else f.organisation()
        account = f.member(org) if role in ORGS else f.user(role)
        seeker = f.user(Role.JOBSEEKER) if role != Role.JOBSEEKER else account
        person = f.profile(seeker)
        opp = f.opportunity(org)
        m = f.match(person, opp, status="approved")
        event, invitation = f.recruitment_day([opp], invite=person)
        need = _need(org, account)
        goal = RegionalGoal(area_code="19", occupation_field_id="Ps1i_4PB_pR3", target=10, by_year=2030)
        db.session.add(goal)
        db.session.commit()
        users[role] = account
        key_id = 0
        if role in ORGS:
            key_id = api_keys.create_organisation_key(org, "ATS", account)[0].id
        elif role in STAFF:
            key_id = api_keys.create_municipality_key(f.VASTERAS, "BI", account)[0].id
        params[role] = {"profile_id": person.id, "opportunity_id": opp.id, "match_id": m.id, "code": "en",
                        "filename": "style.css", "organisation_id": org.id, "token": "not-a-token",
                        "municipality": f.VASTERAS, "key": "seats", "user_id": account.id, "place_id": opp.id,
                        "key_id": key_id, "action": "no", "day_id": event.id, "invitation_id": invitation.id,
                        "fmt": "csv", "need_id": need.id, "figure": "demand-supply", "goal_id": goal.id}
    batch = batches.start_matching(f.VASTERAS)  # a background matching run (in-process without REDIS_URL)
    for values in params.values():
        values["batch_id"] = batch
    return users, params


def _need(org, by):
    """A competence need of org (app/models/need.py), as its member or a caseworker would record it."""
    from datetime import date

    from app.extensions import db
    from app.models.need import CompetenceNeed

    need = CompetenceNeed(organisation_id=org.id, occupation_id=f.WAREHOUSE_WORKER, headcount=3, horizon_months=12,
                          municipality_code=f.VASTERAS, stated_on=date.today(), created_by_id=by.id)
    db.session.add(need)
    db.session.commit()
    return need


def _rules(app):
    return [rule for rule in app.url_map.iter_rules()]


@pytest.mark.parametrize("role", ROLES, ids=lambda r: str(r or "anonymous"))
def test_role_matrix(app, browser, role):
    users, params = _world()
    if role is not None:
        browser.login(users[role].email, f.PASSWORD)
    for rule in _rules(app):
        values = {name: params[role or Role.JOBSEEKER][name] for name in rule.arguments}
        url = rule.build(values)[1]
        if "GET" in rule.methods:
            response = browser.get(url)
        elif "POST" in rule.methods:
            response = browser.submit(url, page="/auth/login" if role is None else "/")
        else:  # PATCH (the API): with the page's CSRF token too, which must not help
            token = browser.token("/auth/login" if role is None else "/")
            response = browser._open(sorted(rule.methods - {"OPTIONS", "HEAD"})[0], url, data={"csrf_token": token})
        allowed = EXPECTED[rule.endpoint]
        where = f"{rule.endpoint} as {role or 'anonymous'}: {response.status_code}"
        location = response.headers.get("Location", "")
        if isinstance(allowed, ApiKeyKind):  # only a key authenticates: a cookie session is nobody here
            assert response.status_code == 401 and response.mimetype == "application/problem+json", where
        elif allowed == PUBLIC:
            assert response.status_code in (200, 204, 302), where  # 204: the session keepalive
        elif role is None:
            assert response.status_code == 302 and "/auth/login" in location, where
        elif role in allowed:
            assert response.status_code in (200, 302, 400), where
            assert "/auth/login" not in location, where
        else:
            assert response.status_code == 403, where
        if rule.endpoint == "auth.logout" and role is not None:
            browser.login(users[role].email, f.PASSWORD)


KEY_KINDS = ["none", "malformed", "organisation", "organisation-revoked", "other-organisation", "municipality",
             "municipality-revoked"]


@pytest.mark.parametrize("kind", KEY_KINDS)
def test_api_key_matrix(app, client, kind):
    """Every /api/v1 route × every kind of key: the right key works, a wrong kind is 403, none or revoked 401."""
    org = f.organisation()
    own = f.opportunity(org)
    maker = f.member(org)
    own_need = _need(org, maker)
    tokens = {"none": None, "malformed": "jb_not-a-key"}
    for name, revoke in (("organisation", False), ("organisation-revoked", True)):
        key, tokens[name] = api_keys.create_organisation_key(org, name, maker)
        if revoke:
            api_keys.revoke(key, maker)
    other = f.organisation()
    tokens["other-organisation"] = api_keys.create_organisation_key(other, "other", f.member(other))[1]
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    for name, revoke in (("municipality", False), ("municipality-revoked", True)):
        key, tokens[name] = api_keys.create_municipality_key(f.VASTERAS, name, caseworker)
        if revoke:
            api_keys.revoke(key, caseworker)
    token = tokens[kind]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")]
    assert len(rules) == 15
    for rule in rules:
        method = next(m for m in ("POST", "PATCH", "GET") if m in rule.methods)
        url = rule.build({name: {"place_id": own.id, "need_id": own_need.id}[name] for name in rule.arguments})[1]
        response = client.open(url, method=method, headers=headers, json={} if method != "GET" else None)
        allowed = EXPECTED[rule.endpoint]
        where = f"{method} {rule.endpoint} with {kind}: {response.status_code}"
        if allowed == PUBLIC:
            assert response.status_code == 200, where
        elif kind == "other-organisation" and allowed == ApiKeyKind.ORGANISATION:
            assert response.status_code in (200, 404, 422), where  # its own (empty) list, never this place
            assert response.status_code != 200 or not {"place_id", "need_id"} & set(rule.arguments), where
        elif kind == allowed:
            assert response.status_code in (200, 201, 422), where  # 422: the empty body of a new place
        elif kind in ("organisation", "municipality", "other-organisation"):
            assert response.status_code == 403, where
        else:
            assert response.status_code == 401, where
        assert response.status_code < 300 or response.mimetype == "application/problem+json", where


def test_other_organisations_objects_are_not_found(browser):
    mine, theirs = f.organisation(), f.organisation()
    employer = f.member(mine)
    their_opp = f.opportunity(theirs)
    their_match = f.match(f.profile(f.user()), their_opp, status="introduced")
    browser.login(employer.email, f.PASSWORD)
    assert browser.get(f"/organisation/opportunities/{their_opp.id}").status_code == 404
    assert browser.get(f"/organisation/opportunities/{their_opp.id}/edit").status_code == 404
    response = browser.submit(f"/organisation/candidates/{their_match.id}/outcome", {"outcome": "placed"}, page="/")
    assert response.status_code == 404


def test_caseworker_sees_only_own_municipality(browser):
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    elsewhere = f.profile(f.user(), municipality_code=f.ESKILSTUNA)
    m = f.match(elsewhere, f.opportunity())
    browser.login(caseworker.email, f.PASSWORD)
    assert browser.get(f"/caseworker/people/{elsewhere.id}").status_code == 404
    assert browser.submit(f"/caseworker/matches/{m.id}/decide", {"decision": "approved"}, page="/").status_code == 404
    assert elsewhere.full_name not in browser.get("/caseworker/").get_data(as_text=True)


def test_jobseeker_cannot_answer_someone_elses_suggestion(browser):
    me, other = f.user(), f.user()
    f.profile(me)
    theirs = f.match(f.profile(other), f.opportunity(), status="approved")
    browser.login(me.email, f.PASSWORD)
    assert browser.submit(f"/me/matches/{theirs.id}/respond", {"answer": "yes"}, page="/me/").status_code == 404


def test_post_without_csrf_token_is_refused(browser):
    response = browser.post("/auth/login", data={"email": "a@b.se", "password": "x" * 12})
    assert response.status_code == 400


def _all_rows() -> dict[str, list]:
    """Every row of every table, except the audit trail (reads are meant to write there) and the taxonomy."""
    from sqlalchemy import select

    from app.extensions import db

    db.session.expire_all()
    skip = {"audit_event", "concept", "concept_label", "concept_relation"}
    return {table.name: sorted(map(repr, db.session.execute(select(table)).all()))
            for table in db.metadata.sorted_tables if table.name not in skip}


@pytest.mark.parametrize("role", ROLES, ids=lambda r: str(r or "anonymous"))
def test_get_never_writes(app, browser, role):
    users, params = _world()
    if role is not None:
        browser.login(users[role].email, f.PASSWORD)
    before = _all_rows()
    for rule in _rules(app):
        if "GET" in rule.methods and rule.endpoint != "auth.logout":
            browser.get(rule.build({name: params[role or Role.JOBSEEKER][name] for name in rule.arguments})[1])
    assert _all_rows() == before
