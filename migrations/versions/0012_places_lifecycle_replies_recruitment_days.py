"""places: draft/closed/reopened, the form they came from, programme kinds; notices, reply-deadline steps,
recruitment days

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 15:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('opportunity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('form_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('published_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('closed_reason', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('copied_from_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('programme_kind', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('intake_dates', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('eligibility', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('study_finance', sa.String(length=300), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_opportunity_form_key'), ['form_key'])
        batch_op.create_foreign_key(batch_op.f('fk_opportunity_copied_from_id_opportunity'), 'opportunity',
                                    ['copied_from_id'], ['id'], ondelete='SET NULL')

    op.create_table('notice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('read_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_notice_user_id_user'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notice')))
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_user_id'), ['user_id'], unique=False)

    op.create_table('reply_reminder',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('match_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_reply_reminder_match_id_match'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reply_reminder')),
        sa.UniqueConstraint('match_id', 'kind', name='one_reminder_per_kind'))
    with op.batch_alter_table('reply_reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reply_reminder_match_id'), ['match_id'], unique=False)

    op.create_table('recruitment_day',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_code', sa.String(length=4), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('venue', sa.String(length=200), nullable=False),
        sa.Column('address', sa.String(length=300), nullable=False),
        sa.Column('accessibility', sa.Text(), nullable=False),
        sa.Column('capacity', sa.Integer(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_recruitment_day_created_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recruitment_day')))
    with op.batch_alter_table('recruitment_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recruitment_day_municipality_code'), ['municipality_code'], unique=False)

    op.create_table('recruitment_slot',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('day_id', sa.Integer(), nullable=False),
        sa.Column('starts', sa.Time(), nullable=False),
        sa.Column('ends', sa.Time(), nullable=False),
        sa.ForeignKeyConstraint(['day_id'], ['recruitment_day.id'], name=op.f('fk_recruitment_slot_day_id_recruitment_day'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recruitment_slot')))
    with op.batch_alter_table('recruitment_slot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recruitment_slot_day_id'), ['day_id'], unique=False)

    op.create_table('recruitment_day_place',
        sa.Column('day_id', sa.Integer(), nullable=False),
        sa.Column('opportunity_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['day_id'], ['recruitment_day.id'],
                                name=op.f('fk_recruitment_day_place_day_id_recruitment_day'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['opportunity_id'], ['opportunity.id'],
                                name=op.f('fk_recruitment_day_place_opportunity_id_opportunity'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('day_id', 'opportunity_id', name=op.f('pk_recruitment_day_place')))

    op.create_table('recruitment_invitation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('day_id', sa.Integer(), nullable=False),
        sa.Column('profile_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('slot_id', sa.Integer(), nullable=True),
        sa.Column('attended', sa.Boolean(), nullable=True),
        sa.Column('invited_by_id', sa.Integer(), nullable=True),
        sa.Column('invited_at', sa.DateTime(), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['day_id'], ['recruitment_day.id'],
                                name=op.f('fk_recruitment_invitation_day_id_recruitment_day'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['invited_by_id'], ['user.id'], name=op.f('fk_recruitment_invitation_invited_by_id_user'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['profile_id'], ['jobseeker_profile.id'],
                                name=op.f('fk_recruitment_invitation_profile_id_jobseeker_profile'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['slot_id'], ['recruitment_slot.id'],
                                name=op.f('fk_recruitment_invitation_slot_id_recruitment_slot'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recruitment_invitation')),
        sa.UniqueConstraint('day_id', 'profile_id', name='one_invitation_per_person'))
    with op.batch_alter_table('recruitment_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recruitment_invitation_day_id'), ['day_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recruitment_invitation_profile_id'), ['profile_id'], unique=False)

    op.create_table('recruitment_interest',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('invitation_id', sa.Integer(), nullable=False),
        sa.Column('opportunity_id', sa.Integer(), nullable=False),
        sa.Column('match_id', sa.Integer(), nullable=True),
        sa.Column('noted_by_id', sa.Integer(), nullable=True),
        sa.Column('noted_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['invitation_id'], ['recruitment_invitation.id'],
                                name=op.f('fk_recruitment_interest_invitation_id_recruitment_invitation'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_recruitment_interest_match_id_match'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['noted_by_id'], ['user.id'], name=op.f('fk_recruitment_interest_noted_by_id_user'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['opportunity_id'], ['opportunity.id'],
                                name=op.f('fk_recruitment_interest_opportunity_id_opportunity'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recruitment_interest')),
        sa.UniqueConstraint('invitation_id', 'opportunity_id', name='one_interest_per_place'))
    with op.batch_alter_table('recruitment_interest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recruitment_interest_invitation_id'), ['invitation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recruitment_interest_opportunity_id'), ['opportunity_id'], unique=False)


def downgrade():
    for table in ('recruitment_interest', 'recruitment_invitation', 'recruitment_day_place', 'recruitment_slot',
                  'recruitment_day', 'reply_reminder', 'notice'):
        op.drop_table(table)
    with op.batch_alter_table('opportunity', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_opportunity_copied_from_id_opportunity'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_opportunity_form_key'), type_='unique')
        for column in ('study_finance', 'eligibility', 'intake_dates', 'programme_kind', 'copied_from_id',
                       'closed_reason', 'closed_at', 'published_at', 'form_key'):
            batch_op.drop_column(column)
