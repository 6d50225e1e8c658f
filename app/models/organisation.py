"""Employers and education providers."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String
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
    # Employers see no candidate until a caseworker or administrator has vetted them.
    vetted_at: Mapped[datetime | None]
    vetted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", use_alter=True))

    members = relationship("User", back_populates="organisation", foreign_keys="User.organisation_id")
    opportunities = relationship("Opportunity", back_populates="organisation")
