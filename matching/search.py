"""Find taxonomy concepts from what a person types: prefix, word prefix, then typo-tolerant n-grams."""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.text import normalise

PREFIX, WORD_PREFIX = 1.0, 0.9  # ranks above any fuzzy hit (fuzzy scores are scaled below 0.85)
FUZZY_SCALE, FUZZY_MIN = 0.85, 0.45


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
    matched: str  # the label that matched what was typed
    locale: str


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

    def __init__(self, entries: Iterable[LabelEntry]):
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
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], index.entries[item[1][1]].label))[:limit]
        return [Hit(concept_id, round(score, 4), self.label(concept_id, locales, index.entries[position].label),
                    index.entries[position].label, index.entries[position].locale)
                for concept_id, (score, position) in ranked]

    def label(self, concept_id: str, locales: Sequence[str], default: str = "") -> str:
        """Preferred label in the first of locales that has one, else Swedish, else default."""
        labels = self._preferred.get(concept_id, {})
        return next((labels[locale] for locale in (*locales, "sv") if locale in labels), default or concept_id)
