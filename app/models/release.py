"""Which release set up which schema revision on this database (`flask setup` writes a row; `flask db-release` reads)."""
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.user import utcnow


class SchemaRelease(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    release: Mapped[str] = mapped_column(String(64))  # e.g. "0.1.0 (45f0e22)": the package version and the commit
    revision: Mapped[str] = mapped_column(String(64))  # the Alembic head(s) it brought the database to
    at: Mapped[datetime] = mapped_column(default=utcnow)
