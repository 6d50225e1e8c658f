"""Consent records and per-municipality retention settings."""
from datetime import datetime, time

from sqlalchemy import ForeignKey, String, Text
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
    """What an administrator sets per municipality: retention, the contact jobseekers see, reply deadlines.

    A municipality without a row uses the defaults (services read through one function each).
    """

    municipality_code: Mapped[str] = mapped_column(String(4), primary_key=True)
    hide_after_days: Mapped[int] = mapped_column(default=365)
    delete_after_days: Mapped[int] = mapped_column(default=180)
    # The municipal contact shown to jobseekers ("who to ask"): a team or a person, not a private number.
    contact_name: Mapped[str | None] = mapped_column(String(120))
    contact_phone: Mapped[str | None] = mapped_column(String(32))  # E.164
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_hours: Mapped[str | None] = mapped_column(String(200))  # e.g. "Mån–fre 9–12"
    # An employer answers a person who said yes within this many working days; past close_after_days the case closes.
    reply_working_days: Mapped[int] = mapped_column(default=10, server_default="10")
    close_after_days: Mapped[int] = mapped_column(default=90, server_default="90")
    # Recruitment-day defaults: a new recruitment day's form starts from these (app/services/recruitment_defaults.py).
    recruitment_venue: Mapped[str | None] = mapped_column(String(200))
    recruitment_address: Mapped[str | None] = mapped_column(String(300))
    recruitment_accessibility: Mapped[str | None] = mapped_column(Text)
    recruitment_capacity: Mapped[int] = mapped_column(default=30, server_default="30")
    recruitment_starts: Mapped[time | None]  # first time of the day; with ends and slot length the form's times
    recruitment_ends: Mapped[time | None]
    recruitment_slot_minutes: Mapped[int] = mapped_column(default=30, server_default="30")
