"""organisations rejected or suspended (with a reason and a history); caseworkers' corrections of readings

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 15:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rejected_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('suspended_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('vetting_reason', sa.String(length=500), nullable=True))
    op.create_table(
        'organisation_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.String(length=500), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('organisation_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_event_organisation_id'), ['organisation_id'], unique=False)
    op.create_table(
        'concept_correction',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('profile_id', sa.Integer(), nullable=False),
        sa.Column('concept_id', sa.String(length=128), nullable=False),
        sa.Column('action', sa.String(length=8), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['profile_id'], ['jobseeker_profile.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('concept_correction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_correction_profile_id'), ['profile_id'], unique=False)


def downgrade():
    op.drop_table('concept_correction')
    op.drop_table('organisation_event')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        for column in ('vetting_reason', 'suspended_at', 'rejected_at'):
            batch_op.drop_column(column)
