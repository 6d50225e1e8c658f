"""per municipality: the contact jobseekers see and the employers' reply deadlines

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 14:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_name', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('contact_phone', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('contact_email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('contact_hours', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('reply_working_days', sa.Integer(), server_default='10', nullable=False))
        batch_op.add_column(sa.Column('close_after_days', sa.Integer(), server_default='90', nullable=False))


def downgrade():
    with op.batch_alter_table('municipality_settings', schema=None) as batch_op:
        for column in ('close_after_days', 'reply_working_days', 'contact_hours', 'contact_email',
                       'contact_phone', 'contact_name'):
            batch_op.drop_column(column)
