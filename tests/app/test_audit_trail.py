"""Every staff read, list, search and export of a person is logged; the log is append-only; the person can read it."""
import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from app.extensions import db
from app.models import AuditEvent, Role
from app.models.audit import AuditTrailIsAppendOnly
from app.services.audit import record_access
from app.background import batches
from tests import factories as f

MARKER = "Zelinde Markörsdóttir"


def _events(actor=None, profile=None) -> int:
    query = select(func.count()).select_from(AuditEvent)
    if actor is not None:
        query = query.where(AuditEvent.actor_id == actor.id)
    if profile is not None:
        query = query.where(AuditEvent.profile_id == profile.id)
    return db.session.scalar(query)


@pytest.fixture
def event():
    e = AuditEvent(actor_id=f.user(Role.CASEWORKER).id, profile_id=f.profile(f.user()).id, action="caseworker_view_profile")
    db.session.add(e)
    db.session.commit()
    return e


def test_an_audit_event_cannot_be_changed(event):
    event.action = "nothing_happened"
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.commit()
    db.session.rollback()


def test_an_audit_event_cannot_be_deleted(event):
    db.session.delete(event)
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize("statement", [
    lambda: update(AuditEvent).values(action="x"),
    lambda: delete(AuditEvent),
    lambda: update(AuditEvent.__table__).values(profile_id=None),
    lambda: delete(AuditEvent.__table__).where(AuditEvent.__table__.c.id > 0),
], ids=["orm-update", "orm-delete", "core-update", "core-delete"])
def test_no_bulk_update_or_delete_of_the_trail(event, statement):
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.execute(statement())
    db.session.rollback()
    assert _events() == 1


def _staff_world():
    """A person in the caseworker's municipality who appears on every kind of staff page."""
    person = f.profile(f.user(), full_name=MARKER)
    m = f.match(person, f.opportunity(), status="suggested")
    event, invitation = f.recruitment_day([m.opportunity], invite=person)
    return person, {"profile_id": person.id, "match_id": m.id, "opportunity_id": m.opportunity_id,
                    "organisation_id": m.opportunity.organisation_id, "municipality": f.VASTERAS,
                    "key": "seats", "batch_id": batches.start_matching(f.VASTERAS), "user_id": person.user_id,
                    "day_id": event.id, "invitation_id": invitation.id}


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.ADMIN])
def test_every_staff_page_that_shows_a_person_writes_an_audit_event(app, browser, role):
    person, params = _staff_world()
    staff = f.user(role, municipality_code=f.VASTERAS)
    browser.login(staff.email, f.PASSWORD)
    showed_the_person = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint.split(".")[0] not in ("caseworker", "admin"):
            continue
        missing = set(rule.arguments) - params.keys()
        assert not missing, f"{rule.endpoint}: give the test a value for {missing}"
        before = _events(staff, person)
        response = browser.get(rule.build({name: params[name] for name in rule.arguments})[1])
        # (a PDF is not UTF-8; its read is checked in tests/app/test_profile_pdf.py)
        if MARKER in response.get_data().decode("utf-8", "replace"):
            showed_the_person.add(rule.endpoint)
            assert _events(staff, person) > before, f"{rule.endpoint} shows a person without an audit event"
    # Exports are POSTs (a link cannot start one); each format shows the person and is audited too.
    for url in ("/caseworker/people.csv", "/caseworker/people.xlsx"):
        before = _events(staff, person)
        response = browser.submit(url, page="/caseworker/people")
        assert response.status_code == 200
        if url.endswith(".csv"):
            assert MARKER in response.get_data(as_text=True)
        assert _events(staff, person) > before, f"{url} exports a person without an audit event"
    # Not vacuous: the pages known to show people did show this one.
    assert {"caseworker.queue", "caseworker.person", "caseworker.people", "caseworker.recruitment_day"} <= showed_the_person


