"""Read the taxonomy for forms and pages: labels in the user's language, choices, term look-up."""
from flask import g, has_request_context
from sqlalchemy import select

from app.extensions import db
from app.presentation.i18n import current_locale
from app.models import Concept, ConceptLabel
from matching import normalise

FALLBACK_LOCALES = ("sv", "en")
LONGEST_LABEL = 300  # the length of ConceptLabel.normalised


def locale_chain(locale: str | None) -> list[str]:
    locale = locale or current_locale()
    return [locale] + [fallback for fallback in FALLBACK_LOCALES if fallback != locale]


def labels_for(concept_ids, locale: str | None = None) -> dict[str, str]:
    """Preferred label of each id in locale, falling back to Swedish then English, then the id.

    Within one request each label is read once: a page of 30 explanations asks for the same skills again and again.
    """
    ids = {concept_id for concept_id in concept_ids if concept_id}
    if not ids:
        return {}
    chain = locale_chain(locale)
    known = _request_cache(chain[0])
    missing = ids - known.keys()
    if missing:
        rows = db.session.execute(
            select(ConceptLabel.concept_id, ConceptLabel.locale, ConceptLabel.label)
            .where(ConceptLabel.concept_id.in_(missing), ConceptLabel.locale.in_(chain),
                   ConceptLabel.preferred.is_(True))
        ).all()
        best: dict[str, tuple[int, str]] = {}
        for concept_id, label_locale, label in rows:
            rank = chain.index(label_locale)
            if concept_id not in best or rank < best[concept_id][0]:
                best[concept_id] = (rank, label)
        known.update({concept_id: best[concept_id][1] if concept_id in best else concept_id for concept_id in missing})
    return {concept_id: known[concept_id] for concept_id in ids}


def _request_cache(locale: str) -> dict[str, str]:
    """Labels already read in this request, per locale (a fresh dict outside requests: CLI, jobs)."""
    if not has_request_context():
        return {}
    caches = g.setdefault("concept_labels", {})
    return caches.setdefault(locale, {})


def label_for(concept_id: str | None, locale: str | None = None) -> str:
    return labels_for([concept_id], locale).get(concept_id, "") if concept_id else ""


def choices(concept_type: str, value_attr: str = "id", keep=None, locale: str | None = None) -> list[tuple[str, str]]:
    """(value, label) pairs for the concepts of a type (those keep(concept) accepts), sorted by label."""
    concepts = [c for c in db.session.scalars(select(Concept).where(Concept.type == concept_type))
                if keep is None or keep(c)]
    labels = labels_for([c.id for c in concepts], locale)
    pairs = [(getattr(c, value_attr) or c.id, labels[c.id]) for c in concepts]
    if concept_type == "municipality":  # Swedish names, in Swedish order (Å, Ä, Ö after Z) in every language
        from app.services.collation import sorted_swedish
        return sorted_swedish(pairs, key=lambda pair: pair[1])
    return sorted(pairs, key=lambda pair: normalise(pair[1]))


def resolve_terms(terms: list[str], concept_type: str, locale: str | None = None) -> tuple[list[str], list[str]]:
    """Map typed labels to concept ids of one type; return (ids, terms that matched nothing).

    An exact label (any language, case and diacritics ignored) wins; otherwise a term that begins
    exactly one concept's label is taken as that concept ("Lagerarbetare" → "Lagerarbetare/Terminalarbetare").
    """
    chain = locale_chain(locale)
    found, unknown = [], []
    for term in terms:
        key = normalise(term)
        if len(key) > LONGEST_LABEL:  # no label is this long; and SQLite refuses LIKE patterns over 50,000 bytes
            unknown.append(term)
            continue
        rows = _label_rows(concept_type, ConceptLabel.normalised == key)
        if not rows and len(key) >= 4:
            prefixed = _label_rows(concept_type, ConceptLabel.normalised.startswith(key, autoescape=True))
            rows = prefixed if len({r.concept_id for r in prefixed}) == 1 else []
        if not rows:
            unknown.append(term)
            continue
        # Prefer a label in the user's own language, then a preferred label over a synonym.
        rows.sort(key=lambda r: (chain.index(r.locale) if r.locale in chain else len(chain), not r.preferred))
        if rows[0].concept_id not in found:
            found.append(rows[0].concept_id)
    return found, unknown


def _label_rows(concept_type: str, condition) -> list:
    return list(db.session.execute(
        select(ConceptLabel.concept_id, ConceptLabel.locale, ConceptLabel.preferred)
        .join(Concept, Concept.id == ConceptLabel.concept_id)
        .where(Concept.type == concept_type, condition).limit(50)
    ).all())
