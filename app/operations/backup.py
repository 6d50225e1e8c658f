"""Backups and restores of the database (`flask backup create|restore PATH`, `flask backup prune DIR`).

SQLite: the online backup API (sqlite3.Connection.backup) — a consistent copy while the app keeps writing.
PostgreSQL: `pg_dump -Fc` (custom format, compressed) and `pg_restore --no-owner --clean --if-exists`
in one transaction, so a failed restore leaves the database as it was. The connection settings go to
pg_dump and pg_restore through PG* environment variables, never on the command line (where `ps` shows
them). A restore refuses a database that already has tables unless --force is given.
"""
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import URL, create_engine, inspect, make_url

backup_cli = AppGroup("backup", help="Back up the database and restore a backup.")


class BackupError(RuntimeError):
    """A backup or restore that cannot be done (missing tool, non-empty target, bad file)."""


def database_url(uri: str | URL | None = None) -> URL:
    return make_url(uri or current_app.config["SQLALCHEMY_DATABASE_URI"])


def has_tables(url: URL) -> bool:
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return False
    engine = create_engine(url)
    try:
        return bool(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def create_backup(url: URL, path: Path) -> None:
    """Write a backup of the database at url to path (replaced only once the new backup is complete)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")  # mode 0600
    os.close(handle)
    partial = Path(name)
    try:
        if url.get_backend_name() == "sqlite":
            _sqlite_copy(_sqlite_file(url), partial)
        elif url.get_backend_name() == "postgresql":
            _run_pg("pg_dump", url, "--format=custom", f"--file={partial}")
        else:
            raise BackupError(f"no backup method for {url.get_backend_name()}")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def restore_backup(path: Path, url: URL, force: bool = False) -> None:
    """Restore the backup at path into the database at url; refuses a database with tables unless force."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    if has_tables(url) and not force:
        raise BackupError(f"the database {url.database} is not empty; restore into an empty database, "
                          "or add --force to replace its contents")
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(path, _sqlite_file(url))
    elif url.get_backend_name() == "postgresql":
        _run_pg("pg_restore", url, "--no-owner", "--no-privileges", "--clean", "--if-exists",
                "--single-transaction", "--exit-on-error", f"--dbname={url.database}", str(path))
    else:
        raise BackupError(f"no restore method for {url.get_backend_name()}")


def _sqlite_file(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    """Page-by-page online copy; the target's previous contents are replaced in one go."""
    try:
        with source.open("rb") as file:
            header = file.read(16)
    except OSError as error:
        raise BackupError(f"cannot read {source}: {error.strerror}") from None
    if header != b"SQLite format 3\x00":
        raise BackupError(f"{source} is not an SQLite database")
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"the copy in {target} fails SQLite's integrity check")
    finally:
        dst.close()
        src.close()


def _run_pg(tool: str, url: URL, *args: str) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(f"{tool} is not installed (Debian: apt-get install postgresql-client)")
    environment = {**os.environ, "PGDATABASE": url.database or "", "PGHOST": url.host or "",
                   "PGPORT": str(url.port or ""), "PGUSER": url.username or "", "PGPASSWORD": url.password or ""}
    environment = {key: value for key, value in environment.items() if value != "" or not key.startswith("PG")}
    result = subprocess.run([executable, *args], env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()[-2000:]}")


def _describe(url: URL) -> str:
    return url.render_as_string(hide_password=True)


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def create_command(path: Path) -> None:
    """Write a backup of the configured database to PATH."""
    url = database_url()
    started = time.perf_counter()
    try:
        create_backup(url, path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"backup of {_describe(url)} written to {path} "
               f"({path.stat().st_size:,} bytes, {time.perf_counter() - started:.2f} s)")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the contents of a database that already has tables.")
def restore_command(path: Path, force: bool) -> None:
    """Restore the backup at PATH into the configured (empty) database."""
    from app.extensions import db

    url = database_url()
    db.engine.dispose()  # no pooled connection of ours holds the old contents open
    started = time.perf_counter()
    try:
        restore_backup(path, url, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{path} restored into {_describe(url)} in {time.perf_counter() - started:.2f} s; "
               "run `flask db upgrade` if the backup is older than this release")


def prune_backups(directory: Path, keep_days: int, now: float | None = None) -> list[Path]:
    """Delete the backup files in directory older than keep_days (by modification time); returns what went.

    Erased people remain in backups until then (red team): keep_days is the promise the privacy page makes
    (BACKUP_KEEP_DAYS, 30 by default: within the month the GDPR gives to act on an erasure). Only plain files
    directly in directory; a backup still being written (.partial) is left alone.
    """
    if keep_days < 1:
        raise BackupError("keep at least one day of backups")
    cutoff = (now if now is not None else time.time()) - keep_days * 86400
    pruned = []
    for path in sorted(Path(directory).iterdir()):
        if path.is_file() and not path.is_symlink() and not path.name.endswith(".partial") \
                and path.stat().st_mtime < cutoff:
            path.unlink()
            pruned.append(path)
    return pruned


@backup_cli.command("prune")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--keep-days", type=click.IntRange(min=1), default=None,
              help="Keep backups this many days (default: BACKUP_KEEP_DAYS, 30).")
def prune_command(directory: Path, keep_days: int | None) -> None:
    """Delete backups in DIRECTORY older than the retention rule, e.g. nightly after `backup create`."""
    keep_days = keep_days or current_app.config["BACKUP_KEEP_DAYS"]
    try:
        pruned = prune_backups(directory, keep_days)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    for path in pruned:
        click.echo(f"deleted {path}")
    click.echo(f"{len(pruned)} backup(s) older than {keep_days} days deleted from {directory}")
