"""red-team findings: audit reasons, case notes keep their municipality, imported employers vetted

A reason on audit events (audit_event.detail, guarded by the PostgreSQL trigger like the rest), case notes stay
with the municipality that wrote them (case_note.municipality_code), imported public ads' employers count as vetted.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 15:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

from app.models.audit import APPEND_ONLY_GUARD, DETAIL_CLAUSE, DROP_APPEND_ONLY_GUARD


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute(DROP_APPEND_ONLY_GUARD)  # batch_alter_table may copy the table; the guard comes back below
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('detail', sa.String(length=300), nullable=True))
    if postgresql:
        op.execute(APPEND_ONLY_GUARD)
    with op.batch_alter_table('case_note', schema=None) as batch_op:
        batch_op.add_column(sa.Column('municipality_code', sa.String(length=4), nullable=True))
    # Notes written so far belong to the municipality the person lives in now (the best that is known).
    op.execute("UPDATE case_note SET municipality_code = (SELECT jobseeker_profile.municipality_code "
               "FROM jobseeker_profile WHERE jobseeker_profile.id = case_note.profile_id)")
    # Employers created by importing Platsbanken's ads (no account of their own) were vetted at the source:
    # matching now takes only vetted organisations' places, and these keep being matched.
    op.execute("UPDATE organisation SET vetted_at = created_at WHERE vetted_at IS NULL "
               "AND id IN (SELECT organisation_id FROM opportunity WHERE external_id IS NOT NULL) "
               "AND id NOT IN (SELECT organisation_id FROM \"user\" WHERE organisation_id IS NOT NULL)")


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table('case_note', schema=None) as batch_op:
        batch_op.drop_column('municipality_code')
    if postgresql:
        op.execute(DROP_APPEND_ONLY_GUARD)
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('detail')
    if postgresql:
        op.execute(APPEND_ONLY_GUARD.replace(DETAIL_CLAUSE, ""))
