"""taxonomy ids fit ESCO's URIs: concept ids up to 128 characters (were 64; ESCO's are up to 74)

On PostgreSQL `flask setup` stopped at the ESCO occupations ("value too long for type character
varying(64)"); SQLite never enforced the length.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 18:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

COLUMNS = {
    'concept': [('id', False), ('parent_id', True)],
    'concept_label': [('concept_id', False)],
    'concept_relation': [('source_id', False), ('target_id', False)],
}


def _resize(old: int, new: int) -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, nullable in columns:
                batch_op.alter_column(column, existing_type=sa.String(length=old), type_=sa.String(length=new),
                                      existing_nullable=nullable)


def upgrade():
    _resize(64, 128)


def downgrade():
    # Longer ids cannot exist in the old schema: those taxonomy rows go (reference data; `flask taxonomy
    # import` of the older release loads what it can hold).
    op.execute("DELETE FROM concept_relation WHERE length(source_id) > 64 OR length(target_id) > 64")
    op.execute("DELETE FROM concept_label WHERE length(concept_id) > 64")
    op.execute("UPDATE concept SET parent_id = NULL WHERE length(parent_id) > 64")
    op.execute("DELETE FROM concept WHERE length(id) > 64")
    _resize(128, 64)
