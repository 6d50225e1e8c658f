"""Autocomplete for occupations and skills, built once per process from the taxonomy in the database."""
from threading import Lock

from sqlalchemy import select

from app.extensions import db
from app.models import Concept, ConceptLabel
from app.services.concepts import locale_chain
from matching import LabelEntry, LabelIndex, understood_occupations

SEARCHABLE_TYPES = ("occupation", "skill")
_index: LabelIndex | None = None
_lock = Lock()


def _build() -> LabelIndex:
    rows = db.session.execute(
        select(ConceptLabel.concept_id, Concept.type, ConceptLabel.locale, ConceptLabel.label, ConceptLabel.preferred)
        .join(Concept, Concept.id == ConceptLabel.concept_id).where(Concept.type.in_(SEARCHABLE_TYPES)))
    return LabelIndex((LabelEntry(*row) for row in rows), understand=understood_occupations)


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
    chain = locale_chain(locale)
    hits = label_index().search(query[:100], concept_type, locales=chain, limit=limit * 3)
    hits = ranked_exact_first(query, hits)[:limit]
    return [{"id": hit.concept_id, "label": hit.label, "matched": hit.matched if hit.matched != hit.label else None}
            for hit in hits]


def ranked_exact_first(query: str, hits: list) -> list:
    """The label typed exactly first, then labels that begin with it as a whole word, then labels that begin with
    it inside a longer word, then the index's own order ("Kock", "Kock, fartyg", then "Kocksteward"); case and
    accents ignored."""
    from app.services.concepts import normalise

    key = normalise(query)

    def rank(hit) -> int:
        # a hit only read from the words (understood) has the typed words as "matched": no label to rank by
        labels = [normalise(hit.label)] + ([normalise(hit.matched)] if hit.matched and not hit.understood else [])
        if key in labels:
            return 0
        if any(label.startswith(key) and not label[len(key)].isalnum() for label in labels):
            return 1  # the word itself, then more: "Kock, fartyg"
        if any(label.startswith(key) for label in labels):
            return 2  # a longer word: "Kocksteward"
        return 3

    return sorted(hits, key=rank)  # stable: the index's order within each rank
