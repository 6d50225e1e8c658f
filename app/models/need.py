"""The region's competence needs: what employers expect to recruit, and the goals the region sets itself.

A need is not a place: nobody is matched to it. It is counted beside the open places (demand) and the
people who could fill it (supply), and tells schools which programmes to open (app/services/needs.py).
"""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow

HORIZONS = (6, 12, 24)  # months: "within half a year / a year / two years"


class NeedStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"  # by the employer (or a caseworker on their behalf); kept for the trend


class CompetenceNeed(db.Model):
    """An employer's expected recruitment: how many of an occupation, within how long, where, on what terms."""

    __table_args__ = (
        CheckConstraint("headcount >= 1", name="need_headcount_positive"),
        CheckConstraint("horizon_months IN (6, 12, 24)", name="need_horizon_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    occupation_id: Mapped[str] = mapped_column(String(32), index=True)  # taxonomy occupation-name
    headcount: Mapped[int]
    horizon_months: Mapped[int]  # HORIZONS
    municipality_code: Mapped[str] = mapped_column(String(4), index=True)
    min_swedish: Mapped[str | None] = mapped_column(String(8))  # the lowest CEFR level they would accept
    driving_licences: Mapped[list] = mapped_column(JSON, default=list)  # licences they require (e.g. ["B"])
    certificates: Mapped[list] = mapped_column(JSON, default=list)  # other required licences (taxonomy ids)
    # Which roads in they would take: OpportunityKind values (trainee_job, apprenticeship, vocational_programme …).
    would_take: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=NeedStatus.ACTIVE, index=True)
    stated_on: Mapped[date]  # the day the need was stated: the quarter it counts in
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    withdrawn_at: Mapped[datetime | None]

    organisation = relationship("Organisation")


class RegionalGoal(db.Model):
    """A goal an administrator sets for an area: e.g. industry, 4,500 hires in county 19 by 2030."""

    __table_args__ = (CheckConstraint("target >= 1", name="goal_target_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(String(4), index=True)  # a county (2 digits) or a municipality (4)
    occupation_field_id: Mapped[str] = mapped_column(String(32))  # taxonomy occupation-field
    target: Mapped[int]  # placements (hires, programme starts) to reach
    by_year: Mapped[int]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
