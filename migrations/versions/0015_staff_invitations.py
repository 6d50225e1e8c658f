"""staff accounts: one-time invitations, the record of changes to them, and deactivation; release ↔ revision record;
the audit trail's maintenance setting only for the table's owner

The downgrade keeps the stricter audit trigger (it is what 0007 creates from now on).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 15:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

from app.models.audit import APPEND_ONLY_GUARD


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None
# Shown by `flask db downgrade` before it goes below this revision (app/operations/releases.py).
downgrade_warning = ("deactivated staff accounts can log in again (the deactivation is dropped), open invitation "
                     "links stop working, and the record of staff account changes and of releases is deleted")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        # The audit trail's maintenance setting works only for the table's owner from now on (app/models/audit.py).
        op.execute(APPEND_ONLY_GUARD.split("CREATE TRIGGER")[0])
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deactivated_at', sa.DateTime(), nullable=True))
    op.create_table(
        'staff_invitation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    with op.batch_alter_table('staff_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_invitation_user_id'), ['user_id'], unique=False)
    op.create_table(
        'staff_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=32), nullable=False),
        sa.Column('detail', sa.String(length=64), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('staff_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_event_user_id'), ['user_id'], unique=False)
    op.create_table(
        'schema_release',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('release', sa.String(length=64), nullable=False),
        sa.Column('revision', sa.String(length=64), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('schema_release')
    with op.batch_alter_table('staff_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_event_user_id'))
    op.drop_table('staff_event')
    with op.batch_alter_table('staff_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_invitation_user_id'))
    op.drop_table('staff_invitation')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('deactivated_at')
