"""Releases and schema revisions: `flask db-release`, and a warning before `flask db downgrade` removes a protection.

`flask setup` records which release brought the database to which revision (table schema_release), so an operator
rolling back sees the revision the previous release needs. A rollback runs the downgrade with the NEW release's
code (only it knows how to undo its own migrations), then installs the older release: docs/operations.md.

A migration whose downgrade takes away a protection or data says so in a module attribute `downgrade_warning`;
`flask db downgrade` prints every such warning between the database's revision and the target (and, for the other
revisions, that what they added is dropped with its data), and asks before it goes on (`--yes` for scripts that
have read them).
"""
import functools
import subprocess
from importlib import metadata

import click
from alembic.script import ScriptDirectory
from flask.cli import with_appcontext
from sqlalchemy import select

from app.config import PROJECT_DIR
from app.extensions import db
from app.operations.health import MIGRATIONS_DIR, _current_revisions


@functools.cache
def release_name() -> str:
    """The package version, and the commit when the code is a git checkout: e.g. "0.1.0 (45f0e22)"."""
    try:
        version = metadata.version("jobbrygga")
    except metadata.PackageNotFoundError:
        version = "unknown"
    try:
        commit = subprocess.run(["git", "-C", str(PROJECT_DIR), "rev-parse", "--short", "HEAD"],  # nosec B603 B607
                                capture_output=True, text=True, timeout=5, check=False).stdout.strip()
    except OSError:
        commit = ""
    return f"{version} ({commit})" if commit else version


def script() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS_DIR))


def head() -> str:
    return ",".join(sorted(script().get_heads()))


def database_revision() -> str:
    with db.engine.connect() as connection:
        return ",".join(sorted(_current_revisions(connection))) or "none"


def record_release() -> None:
    """After a migration: remember that this release brought the database to the head (once per release)."""
    from app.models import SchemaRelease

    last = db.session.scalar(select(SchemaRelease).order_by(SchemaRelease.id.desc()).limit(1))
    if last is None or (last.release, last.revision) != (release_name(), head()):
        db.session.add(SchemaRelease(release=release_name(), revision=head()))
        db.session.commit()


def revisions_below(current: str, target: str) -> list:
    """The revisions a downgrade from current to target undoes, newest first (target "-N", a revision, or "base")."""
    directory = script()
    if current in ("", "none"):
        return []
    if target.startswith("-") and target[1:].isdigit():
        return list(directory.iterate_revisions(current, "base"))[:int(target[1:])]
    if target == "base":
        return list(directory.iterate_revisions(current, "base"))
    return [rev for rev in directory.iterate_revisions(current, target) if rev.revision != target]


def downgrade_warnings(current: str, target: str) -> list[tuple[str, str]]:
    """(revision, what undoing it takes away) for every revision a downgrade undoes, newest first: the migration's
    own downgrade_warning (a protection that goes), or what any downgrade does (its additions and their data go)."""
    warnings = []
    for rev in revisions_below(current, target):
        summary = (rev.doc or "").splitlines()[0] if rev.doc else rev.revision
        text = getattr(rev.module, "downgrade_warning", None) or f"what it added is dropped, with its data ({summary})"
        warnings.append((rev.revision, text))
    return warnings


@click.command("db-release")
@with_appcontext
def db_release_command() -> None:
    """Print this release's schema revision, the database's, and which release set up which revision."""
    from app.models import SchemaRelease

    current = database_revision()
    state = "at head" if current == head() else "NOT at this release's head: `flask setup` (or `flask db upgrade`)"
    click.echo(f"this release: jobbrygga {release_name()}, schema revision {head()}")
    click.echo(f"the database: revision {current} ({state})")
    try:
        rows = db.session.scalars(select(SchemaRelease).order_by(SchemaRelease.id.desc())).all()
    except Exception:  # noqa: BLE001 - an older schema has no schema_release table yet
        db.session.rollback()
        rows = []
    if rows:
        click.echo("releases set up on this database, newest first (release → schema revision):")
        for row in rows:
            click.echo(f"  {row.at:%Y-%m-%d %H:%M}  {row.release:<24} {row.revision}")
        older = next((row for row in rows if row.revision != rows[0].revision), None)
        if older is not None:
            click.echo(f"to go back to {older.release}: with THIS release's code run `flask db downgrade "
                       f"{older.revision}`, then install {older.release} (docs/operations.md, Rollback)")
    click.echo("schema revisions of this release, newest first:")
    for rev in script().walk_revisions():
        note = "  [downgrade: " + rev.module.downgrade_warning + "]" if getattr(rev.module, "downgrade_warning",
                                                                                None) else ""
        click.echo(f"  {rev.revision}  {rev.doc.splitlines()[0] if rev.doc else ''}{note}")


def guard_downgrade(db_group: click.Group) -> None:
    """Wrap Flask-Migrate's `db downgrade`: print what the downgrade takes away and ask first (or --yes)."""
    command = db_group.commands.get("downgrade")
    if command is None or getattr(command, "_jobbrygga_guarded", False):
        return
    original = command.callback

    @functools.wraps(original)
    @with_appcontext
    def callback(*args, yes: bool = False, **kwargs):
        if not kwargs.get("sql"):
            warnings = downgrade_warnings(database_revision(), kwargs.get("revision") or "-1")
            for revision, text in warnings:
                click.echo(f"WARNING: going below {revision}: {text}", err=True)
            if warnings and not yes:
                click.confirm("Downgrade anyway?", abort=True, err=True)
        return original(*args, **kwargs)

    command.callback = callback
    command.params.append(click.Option(["--yes"], is_flag=True, help="Do not ask about what the downgrade takes "
                                                                     "away (the warnings are still printed)."))
    command._jobbrygga_guarded = True


def register(app) -> None:
    app.cli.add_command(db_release_command)
    db_group = app.cli.commands.get("db")
    if db_group is None:  # Flask-Migrate registers it in init_app
        from flask_migrate.cli import db as db_group
    guard_downgrade(db_group)
