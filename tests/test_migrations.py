"""Migrations build the schema from nothing, match the models exactly, and go down and up again with data."""
import argon2.profiles
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select

from app import create_app
from app.presentation.consent_texts import CONSENT_TEXT_VERSION
from app.extensions import db
from app.models import Concept, JobseekerProfile, Match, MatchStatus, User
from app.services import cases
from app.services.audit import record_access
from app.services.consents import agree_to_introduction
from app.services.retention import save_settings
from app.operations.health import MIGRATIONS_DIR
from app.services.demo import DEMO_DOMAIN, DEMO_PASSWORD, VASTERAS, seed_demo
from app.services.suggestions import suggest_for_area
from app.services.taxonomy_import import import_taxonomy
from tests.conftest import TEST_CONCEPT_TYPES, Browser
from tests.databases import empty_database, row_counts


@pytest.fixture
def migrated_app(tmp_path):
    with empty_database(tmp_path) as url:
        app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": url,
                          "PASSWORD_HASH_PARAMETERS": argon2.profiles.CHEAPEST})
        with app.app_context():
            yield app
            db.session.remove()
            db.engine.dispose()


def _drift() -> list:
    with db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), db.metadata)


def _revisions() -> list[str]:
    """Every revision, newest first (one line of history: a branch would need a merge revision)."""
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    assert len(script.get_heads()) == 1, "several heads: add a merge migration"
    return [revision.revision for revision in script.walk_revisions()]


def _seed() -> dict[str, int]:
    """Demo data and a matching run: rows in most tables, written by the app's own services."""
    import_taxonomy(types=TEST_CONCEPT_TYPES)
    assert seed_demo()
    suggest_for_area(VASTERAS)
    # One case walked through approval and consent (match_event, consent), a staff read (audit_event),
    # a municipality's retention settings.
    caseworker = db.session.scalar(select(User).where(User.email == f"handlaggare.vasteras@{DEMO_DOMAIN}"))
    match = db.session.scalars(select(Match).where(Match.status == MatchStatus.SUGGESTED)
                               .join(Match.profile).where(JobseekerProfile.user_id.is_not(None))).first()
    cases.move(match, MatchStatus.APPROVED, caseworker, minor_checked=True)
    agree_to_introduction(match, match.profile.user, CONSENT_TEXT_VERSION)
    record_access(caseworker, match.profile, "caseworker_view_profile")
    save_settings(VASTERAS, 400, 200)
    db.session.commit()
    db.session.remove()
    return row_counts(db.engine)


def test_upgrade_builds_the_schema_without_drift(migrated_app):
    upgrade()
    tables = set(inspect(db.engine).get_table_names())
    assert {"user", "jobseeker_profile", "opportunity", "match", "concept", "audit_event"} <= tables
    assert _drift() == []


def test_the_longest_taxonomy_ids_fit(migrated_app):
    """ESCO's URIs (up to 74 characters) are concept ids: PostgreSQL enforces the column length, SQLite does not."""
    upgrade()
    counts = import_taxonomy(types={"esco_occupation", "isco_group"})
    assert counts["concepts_added"] > 1000
    longest = select(func.max(func.length(Concept.id)))
    assert db.session.scalar(longest) >= 70
    isco = db.session.scalar(select(func.count()).where(Concept.type == "isco_group"))
    db.session.remove()  # no open transaction of ours may hold a lock the migration waits for
    downgrade(revision="0003")  # the schema before: the ids that no longer fit go, the others stay
    assert db.session.scalar(longest) <= 64
    assert db.session.scalar(select(func.count()).where(Concept.type == "isco_group")) == isco
    db.session.remove()
    upgrade()
    assert _drift() == []


def test_downgrade_and_upgrade_again(migrated_app):
    upgrade()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert _drift() == []


def test_each_downgrade_keeps_the_data_of_the_tables_it_leaves(migrated_app):
    """Head → one revision down at a time → head again → base → head, with the demo data in the tables."""
    upgrade()
    at_head = _seed()
    filled = {name for name, rows in at_head.items() if rows}
    assert {"user", "organisation", "opportunity", "jobseeker_profile", "match", "match_event", "consent",
            "audit_event", "municipality_settings", "concept"} <= filled

    revisions = _revisions()
    for below in revisions[1:]:
        downgrade(revision="-1")
        db.session.remove()
        counts = row_counts(db.engine)
        assert {name: at_head[name] for name in counts} == counts, f"rows lost going down to {below}"
    oldest = row_counts(db.engine)

    upgrade()
    db.session.remove()
    again = row_counts(db.engine)
    assert {name: again[name] for name in oldest} == oldest, "rows lost going up again"
    assert again.keys() == at_head.keys() and _drift() == []
    # The app works on the data that went down and up: a person logs in and sees their own data.
    browser = Browser(migrated_app, migrated_app.test_client())
    browser.login(f"jobbsokare@{DEMO_DOMAIN}", DEMO_PASSWORD)
    assert "Amal Hassan" in browser.get("/me/data").get_data(as_text=True)
    assert migrated_app.test_client().get("/readyz").status_code == 200

    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert _drift() == [] and sum(row_counts(db.engine).values()) == 1  # only alembic_version's row
