"""Retention with time travel: inactive profiles are hidden, then deleted, per municipality setting."""
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from app.extensions import db
from app.models import JobseekerProfile, Match, MunicipalitySettings, Role, User
from app.services import suggestions
from app.services.retention import apply_retention
from tests import factories as f

TODAY = date(2031, 3, 15)


def _last_active(days_ago: int, **fields) -> JobseekerProfile:
    """A profile last active at noon UTC, days_ago days before TODAY."""
    when = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time(), timezone.utc) + timedelta(hours=12)
    return f.profile(f.user(), last_active_at=when, **fields)


def _reload(profile_id):
    db.session.expire_all()
    return db.session.get(JobseekerProfile, profile_id)


def test_just_under_the_limit_is_kept_over_it_is_hidden_then_deleted_later():
    kept, over = _last_active(365), _last_active(366)
    kept_id, over_id, over_user = kept.id, over.id, over.user_id

    report = apply_retention(TODAY)
    assert (report.hidden, report.deleted) == (1, 0)
    assert _reload(kept_id).hidden_at is None
    assert _reload(over_id).hidden_at is not None

    # Hidden for exactly the default 180 days: still there; one day more: erased with the account.
    assert apply_retention(TODAY + timedelta(days=180)).deleted == 0
    assert _reload(over_id) is not None
    assert apply_retention(TODAY + timedelta(days=181)).deleted == 1
    assert _reload(over_id) is None
    assert db.session.get(User, over_user) is None


def test_each_municipality_keeps_its_own_numbers():
    db.session.add(MunicipalitySettings(municipality_code=f.ESKILSTUNA, hide_after_days=30, delete_after_days=10))
    db.session.commit()
    strict, default = _last_active(31, municipality_code=f.ESKILSTUNA), _last_active(31)
    apply_retention(TODAY)
    assert _reload(strict.id).hidden_at is not None
    assert _reload(default.id).hidden_at is None
    apply_retention(TODAY + timedelta(days=11))
    assert _reload(strict.id) is None and _reload(default.id) is not None


def test_the_command_moves_time(runner):
    hidden = _last_active(400)
    result = runner.invoke(args=["privacy", "retention", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "profiles hidden 1, deleted 0" in result.output
    assert _reload(hidden.id).hidden_at is not None
    assert runner.invoke(args=["privacy", "retention", "--today", "not-a-date"]).exit_code != 0


def test_hidden_profiles_get_no_suggestions_and_leave_caseworker_lists(browser):
    visible = f.profile(f.user(), full_name="Synlig Person")
    hidden = f.profile(f.user(), full_name="Dold Person", hidden_at=datetime.now(timezone.utc))
    f.opportunity()
    assert suggestions.suggest_for_area(f.VASTERAS) >= 1
    matched = set(db.session.scalars(select(Match.profile_id)))
    assert visible.id in matched and hidden.id not in matched

    f.match(hidden, f.opportunity(title="Annat jobb"))
    caseworker = f.user(Role.CASEWORKER)
    browser.login(caseworker.email, f.PASSWORD)
    for url in ("/caseworker/", "/caseworker/people", "/caseworker/people.csv"):
        response = browser.submit(url, page="/caseworker/people") if url.endswith(".csv") else browser.get(url)
        assert "Dold Person" not in response.get_data(as_text=True), url
    assert "Synlig Person" in browser.get("/caseworker/people").get_data(as_text=True)


def test_logging_in_or_saving_the_profile_counts_as_activity(browser):
    me = f.user(locale="en")
    long_ago = datetime(2020, 1, 1, tzinfo=timezone.utc)
    person = f.profile(me, last_active_at=long_ago, hidden_at=long_ago)
    browser.login(me.email, f.PASSWORD)
    person = _reload(person.id)
    assert person.hidden_at is None and person.last_active_at.year >= date.today().year

    from app.services.profiles import save_profile

    person.last_active_at, person.hidden_at = long_ago, long_ago
    db.session.commit()
    save_profile(person, {"about": "Nytt"}, user=me)
    person = _reload(person.id)
    assert person.hidden_at is None and person.last_active_at.year >= date.today().year


def test_administrators_set_the_numbers_per_municipality(browser):
    admin = f.user(Role.ADMIN, locale="en")
    browser.login(admin.email, f.PASSWORD)
    response = browser.submit("/admin/privacy/retention", {"municipality_code": f.KIRUNA, "hide_after_days": "90",
                                                           "delete_after_days": "30"}, page="/admin/privacy")
    assert response.status_code == 302
    row = db.session.get(MunicipalitySettings, f.KIRUNA)
    assert (row.hide_after_days, row.delete_after_days) == (90, 30)
    assert "Kiruna" in browser.get("/admin/privacy").get_data(as_text=True)
    bad = browser.submit("/admin/privacy/retention", {"municipality_code": f.KIRUNA, "hide_after_days": "-1",
                                                      "delete_after_days": "x"}, page="/admin/privacy")
    assert bad.status_code == 200 and "error-summary" in bad.get_data(as_text=True)
    assert db.session.get(MunicipalitySettings, f.KIRUNA).hide_after_days == 90
