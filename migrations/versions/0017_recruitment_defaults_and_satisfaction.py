"""per municipality: recruitment-day defaults; the one-question satisfaction survey's answers

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 18:05:09.634718

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None
# Shown by `flask db downgrade` before it goes below this revision (app/releases.py).
downgrade_warning = "every satisfaction answer and every municipality's recruitment-day defaults are deleted"


def upgrade():
    op.create_table('satisfaction_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('respondent', sa.String(length=16), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=True),
    sa.Column('opportunity_id', sa.Integer(), nullable=True),
    sa.Column('municipality_code', sa.String(length=4), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('comment', sa.String(length=300), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('score IS NULL OR (score >= 1 AND score <= 10)', name=op.f('ck_satisfaction_answer_score_1_to_10')),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_satisfaction_answer_match_id_match'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunity.id'], name=op.f('fk_satisfaction_answer_opportunity_id_opportunity'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_satisfaction_answer')),
    sa.UniqueConstraint('match_id', name=op.f('uq_satisfaction_answer_match_id')),
    sa.UniqueConstraint('opportunity_id', name=op.f('uq_satisfaction_answer_opportunity_id'))
    )
    with op.batch_alter_table('satisfaction_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_satisfaction_answer_answered_at'), ['answered_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_satisfaction_answer_municipality_code'), ['municipality_code'], unique=False)

    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recruitment_venue', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('recruitment_address', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('recruitment_accessibility', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('recruitment_capacity', sa.Integer(), server_default='30', nullable=False))
        batch_op.add_column(sa.Column('recruitment_starts', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('recruitment_ends', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('recruitment_slot_minutes', sa.Integer(), server_default='30', nullable=False))



def downgrade():
    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.drop_column('recruitment_slot_minutes')
        batch_op.drop_column('recruitment_ends')
        batch_op.drop_column('recruitment_starts')
        batch_op.drop_column('recruitment_capacity')
        batch_op.drop_column('recruitment_accessibility')
        batch_op.drop_column('recruitment_address')
        batch_op.drop_column('recruitment_venue')

    with op.batch_alter_table('satisfaction_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_satisfaction_answer_municipality_code'))
        batch_op.drop_index(batch_op.f('ix_satisfaction_answer_answered_at'))

    op.drop_table('satisfaction_answer')
