"""the audit trail is append-only in PostgreSQL itself: a trigger refuses UPDATE and DELETE but erasure

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 22:20:00.000000

"""
from alembic import op

from app.models.audit import APPEND_ONLY_GUARD as GUARD_NOW, DETAIL_CLAUSE, DROP_APPEND_ONLY_GUARD

APPEND_ONLY_GUARD = GUARD_NOW.replace(DETAIL_CLAUSE, "")  # the guard as 0007 made it (0009 adds the detail line)


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None
# Shown by `flask db downgrade` before it goes below this revision (app/operations/releases.py).
downgrade_warning = ("the audit trail stops being append-only in the database: on PostgreSQL the trigger that "
                     "refuses UPDATE and DELETE on audit_event is dropped, so any database client can change it")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY_GUARD)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(DROP_APPEND_ONLY_GUARD)
