"""notifications (settings and the record of what was sent) and places a person asks for themself

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 15:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notification_settings',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.Boolean(), nullable=False),
    sa.Column('sms', sa.Boolean(), nullable=False),
    sa.Column('alerts', sa.String(length=8), nullable=False),
    sa.Column('alerts_since', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['profile_id'], ['jobseeker_profile.id'],
                            name=op.f('fk_notification_settings_profile_id_jobseeker_profile'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('profile_id', name=op.f('pk_notification_settings'))
    )
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('match_id', sa.Integer(), nullable=True),
    sa.Column('event', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.String(length=64), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.Column('not_before', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['match_id'], ['match.id'], name=op.f('fk_notification_match_id_match'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['profile_id'], ['jobseeker_profile.id'],
                            name=op.f('fk_notification_profile_id_jobseeker_profile'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification')),
    sa.UniqueConstraint('key', name=op.f('uq_notification_key'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_status'), ['status'], unique=False)
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requested_by_person', sa.Boolean(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('review_municipality_code', sa.String(length=4), nullable=True))


def downgrade():
    with op.batch_alter_table('match', schema=None) as batch_op:
        batch_op.drop_column('review_municipality_code')
        batch_op.drop_column('requested_by_person')
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_status'))
        batch_op.drop_index(batch_op.f('ix_notification_profile_id'))
    op.drop_table('notification')
    op.drop_table('notification_settings')
