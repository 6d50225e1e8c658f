"""jobseekers: drafts kept over a language switch or timeout, a name in their own script, their own words

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 15:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'form_draft',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('session_key', sa.String(length=64), nullable=True),
        sa.Column('form', sa.String(length=32), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('step', sa.Integer(), nullable=False),
        sa.Column('saved_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_form_draft_user_id_user'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_form_draft')),
    )
    with op.batch_alter_table('form_draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_draft_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_draft_session_key'), ['session_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_draft_saved_at'), ['saved_at'], unique=False)
    with op.batch_alter_table('jobseeker_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_own_script', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('own_occupations', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('own_skills', sa.JSON(), server_default='[]', nullable=False))


def downgrade():
    with op.batch_alter_table('jobseeker_profile', schema=None) as batch_op:
        for column in ('own_skills', 'own_occupations', 'name_own_script'):
            batch_op.drop_column(column)
    with op.batch_alter_table('form_draft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_draft_saved_at'))
        batch_op.drop_index(batch_op.f('ix_form_draft_session_key'))
        batch_op.drop_index(batch_op.f('ix_form_draft_user_id'))
    op.drop_table('form_draft')
