"""Fresh databases for tests that build their own (migrations, backups, readiness).

A temporary SQLite file, or — when DATABASE_URL points the suite at PostgreSQL — a database of its
own on that server, named after the suite's database and dropped afterwards.
"""
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, make_url, select, table, text

from app.operations.health import MIGRATIONS_DIR
from tests.loadtest.run import free_port


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


class Postgres:
    """A throw-away PostgreSQL cluster on 127.0.0.1 that the test stops and starts."""

    def __init__(self, bin_dir: str):
        self.bin = bin_dir
        self.port = free_port()
        self.data = tempfile.mkdtemp(prefix="jobbrygga-faults-")  # not under pytest's 0700 folder: postgres reads it
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.data, "postgres")
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, program: str, *args: str) -> None:
        command = [os.path.join(self.bin, program), *args]
        if self.as_root:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)

    def start(self) -> None:
        self._run("pg_ctl", "-D", self.data, "-l", os.path.join(self.data, "server.log"), "-w", "-o",
                  f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.data, ignore_errors=True)
