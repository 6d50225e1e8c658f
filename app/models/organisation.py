"""Employers and education providers."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, and_
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow


class OrganisationKind(StrEnum):
    EMPLOYER = "employer"
    EDUCATION_PROVIDER = "education_provider"


class Organisation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Normalised NNNNNN-NNNN; null only for employers imported from public job ads without one.
    org_number: Mapped[str | None] = mapped_column(String(11), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    municipality_code: Mapped[str | None] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Employers see no candidate until a caseworker or administrator has vetted them.
    vetted_at: Mapped[datetime | None]
    vetted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", use_alter=True))
    # Vetting's other outcomes (see services/vetting.py): rejected (vetted_at stays empty) or suspended after approval.
    rejected_at: Mapped[datetime | None]
    suspended_at: Mapped[datetime | None]
    vetting_reason: Mapped[str | None] = mapped_column(String(500))  # why rejected or suspended, told to them

    members = relationship("User", back_populates="organisation", foreign_keys="User.organisation_id")
    opportunities = relationship("Opportunity", back_populates="organisation")

    @hybrid_property
    def is_approved(self) -> bool:
        """Approved and not suspended: only then are its places matched and its candidates shown.

        The one predicate for "may this organisation take part": works on an object and in a query
        (``select(Opportunity).join(Organisation).where(Organisation.is_approved)``).
        """
        return self.vetted_at is not None and self.suspended_at is None and self.rejected_at is None

    @is_approved.inplace.expression
    @classmethod
    def _is_approved_expression(cls):
        return and_(cls.vetted_at.is_not(None), cls.suspended_at.is_(None), cls.rejected_at.is_(None))

    @property
    def vetting_state(self) -> str:
        """'approved', 'suspended', 'rejected' or 'waiting'."""
        if self.rejected_at is not None:
            return "rejected"
        if self.suspended_at is not None:
            return "suspended"
        return "approved" if self.vetted_at is not None else "waiting"


class OrganisationEvent(db.Model):
    """What a caseworker or administrator decided about an organisation, and why: its vetting history."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(16))  # approved, rejected, suspended, reinstated
    reason: Mapped[str | None] = mapped_column(String(500))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    actor = relationship("User", foreign_keys=[actor_id])
