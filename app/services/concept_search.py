"""Autocomplete for occupations and skills, built once per process from the taxonomy in the database."""
from threading import Lock

from sqlalchemy import select

from app.extensions import db
from app.models import Concept, ConceptLabel
from app.services.concepts import _locale_chain
from matching import LabelEntry, LabelIndex

SEARCHABLE_TYPES = ("occupation", "skill")
_index: LabelIndex | None = None
_lock = Lock()


def _build() -> LabelIndex:
    rows = db.session.execute(
        select(ConceptLabel.concept_id, Concept.type, ConceptLabel.locale, ConceptLabel.label, ConceptLabel.preferred)
        .join(Concept, Concept.id == ConceptLabel.concept_id).where(Concept.type.in_(SEARCHABLE_TYPES)))
    return LabelIndex(LabelEntry(*row) for row in rows)


def label_index() -> LabelIndex:
    global _index
    with _lock:
        if _index is None:
            _index = _build()
        return _index


def forget_index() -> None:
    """Called after a taxonomy import so the next search sees the new labels."""
    global _index
    with _lock:
        _index = None


def search_concepts(query: str, concept_type: str, limit: int = 10, locale: str | None = None) -> list[dict]:
    """Suggestions as the web page shows them: the label in the reader's language, and what matched."""
    if concept_type not in SEARCHABLE_TYPES:
        return []
    chain = _locale_chain(locale)
    hits = label_index().search(query[:100], concept_type, locales=chain, limit=limit)
    return [{"id": hit.concept_id, "label": hit.label, "matched": hit.matched if hit.matched != hit.label else None}
            for hit in hits]
