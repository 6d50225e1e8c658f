"""Recruitment days (rekryteringsträffar): employers and pre-matched people meet at one place on one day."""
from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow


class InvitationStatus(StrEnum):
    INVITED = "invited"
    SIGNED_UP = "signed_up"
    CANCELLED = "cancelled"


recruitment_day_place = Table(
    "recruitment_day_place", db.metadata,
    Column("day_id", ForeignKey("recruitment_day.id", ondelete="CASCADE"), primary_key=True),
    Column("opportunity_id", ForeignKey("opportunity.id", ondelete="CASCADE"), primary_key=True),
)


class RecruitmentDay(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_code: Mapped[str] = mapped_column(String(4), index=True)
    title: Mapped[str] = mapped_column(String(200))
    day: Mapped[date]
    venue: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    accessibility: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(default=30)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    slots = relationship("RecruitmentSlot", back_populates="day", order_by="RecruitmentSlot.starts",
                         cascade="all, delete-orphan")
    places = relationship("Opportunity", secondary=recruitment_day_place, order_by="Opportunity.id")
    invitations = relationship("RecruitmentInvitation", back_populates="day", cascade="all, delete-orphan")


class RecruitmentSlot(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    day_id: Mapped[int] = mapped_column(ForeignKey("recruitment_day.id", ondelete="CASCADE"), index=True)
    starts: Mapped[time]
    ends: Mapped[time]

    day = relationship("RecruitmentDay", back_populates="slots")


class RecruitmentInvitation(db.Model):
    __table_args__ = (UniqueConstraint("day_id", "profile_id", name="one_invitation_per_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day_id: Mapped[int] = mapped_column(ForeignKey("recruitment_day.id", ondelete="CASCADE"), index=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("jobseeker_profile.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=InvitationStatus.INVITED)
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("recruitment_slot.id", ondelete="SET NULL"))
    attended: Mapped[bool | None]  # None: not recorded yet
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]

    day = relationship("RecruitmentDay", back_populates="invitations")
    profile = relationship("JobseekerProfile")
    slot = relationship("RecruitmentSlot")
    interests = relationship("RecruitmentInterest", back_populates="invitation", cascade="all, delete-orphan")


class RecruitmentInterest(db.Model):
    """An organisation wants to go further with a person it met: becomes an introduction after the person's yes."""
    __table_args__ = (UniqueConstraint("invitation_id", "opportunity_id", name="one_interest_per_place"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("recruitment_invitation.id", ondelete="CASCADE"), index=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunity.id", ondelete="CASCADE"), index=True)
    match_id: Mapped[int | None] = mapped_column(ForeignKey("match.id", ondelete="SET NULL"))
    noted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    noted_at: Mapped[datetime] = mapped_column(default=utcnow)

    invitation = relationship("RecruitmentInvitation", back_populates="interests")
    opportunity = relationship("Opportunity")
