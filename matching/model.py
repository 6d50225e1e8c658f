"""The matchers: ``Matcher`` (concepts, hierarchy and text in one explained feature space) and the
first ``TfidfMatcher`` (character n-gram TF-IDF only), kept as a baseline."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.constraints import checks_passed, violations
from matching.schema import Opportunity, Seeker, Suggestion


def _reference():
    from matching.taxonomy import reference_data  # loaded on first use: tests may pass their own

    return reference_data()


class TfidfMatcher(BaseEstimator):
    """Rank opportunities for people by cosine similarity of character n-gram TF-IDF vectors.

    Parameters
    ----------
    k : int
        How many suggestions to return per person.
    ngram_range : tuple of int
        Character n-gram sizes; n-grams make Swedish compounds and spelling variants meet.
    min_score : float
        Suggestions scoring below this are dropped as noise.
    """

    model_version = "tfidf-1"

    def __init__(self, k: int = 10, ngram_range: tuple[int, int] = (3, 5), min_score: float = 0.0):
        self.k = k
        self.ngram_range = ngram_range
        self.min_score = min_score

    def fit(self, opportunities: Sequence[Opportunity], reference=None) -> TfidfMatcher:
        """Learn the vocabulary and vectors of the opportunities; returns self."""
        self.reference_ = reference if reference is not None else _reference()
        self.opportunities_ = list(opportunities)
        self.vectorizer_ = TfidfVectorizer(analyzer="char_wb", ngram_range=self.ngram_range,
                                           sublinear_tf=True, lowercase=True)
        self.opportunity_vectors_ = self.vectorizer_.fit_transform(
            [self._opportunity_text(o) for o in self.opportunities_])
        return self

    def rank(self, seekers: Iterable[Seeker]) -> list[Suggestion]:
        """Best k eligible opportunities per person, best first, with explanations."""
        suggestions = []
        for seeker in seekers:
            vector = self.vectorizer_.transform([self._seeker_text(seeker)])
            scores = (self.opportunity_vectors_ @ vector.T).toarray().ravel()
            kept = 0
            for index in np.argsort(-scores, kind="stable"):
                opp = self.opportunities_[index]
                if scores[index] < self.min_score or violations(seeker, opp, self.reference_.distance_km):
                    continue
                suggestions.append(Suggestion(seeker.id, opp.id, float(scores[index]), self._explain(seeker, opp)))
                kept += 1
                if kept == self.k:
                    break
        return suggestions

    def _labels(self, ids: Iterable[str]) -> str:
        return " ".join(self.reference_.label(concept_id, "sv") for concept_id in ids if concept_id)

    def _seeker_text(self, seeker: Seeker) -> str:
        return " ".join([seeker.text, self._labels(seeker.occupations), self._labels(seeker.skills)])

    def _opportunity_text(self, opp: Opportunity) -> str:
        concepts = [opp.occupation, *opp.leads_to, *opp.skills_required, *opp.skills_nice]
        return " ".join([opp.text, self._labels(concepts)])

    def _explain(self, seeker: Seeker, opp: Opportunity) -> dict:
        wanted = set(opp.skills_required) | set(opp.skills_nice)
        distance = None
        if opp.municipality and seeker.municipality:
            distance = self.reference_.distance_km(seeker.municipality, opp.municipality)
        return {
            "blocks": {"text": 1.0},
            "matched_skills": sorted(wanted & set(seeker.skills)),
            "missing_skills": sorted(set(opp.skills_required) - set(seeker.skills)),
            "occupation_match": bool(opp.occupation and opp.occupation in seeker.occupations),
            "checks": checks_passed(seeker, opp),
            "distance_km": round(distance, 1) if distance is not None else None,
        }
