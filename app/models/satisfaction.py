"""One-question satisfaction survey (NKI-style): how satisfied, 1–10, after a case or a place reaches its end.

An answer points at what it is about (a jobseeker's case, or an employer's place) only so that it is asked once;
it names nobody. When the person is erased the case goes and the answer stays, without the link or the comment.
"""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.user import utcnow


class Respondent(StrEnum):
    JOBSEEKER = "jobseeker"
    EMPLOYER = "employer"


class SatisfactionAnswer(db.Model):
    __table_args__ = (CheckConstraint("score IS NULL OR (score >= 1 AND score <= 10)", name="score_1_to_10"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent: Mapped[str] = mapped_column(String(16))
    # A jobseeker answers about a case, an employer about a place: one answer (or dismissal) each.
    match_id: Mapped[int | None] = mapped_column(ForeignKey("match.id", ondelete="SET NULL"), unique=True)
    opportunity_id: Mapped[int | None] = mapped_column(ForeignKey("opportunity.id", ondelete="SET NULL"), unique=True)
    # The dashboard's area filter: the person's municipality, or the place's (its organisation's); None if unknown.
    municipality_code: Mapped[str | None] = mapped_column(String(4), index=True)
    score: Mapped[int | None]  # None: dismissed without answering
    comment: Mapped[str | None] = mapped_column(String(300))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
