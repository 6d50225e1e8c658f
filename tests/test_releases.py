"""Rollback support: `flask db-release` maps releases to schema revisions; `flask db downgrade` warns first."""
import pytest
from flask_migrate import upgrade

from app import create_app
from app.operations import releases
from app.extensions import db


@pytest.fixture
def own_database(tmp_path):
    """A second app on a database of its own, migrated to head with `flask setup`'s record (never the suite's)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-that-is-long-enough",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'rollback.sqlite3'}"})
    with app.app_context():
        upgrade()
        releases.record_release()
        yield app, app.test_cli_runner()
        db.session.remove()
        db.engine.dispose()


def test_db_release_prints_this_release_its_revision_and_the_database(own_database):
    app, runner = own_database
    result = runner.invoke(args=["db-release"])
    assert result.exit_code == 0, result.output
    assert f"this release: jobbrygga {releases.release_name()}, schema revision {releases.head()}" in result.output
    assert f"the database: revision {releases.head()} (at head)" in result.output
    assert f"{releases.release_name():<24} {releases.head()}" in result.output  # recorded by setup
    assert "0007  the audit trail is append-only" in result.output and "[downgrade: the audit trail" in result.output


def test_a_downgrade_that_removes_a_protection_warns_and_asks_first(own_database):
    app, runner = own_database
    below_staff_accounts = releases.script().get_revision("0015").down_revision
    result = runner.invoke(args=["db", "downgrade", below_staff_accounts], input="n\n")
    assert result.exit_code == 1 and "WARNING: going below 0015: deactivated staff accounts can log in again" \
        in result.output and "Downgrade anyway?" in result.output
    assert releases.database_revision() == releases.head(), "nothing was downgraded"

    result = runner.invoke(args=["db", "downgrade", below_staff_accounts, "--yes"])
    assert result.exit_code == 0 and "WARNING: going below 0015" in result.output, result.output
    assert releases.database_revision() == below_staff_accounts
    result = runner.invoke(args=["db-release"])
    assert f"revision {below_staff_accounts} (NOT at this release's head" in result.output

    result = runner.invoke(args=["db", "downgrade", "0006"], input="n\n")
    assert "WARNING: going below 0007: the audit trail stops being append-only" in result.output
    assert releases.database_revision() == below_staff_accounts
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert releases.database_revision() == releases.head()


def _protections(current, target):
    return [rev for rev, text in releases.downgrade_warnings(current, target) if "what it added" not in text]


def test_warnings_are_found_between_any_two_revisions():
    assert _protections("0008", "base") == ["0007"]
    assert _protections("0006", "base") == []
    assert _protections("0008", "-1") == [] and _protections("0008", "-2") == ["0007"]
    assert [rev for rev, _ in releases.downgrade_warnings("0008", "0005")] == ["0008", "0007", "0006"]
    assert releases.downgrade_warnings("0006", "-1") == [
        ("0006", "what it added is dropped, with its data (a second-factor code works once: the time step of the "
                 "last code used)")]
