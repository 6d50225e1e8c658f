"""Probes for load balancers and orchestrators: no login, no rate limit, no template, answered in JSON.

/healthz — the process is up and serving (never touches the database: a database outage must not make
           an orchestrator restart healthy web processes).
/readyz  — this instance can serve: the database answers SELECT 1 and its Alembic revision is the head
           of migrations/. Otherwise 503 naming the check that failed.
"""
import logging
from functools import cache

from alembic.script import ScriptDirectory
from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from app.config import PROJECT_DIR
from app.extensions import db, limiter

bp = Blueprint("health", __name__)
limiter.exempt(bp)
log = logging.getLogger(__name__)

MIGRATIONS_DIR = PROJECT_DIR / "migrations"


@cache
def migration_heads() -> frozenset[str]:
    """The head revision(s) of migrations/: read once per process (the files do not change under it)."""
    return frozenset(ScriptDirectory(str(MIGRATIONS_DIR)).get_heads())


def _current_revisions(connection) -> frozenset[str]:
    """What Alembic recorded (alembic.migration.MigrationContext reads the same table, but logs every call).

    Called after SELECT 1 answered, so an error here means no alembic_version table: nothing recorded."""
    try:
        return frozenset(connection.scalars(text("SELECT version_num FROM alembic_version")))
    except (OperationalError, ProgrammingError):  # SQLite says OperationalError, PostgreSQL ProgrammingError
        connection.rollback()
        return frozenset()


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = _current_revisions(connection)
    except SQLAlchemyError as error:
        log.warning("readiness: database unreachable (%s)", type(error).__name__)
        return jsonify(database="unreachable", migrations="unknown"), 503
    if current != migration_heads():
        log.warning("readiness: database at revision %s, migrations head is %s",
                    ",".join(sorted(current)) or "none", ",".join(sorted(migration_heads())))
        return jsonify(database="ok", migrations="not at head", revision=sorted(current),
                       head=sorted(migration_heads())), 503
    return jsonify(database="ok", migrations="head")
