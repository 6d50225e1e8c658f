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
    DRAFT = "draft"  # saved by the organisation, not yet published: never matched, never shown
    OPEN = "open"  # published
    FILLED = "filled"
    CLOSED = "closed"


class ClosedReason(StrEnum):
    """Why a place stopped taking people (Opportunity.closed_reason)."""
    BY_ORGANISATION = "by_organisation"
    DEADLINE_PASSED = "deadline_passed"
    SEATS_FILLED = "seats_filled"


class ProgrammeKind(StrEnum):
    """How Swedish adult education names its vocational programmes (Opportunity.programme_kind)."""
    YRKESVUX = "yrkesvux"
    LARLINGSVUX = "larlingsvux"
    YH = "yh"
    SFI_YRKE = "sfi_yrke"  # yrkesinriktad SFI / SFX
    FOLKHOGSKOLA = "folkhogskola"


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
    # The "new place" form this place was first saved from (app/employer/views.py): the same form sent again
    # (Back then Publish, a double click, a resend) finds this place instead of creating a second one.
    form_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    published_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    closed_reason: Mapped[str | None] = mapped_column(String(32))  # ClosedReason
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("opportunity.id", ondelete="SET NULL"))
    # Programmes (education providers): which kind, when they start, who may apply, how studies are financed.
    programme_kind: Mapped[str | None] = mapped_column(String(32))  # ProgrammeKind
    intake_dates: Mapped[list | None] = mapped_column(JSON, default=list)  # ISO dates
    eligibility: Mapped[str | None] = mapped_column(String(500))  # behörighet, in the school's words
    study_finance: Mapped[str | None] = mapped_column(String(300))

    organisation = relationship("Organisation", back_populates="opportunities")
    matches = relationship("Match", back_populates="opportunity")

    @property
    def seats_left(self) -> int:
        return self.seats - self.seats_taken
