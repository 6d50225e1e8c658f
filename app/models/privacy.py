"""Consent records and per-municipality retention settings."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.user import utcnow


class Consent(db.Model):
    """What a person agreed to, under which text version, and when (or when they withdrew it)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("jobseeker_profile.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))  # e.g. "introduction", "support_needs"
    text_version: Mapped[str] = mapped_column(String(32))
    match_id: Mapped[int | None] = mapped_column(ForeignKey("match.id", ondelete="SET NULL"))
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]


class MunicipalitySettings(db.Model):
    """Retention per municipality: hide inactive profiles after N days, delete them M days later."""

    municipality_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    hide_after_days: Mapped[int] = mapped_column(default=365)
    delete_after_days: Mapped[int] = mapped_column(default=180)
