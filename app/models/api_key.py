"""API keys: an organisation's recruiting system, or a municipality's own systems, calling /api/v1.

Only the SHA-256 of a key is stored (a key is 256 random bits, so a fast hash is enough: nothing to guess
from); the key itself is shown once, when it is made. A key is never deleted, only revoked, so the audit
trail keeps naming it.
"""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow


class ApiKeyKind(StrEnum):
    ORGANISATION = "organisation"  # creates, updates and closes the organisation's own places
    MUNICIPALITY = "municipality"  # reads the municipality's aggregated statistics


class ApiKey(db.Model):
    __table_args__ = (
        CheckConstraint("(kind = 'organisation' AND organisation_id IS NOT NULL AND municipality_code IS NULL)"
                        " OR (kind = 'municipality' AND municipality_code IS NOT NULL AND organisation_id IS NULL)",
                        name="one_scope"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the key
    prefix: Mapped[str] = mapped_column(String(12))  # the key's first characters, to tell keys apart
    kind: Mapped[str] = mapped_column(String(16))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    municipality_code: Mapped[str | None] = mapped_column(String(4), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    organisation = relationship("Organisation")
    created_by = relationship("User", foreign_keys=[created_by_id])

    @property
    def active(self) -> bool:
        return self.revoked_at is None
