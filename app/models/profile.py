"""A jobseeker's profile: what matching and caseworkers use."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow


class ProfileStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    PLACED = "placed"


class JobseekerProfile(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    # Null when a caseworker keeps the profile for a person without an account.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))  # in Latin letters, as in Swedish documents
    # Optional: the name as the person writes it in their own script (never shown to employers).
    name_own_script: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(32))
    birth_year: Mapped[int | None]
    municipality_code: Mapped[str] = mapped_column(String(4), index=True)
    travel_km: Mapped[int] = mapped_column(default=30)
    swedish_level: Mapped[str | None] = mapped_column(String(8))
    # [{"code": "ar", "level": "native"}, …] — ISO 639-1 code and CEFR level or "native".
    languages: Mapped[list] = mapped_column(JSON, default=list)
    education_level: Mapped[str | None] = mapped_column(String(32))
    # [{"title": "Lagerarbetare", "years": 2.0}, …] as the person wrote it.
    experience: Mapped[list] = mapped_column(JSON, default=list)
    skills: Mapped[list] = mapped_column(JSON, default=list)  # skill concept ids
    wanted_occupations: Mapped[list] = mapped_column(JSON, default=list)  # occupation concept ids
    # Jobs and skills in the person's own words that the lists did not know: kept, shown back, matched as text.
    own_occupations: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    own_skills: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    driving_licences: Mapped[list] = mapped_column(JSON, default=list)  # e.g. ["B"]
    wanted_kinds: Mapped[list] = mapped_column(JSON, default=list)  # OpportunityKind values; empty = any
    available_from: Mapped[date | None]
    about: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=ProfileStatus.ACTIVE)
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)  # the caseload
    # Skyddade personuppgifter: contact details hidden from all but the assigned caseworker.
    protected_identity: Mapped[bool] = mapped_column(default=False, server_default="0")
    last_active_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    hidden_at: Mapped[datetime | None]  # retention: hidden after inactivity, deleted later
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user = relationship("User", back_populates="profile", foreign_keys=[user_id])
    caseworker = relationship("User", foreign_keys=[caseworker_id])
    matches = relationship("Match", back_populates="profile")
    notes = relationship("CaseNote", back_populates="profile", passive_deletes=True,
                         order_by="(CaseNote.at.desc(), CaseNote.id.desc())")

    @property
    def email(self) -> str | None:
        return self.user.email if self.user else None


NOTE_MAX_LENGTH = 2000


class CaseNote(db.Model):
    """A caseworker's note on a person's case; read only by staff of the person's municipality."""

    id: Mapped[int] = mapped_column(primary_key=True)
    # CASCADE: erasing the person erases the notes about them too.
    profile_id: Mapped[int] = mapped_column(ForeignKey("jobseeker_profile.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(String(NOTE_MAX_LENGTH))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # The municipality whose caseworker wrote it: notes stay with it when the person moves (only its staff read them).
    municipality_code: Mapped[str | None] = mapped_column(String(4))

    profile = relationship("JobseekerProfile", back_populates="notes")
    author = relationship("User")


class ConceptCorrection(db.Model):
    """A caseworker's correction of what the matcher read from a person's own words: a concept removed (a wrong
    reading) or added (one it missed). Kept with the person (erased with them); the matcher reads the profile with
    the corrections applied, and the corrections themselves are feedback on the reading (services/readings.py)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("jobseeker_profile.id", ondelete="CASCADE"), index=True)
    concept_id: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(8))  # "removed" or "added"
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
