"""The shared vocabulary: occupations, skills, places, languages … with labels per locale."""
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db


class Concept(db.Model):
    id: Mapped[str] = mapped_column(String(128), primary_key=True)  # ESCO's URIs are up to 74 characters
    type: Mapped[str] = mapped_column(String(32), index=True)
    code: Mapped[str | None] = mapped_column(String(32))
    parent_id: Mapped[str | None] = mapped_column(String(128), index=True)
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    flags: Mapped[str] = mapped_column(String(200), default="")

    labels = relationship("ConceptLabel", back_populates="concept")


class ConceptLabel(db.Model):
    __table_args__ = (Index("ix_concept_label_lookup", "locale", "normalised"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    concept_id: Mapped[str] = mapped_column(ForeignKey("concept.id"), index=True)
    locale: Mapped[str] = mapped_column(String(8))
    label: Mapped[str] = mapped_column(String(300))
    normalised: Mapped[str] = mapped_column(String(300))  # casefolded, without diacritics
    preferred: Mapped[bool] = mapped_column(default=True)
    reviewed: Mapped[bool] = mapped_column(default=True)  # False: machine/unreviewed translation

    concept = relationship("Concept", back_populates="labels")


class ConceptRelation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str] = mapped_column(String(128), index=True)
    target_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    weight: Mapped[float] = mapped_column(default=1.0)
