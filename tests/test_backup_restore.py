"""Backups restore into a fresh database that then works: same rows, people can log in, /readyz is ready.

SQLite through the online backup API, PostgreSQL (when DATABASE_URL is set) through pg_dump/pg_restore
into a second database on the same server.
"""
import argon2.profiles
import pytest
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from app.services.demo import DEMO_DOMAIN, DEMO_PASSWORD, seed_demo
from app.services.taxonomy_import import import_taxonomy
from tests import factories as f
from tests.conftest import TEST_CONCEPT_TYPES, Browser
from tests.databases import empty_database, row_counts


def _app(url):
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-that-is-long-enough",
                       "PASSWORD_HASH_PARAMETERS": argon2.profiles.CHEAPEST, "SQLALCHEMY_DATABASE_URI": url})


def _cli(app, *args):
    """Run a flask command on app (pushed here: the suite's own app context is active in every test)."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


@pytest.fixture
def source(tmp_path):
    """A database built the production way (migrations, taxonomy, demo data)."""
    with empty_database(tmp_path, "backup_source") as url:
        app = _app(url)
        with app.app_context():
            upgrade()
            import_taxonomy(types=TEST_CONCEPT_TYPES)
            assert seed_demo()
            db.session.remove()
        yield app
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def target(tmp_path):
    """An app on a second, empty database."""
    with empty_database(tmp_path, "backup_target") as url:
        app = _app(url)
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _counts(app):
    with app.app_context():
        return row_counts(db.engine)


def test_backup_restored_into_a_fresh_database_works(source, target, tmp_path):
    backup = tmp_path / "backups" / "jobbrygga.backup"
    created = _cli(source, "backup", "create", str(backup))
    assert created.exit_code == 0, created.output
    assert "written to" in created.output and backup.stat().st_size > 0
    assert backup.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only
    before = _counts(source)
    assert before["user"] >= 10 and before["opportunity"] >= 90 and before["alembic_version"] == 1

    restored = _cli(target, "backup", "restore", str(backup))
    assert restored.exit_code == 0, restored.output
    assert _counts(target) == before

    with target.app_context():
        client = target.test_client()
        assert client.get("/readyz").get_json() == {"database": "ok", "migrations": "head"}
        browser = Browser(target, client)
        browser.login(f"jobbsokare@{DEMO_DOMAIN}", DEMO_PASSWORD)
        assert "Amal Hassan" in browser.get("/me/data").get_data(as_text=True)
        browser.logout()
        browser.login(f"handlaggare.vasteras@{DEMO_DOMAIN}", DEMO_PASSWORD)  # with the TOTP second step
        assert browser.get("/caseworker/").status_code == 200
        # New rows get fresh ids (PostgreSQL's sequences came back with the data).
        newcomer = f.user(email="after.restore@example.se")
        assert newcomer.id > max(before["user"], 0)


def test_restore_refuses_a_database_that_has_tables(source, target, tmp_path):
    backup = tmp_path / "jobbrygga.backup"
    assert _cli(source, "backup", "create", str(backup)).exit_code == 0
    with target.app_context():
        db.create_all()
        f.user(email="kept@example.se")
    before = _counts(target)
    refused = _cli(target, "backup", "restore", str(backup))
    assert refused.exit_code != 0 and "not empty" in refused.output and "--force" in refused.output
    assert _counts(target) == before  # untouched
    forced = _cli(target, "backup", "restore", "--force", str(backup))
    assert forced.exit_code == 0, forced.output
    after = _counts(target)
    assert after == _counts(source)


def test_a_file_that_is_not_a_backup_is_refused(target, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup\n")
    refused = _cli(target, "backup", "restore", str(junk))
    assert refused.exit_code != 0 and "Error" in refused.output
    assert "Traceback" not in refused.output
