"""Migrations build the schema from nothing, match the models exactly, and go down and up again."""
import os
from contextlib import contextmanager

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, make_url

from app import create_app
from app.extensions import db


@contextmanager
def empty_database(tmp_path):
    """A fresh SQLite file, or a fresh database on the PostgreSQL server the suite runs against."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    import psycopg

    server = make_url(url.replace("postgresql://", "postgresql+psycopg://"))
    name = f"{server.database}_migrations"
    admin = server.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def migrated_app(tmp_path):
    with empty_database(tmp_path) as url:
        app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            yield app
            db.session.remove()
            db.engine.dispose()


def _drift() -> list:
    with db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), db.metadata)


def test_upgrade_builds_the_schema_without_drift(migrated_app):
    upgrade()
    tables = set(inspect(db.engine).get_table_names())
    assert {"user", "jobseeker_profile", "opportunity", "match", "concept", "audit_event"} <= tables
    assert _drift() == []


def test_downgrade_and_upgrade_again(migrated_app):
    upgrade()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert _drift() == []
