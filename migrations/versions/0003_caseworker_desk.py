"""caseworker desk: case notes, caseload index

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.String(length=2000), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_case_note_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['profile_id'], ['jobseeker_profile.id'], name=op.f('fk_case_note_profile_id_jobseeker_profile'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_note'))
    )
    with op.batch_alter_table('case_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_note_profile_id'), ['profile_id'], unique=False)

    with op.batch_alter_table('jobseeker_profile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jobseeker_profile_caseworker_id'), ['caseworker_id'], unique=False)
    # opportunity.seats_taken stays within 0..seats by the CHECK constraint 0001 already created
    # (ck_opportunity_seats_taken_within_seats); match.status String(16) holds "followed_up_3m".


def downgrade():
    with op.batch_alter_table('jobseeker_profile', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jobseeker_profile_caseworker_id'))

    with op.batch_alter_table('case_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_note_profile_id'))

    op.drop_table('case_note')
