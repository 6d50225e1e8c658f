"""Staff accounts: one-time invitations and the record of what administrators did to staff accounts."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow


class StaffInvitation(db.Model):
    """A one-time link to choose a password and connect an authenticator app (app/services/invitations.py).

    Only a SHA-256 digest of the link's token is stored: a copy of the database opens no account.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user = relationship("User", foreign_keys=[user_id])


class StaffEvent(db.Model):
    """Who invited, deactivated, reactivated or moved which staff account, and when (never changed afterwards).

    actor_id is NULL for the command line (`flask users create`), which the operator runs on the server.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(32))  # invited, link_renewed, accepted, deactivated, reactivated, moved
    detail: Mapped[str | None] = mapped_column(String(64))  # e.g. "1980 → 0484" for a move
    at: Mapped[datetime] = mapped_column(default=utcnow)

    actor = relationship("User", foreign_keys=[actor_id], viewonly=True)