@pytest.mark.parametrize("url, action", [
    ("/caseworker/", "caseworker_queue"),
    (None, "caseworker_view_profile"),
    ("/caseworker/people", "caseworker_list"),
    ("/caseworker/people?q=markörs", "caseworker_search"),
    ("/caseworker/people.csv", "caseworker_export"),
])
def test_each_read_says_who_whom_what_and_when(browser, url, action):
    person, params = _staff_world()
    caseworker = f.user(Role.CASEWORKER)
    browser.login(caseworker.email, f.PASSWORD)
    if url and url.endswith(".csv"):
        browser.submit(url, page="/caseworker/people")
    else:
        browser.get(url or f"/caseworker/people/{person.id}")
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).one()
    assert (event.actor_id, event.profile_id) == (caseworker.id, person.id)
    assert event.at is not None


def test_search_logs_only_the_people_it_found(browser):
    person, _ = _staff_world()
    other = f.profile(f.user(), full_name="Someone Else")
    caseworker = f.user(Role.CASEWORKER)
    browser.login(caseworker.email, f.PASSWORD)
    body = browser.get("/caseworker/people?q=markörs").get_data(as_text=True)
    assert MARKER in body and "Someone Else" not in body
    assert _events(caseworker, person) == 1 and _events(caseworker, other) == 0


def test_the_person_sees_who_read_their_data_without_staff_details(browser):
    me = f.user(locale="en")
    person = f.profile(me)
    caseworker = f.user(Role.CASEWORKER, full_name="Handläggare Hemligsson", municipality_code=f.VASTERAS)
    browser.login(caseworker.email, f.PASSWORD)
    browser.get(f"/caseworker/people/{person.id}")
    browser.logout()
    browser.login(me.email, f.PASSWORD)
    page = browser.get("/me/data/readers").get_data(as_text=True)
    assert "Caseworker" in page and "Västerås" in page and "Read your profile" in page
    assert "Hemligsson" not in page and caseworker.email not in page


def test_the_list_of_readers_is_in_the_persons_language(browser):
    me = f.user(locale="ar")
    f.profile(me)
    browser.login(me.email, f.PASSWORD)
    page = browser.get("/me/data/readers").get_data(as_text=True)
    assert 'lang="ar"' in page and 'dir="rtl"' in page


@pytest.mark.parametrize("sql", [
    "UPDATE audit_event SET action = 'nothing happened'",
    "UPDATE audit_event SET at = at - interval '1 day'",
    "DELETE FROM audit_event",
], ids=["change-action", "change-time", "delete"])
def test_postgresql_itself_refuses_to_change_the_trail(sql):
    """Below the ORM (psql, a script): the database's trigger refuses; only erasure's detaching passes."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the trigger is PostgreSQL's (production); SQLite development databases have the ORM guard only")
    person = f.profile(f.user())
    record_access(f.user(Role.CASEWORKER), person, "viewed")
    db.session.commit()
    with db.engine.connect() as connection:
        with pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(sql))
        connection.rollback()
        connection.execute(text("UPDATE audit_event SET profile_id = NULL, actor_id = NULL"))  # erasure passes
        connection.rollback()
    assert _events() == 1


def test_the_maintenance_setting_works_only_for_the_tables_owner():
    """`jobbrygga.audit_maintenance` is a setting any role may set: the app's own role (not the owner) gains nothing."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the trigger is PostgreSQL's (production)")
    record_access(f.user(Role.CASEWORKER), f.profile(f.user()), "viewed")
    db.session.commit()
    with db.engine.connect() as connection:
        connection.execute(text("CREATE ROLE jobbrygga_test_app"))  # rolled back with the rest
        connection.execute(text("GRANT SELECT, UPDATE, DELETE ON audit_event TO jobbrygga_test_app"))
        connection.execute(text("SET LOCAL jobbrygga.audit_maintenance = 'on'"))
        owner_may = connection.begin_nested()  # the owner (here: the superuser that made the tables) may
        assert connection.execute(text("DELETE FROM audit_event")).rowcount == 1
        owner_may.rollback()
        connection.execute(text("SET LOCAL ROLE jobbrygga_test_app"))
        with pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text("DELETE FROM audit_event"))
        connection.rollback()
    assert _events() == 1
