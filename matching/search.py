"""Find taxonomy concepts from what a person types: prefix, word prefix, then typo-tolerant n-grams."""
from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.text import normalise

PREFIX, WORD_PREFIX = 1.0, 0.9  # ranks above any fuzzy hit (fuzzy scores are scaled below 0.85)
FUZZY_SCALE, FUZZY_MIN = 0.85, 0.45
# occupations the matcher's lexicon reads from the words typed (everyday words, dialects, Arabizi, "ሸፈር"):
# after label prefixes, before typo-tolerant guesses (a reading is surer than shared letters); ordered
# within that band by how sure the reading is
UNDERSTOOD_FLOOR, UNDERSTOOD = 0.86, 0.88
UNDERSTOOD_PER_GROUP = 6  # occupations offered for one SSYK-4 group read from the words


@dataclass(frozen=True)
class LabelEntry:
    concept_id: str
    type: str
    locale: str
    label: str
    preferred: bool = True


@dataclass(frozen=True)
class Hit:
    concept_id: str
    score: float
    label: str  # the concept's preferred label in the reader's first language that has one
    matched: str  # the label that matched what was typed (or the words typed, when only read: understood)
    locale: str
    understood: bool = False  # found by reading the words as the matcher does, not by a label's letters


class _TypeIndex:
    """All labels of one concept type, searchable three ways."""

    def __init__(self, entries: Sequence[LabelEntry]):
        self.entries = list(entries)
        keys = [normalise(e.label) for e in self.entries]
        self.sorted_labels = sorted((key, i) for i, key in enumerate(keys))
        self.sorted_words = sorted((word, i) for i, key in enumerate(keys)
                                   for word in set(key.replace("/", " ").replace("-", " ").split()))
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform(keys) if keys else None

    @staticmethod
    def _starting_with(sorted_pairs, prefix, limit):
        start = bisect.bisect_left(sorted_pairs, (prefix,))
        found = []
        for key, index in sorted_pairs[start:]:
            if not key.startswith(prefix) or len(found) >= limit:
                break
            found.append((key, index))
        return found

    def search(self, query: str, limit: int) -> dict[int, float]:
        scores: dict[int, float] = {}
        for key, index in self._starting_with(self.sorted_labels, query, 20 * limit):
            scores[index] = PREFIX - 0.001 * min(len(key) - len(query), 100)
        for key, index in self._starting_with(self.sorted_words, query, 20 * limit):
            scores.setdefault(index, WORD_PREFIX - 0.001 * min(len(key) - len(query), 100))
        if len(scores) < limit and self.matrix is not None and len(query) >= 3:
            similarity = (self.matrix @ self.vectorizer.transform([query]).T).toarray().ravel()
            best = np.argpartition(-similarity, min(limit * 3, len(similarity) - 1))[: limit * 3]
            for index in best:
                if similarity[index] >= FUZZY_MIN:
                    scores.setdefault(int(index), FUZZY_SCALE * float(similarity[index]))
        return scores


class LabelIndex:
    """Search concept labels in every language at once.

    Matching ignores case, diacritics and Arabic letter variants; a label that begins with the
    query ranks first, then a label with a word that begins with it, then labels that share
    character n-grams (so "elektrikr" still finds "Elektriker").
    """

    def __init__(self, entries: Iterable[LabelEntry], understand: Callable[[str], dict[str, float]] | None = None):
        self._understand = understand
        by_type: dict[str, list[LabelEntry]] = {}
        self._preferred: dict[str, dict[str, str]] = {}
        for entry in entries:
            by_type.setdefault(entry.type, []).append(entry)
            if entry.preferred:
                self._preferred.setdefault(entry.concept_id, {}).setdefault(entry.locale, entry.label)
        self._types = {concept_type: _TypeIndex(rows) for concept_type, rows in by_type.items()}

    def search(self, query: str, concept_type: str, locales: Sequence[str] = ("sv",), limit: int = 10) -> list[Hit]:
        """Best concepts for query, one hit per concept, labels in the first locale that has one preferred."""
        index = self._types.get(concept_type)
        key = normalise(query)
        if index is None or not key:
            return []
        best: dict[str, tuple[float, int]] = {}
        for position, score in index.search(key, limit).items():
            entry = index.entries[position]
            # Prefer hits in the reader's languages when scores tie.
            bonus = 0.0005 if entry.locale in locales else 0.0
            if entry.concept_id not in best or score + bonus > best[entry.concept_id][0]:
                best[entry.concept_id] = (score + bonus, position)
        hits = {concept_id: Hit(concept_id, round(score, 4),
                                self.label(concept_id, locales, index.entries[position].label),
                                index.entries[position].label, index.entries[position].locale)
                for concept_id, (score, position) in best.items()}
        if concept_type == "occupation" and self._understand is not None:
            for concept_id, weight in self._understand(query).items():
                found = hits.get(concept_id)
                if found is not None and found.score < WORD_PREFIX:  # letters and reading agree: before both
                    hits[concept_id] = replace(found, score=round(UNDERSTOOD + 0.01 * found.score, 4))
                elif found is None and concept_id in self._preferred:
                    score = UNDERSTOOD_FLOOR + (UNDERSTOOD - UNDERSTOOD_FLOOR) * weight
                    hits[concept_id] = Hit(concept_id, round(score, 4), self.label(concept_id, locales), query.strip(),
                                           locales[0] if locales else "sv", understood=True)
        ranked = sorted(hits.values(), key=lambda hit: (-hit.score, hit.label))[:limit]
        return ranked

    def label(self, concept_id: str, locales: Sequence[str], default: str = "") -> str:
        """Preferred label in the first of locales that has one, else Swedish, else default."""
        labels = self._preferred.get(concept_id, {})
        return next((labels[locale] for locale in (*locales, "sv") if locale in labels), default or concept_id)


def understood_occupations(text: str, reference=None, latin_arabic: bool = False) -> dict[str, float]:
    """Occupation id → weight for what the matcher's lexicon reads in ``text`` (any of the seven languages).

    Occupations named outright keep their weight; an SSYK-4 group read from everyday words offers its
    occupations (at most ``UNDERSTOOD_PER_GROUP``, the plainest names first) at the
    group's weight. The same reading as the matcher's (matching/lexicon.py), so "ሸፈር" finds drivers.
    """
    from matching.lexicon import lexicon_for
    from matching.taxonomy import reference_data

    reference = reference if reference is not None else reference_data()
    understood = lexicon_for(reference).understand([(text or "", 1.0)], latin_arabic=latin_arabic)
    out = dict(understood.occupations)
    for group_id, weight in understood.groups.items():
        for i, occupation in enumerate(_occupations_by_group(reference).get(group_id, ())[:UNDERSTOOD_PER_GROUP]):
            out[occupation] = max(out.get(occupation, 0.0), weight * 0.95 - 0.002 * i)  # keeps the plainest first
    return out


@functools.lru_cache(maxsize=4)
def _occupations_by_group(reference) -> dict[str, tuple[str, ...]]:
    """SSYK-4 group id → its occupations, the plainest names first."""
    members: dict[str, list] = {}
    for concept in reference.of_type("occupation"):
        group = reference.ancestor_of_type(concept.id, "ssyk4")
        if group is not None:
            members.setdefault(group.id, []).append(concept)
    def plainest_first(concept):  # the everyday name of the trade before its specialisations and apprentices
        label = reference.label(concept.id, "sv")
        return "ad_only" in concept.flags, label.lower().startswith("lärling"), len(label), label

    return {g: tuple(c.id for c in sorted(cs, key=plainest_first)) for g, cs in members.items()}
