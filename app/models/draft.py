"""What a person typed into a form and has not saved yet: kept over a language switch or a session timeout."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.user import utcnow


class FormDraft(db.Model):
    """One unsaved form per owner: an account (user_id) or, before registration, a random key in the session."""

    id: Mapped[int] = mapped_column(primary_key=True)
    # CASCADE: erasing the account erases its drafts too.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    session_key: Mapped[str | None] = mapped_column(String(64), index=True)
    form: Mapped[str] = mapped_column(String(32))  # e.g. "profile", "register"
    # {"field": ["value", …]} as the browser sent it; never a password or a CSRF token.
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    step: Mapped[int] = mapped_column(default=0)  # the part of a stepped form the person was on
    saved_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
