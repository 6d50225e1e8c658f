"""What employers and schools offer: trainee jobs, apprenticeships, programmes …"""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow


class OpportunityKind(StrEnum):
    TRAINEE_JOB = "trainee_job"
    APPRENTICESHIP = "apprenticeship"
    INTERNSHIP = "internship"
    INTRODUCTION_JOB = "introduction_job"
    SUMMER_JOB = "summer_job"
    JOB = "job"
    VOCATIONAL_PROGRAMME = "vocational_programme"


EMPLOYER_KINDS = [k for k in OpportunityKind if k is not OpportunityKind.VOCATIONAL_PROGRAMME]


class OpportunityStatus(StrEnum):
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"


class Opportunity(db.Model):
    __table_args__ = (
        CheckConstraint("seats >= 1", name="seats_positive"),
        # The last line of defence against overbooking; services take seats with a conditional update.
        CheckConstraint("seats_taken >= 0 AND seats_taken <= seats", name="seats_taken_within_seats"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    occupation_id: Mapped[str | None] = mapped_column(String(32))
    leads_to: Mapped[list] = mapped_column(JSON, default=list)  # programmes: occupation ids
    skills_required: Mapped[list] = mapped_column(JSON, default=list)
    min_swedish: Mapped[str | None] = mapped_column(String(8))
    driving_licences: Mapped[list] = mapped_column(JSON, default=list)
    municipality_code: Mapped[str | None] = mapped_column(String(4), index=True)
    seats: Mapped[int] = mapped_column(default=1)
    seats_taken: Mapped[int] = mapped_column(default=0)
    start_date: Mapped[date | None]
    deadline: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default=OpportunityStatus.OPEN, index=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)  # e.g. Platsbanken ad id
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation = relationship("Organisation", back_populates="opportunities")
    matches = relationship("Match", back_populates="opportunity")

    @property
    def seats_left(self) -> int:
        return self.seats - self.seats_taken
