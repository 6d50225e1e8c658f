"""Fresh databases for tests that build their own (migrations, backups, readiness).

A temporary SQLite file, or — when DATABASE_URL points the suite at PostgreSQL — a database of its
own on that server, named after the suite's database and dropped afterwards.
"""
import os
from contextlib import contextmanager

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, make_url, select, table, text

from app.health import MIGRATIONS_DIR


def _server():
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    return make_url(url.replace("postgresql://", "postgresql+psycopg://"))


def _admin_connection(server):
    import psycopg

    admin = server.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    return psycopg.connect(admin, autocommit=True)


@contextmanager
def empty_database(tmp_path, name: str = "migrations"):
    """Yield the SQLAlchemy URL of a new, empty database; drop it afterwards."""
    server = _server()
    if server is None:
        yield f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
        return
    database = f"{server.database}_{name}"
    with _admin_connection(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    try:
        yield server.set(database=database).render_as_string(hide_password=False)
    finally:
        with _admin_connection(server) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def stamp_head(engine) -> None:
    """Record the migrations' head in a schema built by create_all (test_migrations proves the two agree)."""
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        MigrationContext.configure(connection).stamp(ScriptDirectory(str(MIGRATIONS_DIR)), "heads")


def row_counts(engine) -> dict[str, int]:
    """Rows in every table of the database (alembic_version included)."""
    with engine.connect() as connection:
        return {name: connection.scalar(select(func.count()).select_from(table(name)))
                for name in sorted(inspect(connection).get_table_names())}
