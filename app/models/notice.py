"""Notices to one person shown on their pages (and sent by e-mail): reply reminders, a closed case, an invitation.

The text is not stored: kind + params are rendered in the reader's language when shown or sent
(app/services/notices.py), so a person who changes language reads old notices in the new one.
"""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.user import utcnow


class Notice(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]


class ReplyReminder(db.Model):
    """That one step of the reply-deadline follow-up was taken for a case, so the daily run does it once."""
    __table_args__ = (UniqueConstraint("match_id", "kind", name="one_reminder_per_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "before", "overdue", "closed"
    at: Mapped[datetime] = mapped_column(default=utcnow)
