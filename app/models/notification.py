"""What a person wants to be told and how (settings), and every message sent to them (the record)."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class AlertFrequency(StrEnum):
    OFF = "off"
    DAILY = "daily"
    WEEKLY = "weekly"


class NotificationStatus(StrEnum):
    PENDING = "pending"  # waiting: for the queue, for morning (quiet hours) or for another try
    SENDING = "sending"  # claimed by one job; never claimed again, so a retried job cannot send twice
    SENT = "sent"
    FAILED = "failed"  # the last try failed: the person shows up for their caseworker
    UNSENT = "unsent"  # no gateway or server is configured (development): nothing was sent


class NotificationSettings(db.Model):
    """The person's choices; a person without a row gets the defaults (e-mail and SMS on, no alerts)."""

    profile_id: Mapped[int] = mapped_column(ForeignKey("jobseeker_profile.id", ondelete="CASCADE"),
                                            primary_key=True)
    email: Mapped[bool] = mapped_column(default=True)
    sms: Mapped[bool] = mapped_column(default=True)
    alerts: Mapped[str] = mapped_column(String(8), default=AlertFrequency.OFF)
    # New places are those published after this moment (the last alert, or when alerts were turned on).
    alerts_since: Mapped[datetime | None]


class Notification(db.Model):
    """One message to one person on one channel. key is unique: the same event never makes two messages."""

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("jobseeker_profile.id", ondelete="CASCADE"), index=True)
    match_id: Mapped[int | None] = mapped_column(ForeignKey("match.id", ondelete="SET NULL"))
    event: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(8))
    locale: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default=NotificationStatus.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(String(64))  # the kind of failure, never a message text
    detail: Mapped[dict | None] = mapped_column(JSON)  # an alert: {"opportunities": [ids]} (no personal data)
    not_before: Mapped[datetime] = mapped_column(default=utcnow)  # quiet hours move an SMS to the morning
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    profile = relationship("JobseekerProfile")
