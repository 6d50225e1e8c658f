"""Employers and education providers."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow


class OrganisationKind(StrEnum):
    EMPLOYER = "employer"
    EDUCATION_PROVIDER = "education_provider"


class Organisation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Normalised NNNNNN-NNNN; null only for employers imported from public job ads without one.
    org_number: Mapped[str | None] = mapped_column(String(11), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    municipality_code: Mapped[str | None] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members = relationship("User", back_populates="organisation")
    opportunities = relationship("Opportunity", back_populates="organisation")
