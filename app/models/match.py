"""A suggested pairing of a jobseeker and an opportunity, and its history."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow


class MatchStatus(StrEnum):
    SUGGESTED = "suggested"
    APPROVED = "approved"
    REJECTED = "rejected"
    INTRODUCED = "introduced"  # the jobseeker said yes: the employer may see who they are
    DECLINED = "declined"
    INTERVIEW = "interview"
    PLACED = "placed"
    NOT_PLACED = "not_placed"
    # The caseworker asked whether the placed person still works there (the status column is String(16)).
    FOLLOWED_UP_3M = "followed_up_3m"
    FOLLOWED_UP_6M = "followed_up_6m"


class RejectReason(StrEnum):
    SKILLS = "skills"
    LANGUAGE = "language"
    TRAVEL = "travel"
    TIMING = "timing"
    NOT_WANTED = "not_wanted"
    OTHER = "other"


class FollowUpAnswer(StrEnum):
    """The reason code of a follow-up transition: does the person still work there?"""
    STILL_WORKING = "still_working"
    NOT_WORKING = "not_working"


class Match(db.Model):
    __table_args__ = (UniqueConstraint("profile_id", "opportunity_id", name="one_per_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("jobseeker_profile.id"), index=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunity.id"), index=True)
    score: Mapped[float]
    # Codes and numbers from matching/; the web layer renders them as sentences.
    explanation: Mapped[dict] = mapped_column(JSON, default=dict)
    model_version: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=MatchStatus.SUGGESTED, index=True)
    reason_code: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    # "I'm interested": the person asked for this place themself; the municipality that owns it reviews it.
    requested_by_person: Mapped[bool] = mapped_column(default=False, server_default="0")
    review_municipality_code: Mapped[str | None] = mapped_column(String(4))

    profile = relationship("JobseekerProfile", back_populates="matches")
    opportunity = relationship("Opportunity", back_populates="matches")
    events = relationship("MatchEvent", back_populates="match", order_by="MatchEvent.id")

    __mapper_args__ = {"version_id_col": version}


class MatchEvent(db.Model):
    """Who moved a case, from where to where, when and why."""

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    match = relationship("Match", back_populates="events")
    actor = relationship("User")
