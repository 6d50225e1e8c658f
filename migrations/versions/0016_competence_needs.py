"""competence needs (what employers expect to recruit) and the region's goals

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 18:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None
# Shown by `flask db downgrade` before it goes below this revision (app/operations/releases.py).
downgrade_warning = "every stated competence need and every regional goal is deleted"


def upgrade():
    op.create_table(
        'competence_need',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('occupation_id', sa.String(length=32), nullable=False),
        sa.Column('headcount', sa.Integer(), nullable=False),
        sa.Column('horizon_months', sa.Integer(), nullable=False),
        sa.Column('municipality_code', sa.String(length=4), nullable=False),
        sa.Column('min_swedish', sa.String(length=8), nullable=True),
        sa.Column('driving_licences', sa.JSON(), nullable=False),
        sa.Column('certificates', sa.JSON(), nullable=False),
        sa.Column('would_take', sa.JSON(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('stated_on', sa.Date(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
        sa.CheckConstraint('headcount >= 1', name='need_headcount_positive'),
        sa.CheckConstraint('horizon_months IN (6, 12, 24)', name='need_horizon_known'),
        sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('competence_need', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competence_need_municipality_code'), ['municipality_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_competence_need_occupation_id'), ['occupation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_competence_need_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_competence_need_status'), ['status'], unique=False)
    op.create_table(
        'regional_goal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('area_code', sa.String(length=4), nullable=False),
        sa.Column('occupation_field_id', sa.String(length=32), nullable=False),
        sa.Column('target', sa.Integer(), nullable=False),
        sa.Column('by_year', sa.Integer(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('target >= 1', name='goal_target_positive'),
        sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('regional_goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regional_goal_area_code'), ['area_code'], unique=False)


def downgrade():
    with op.batch_alter_table('regional_goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regional_goal_area_code'))
    op.drop_table('regional_goal')
    with op.batch_alter_table('competence_need', schema=None) as batch_op:
        for name in ('status', 'organisation_id', 'occupation_id', 'municipality_code'):
            batch_op.drop_index(batch_op.f(f'ix_competence_need_{name}'))
    op.drop_table('competence_need')
