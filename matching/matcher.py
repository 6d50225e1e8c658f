"""The matcher: understand people and opportunities as concepts, filter by hard constraints, rank by an
explained cosine over named feature blocks (see matching/features.py)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
from sklearn.base import BaseEstimator

from matching.constraints import EligibilityIndex, violations
from matching.explain import explain
from matching.features import BLOCKS, FeatureSpace
from matching.schema import Opportunity, Seeker, Suggestion

MODEL_VERSION = "concepts-1"

DEFAULT_BLOCK_WEIGHTS = {"occupation": 0.5, "skills": 0.1, "text": 0.25, "language": 0.05, "education": 0.1}


def _reference():
    from matching.taxonomy import reference_data  # loaded on first use: tests may pass their own

    return reference_data()


class Matcher(BaseEstimator):
    """Rank opportunities for people: hard constraints filter, an explained block cosine scores.

    People and opportunities are mapped into one space of named blocks: occupation concepts (spread
    along the SSYK hierarchy and substitutability, IDF-weighted), skill concepts, character n-gram
    TF-IDF over text, language fit and education. Free text in any of the seven supported languages is
    read into concepts through a multilingual lexicon, so opportunities without structured skills and
    people who describe what they did are understood the same way. Vocational programmes are ranked
    through the occupations they lead to, so they appear as pathways for people aiming there.

    Parameters
    ----------
    k : int, default=10
        Suggestions per person.
    block_weights : dict of str to float, optional
        Weight of each block in the cosine (keys from ``occupation``, ``skills``, ``text``,
        ``language``, ``education``; missing keys count 0). None uses ``DEFAULT_BLOCK_WEIGHTS``.
    renormalise : bool, default=True
        Normalise the whole concatenated vector (a true cosine, so a record with fewer known blocks
        is not penalised); False sums weighted block cosines.
    handle_unknown : {"exact", "ignore", "error"}, default="exact"
        Policy for concept ids (occupations, skills) missing from the reference data: ``exact`` keeps
        them as features that only meet the same id, ``ignore`` drops them, ``error`` raises
        ValueError. Unknown municipalities make the distance check not apply (distance None);
        unknown language codes and levels count as not spoken.
    min_score : float, default=0.0
        Suggestions scoring below this are dropped.
    today : datetime.date, optional
        Date for age windows; None means the day ``rank`` runs.
    chunk_size : int, default=256
        People scored per matrix product; bounds memory for region-sized runs.
    random_state : None
        Accepted for the estimator contract; the matcher has no randomness.
    """

    def __init__(self, k: int = 10, block_weights: dict | None = None, renormalise: bool = True,
                 handle_unknown: str = "exact", min_score: float = 0.0, today: date | None = None,
                 chunk_size: int = 256, random_state=None):
        self.k = k
        self.block_weights = block_weights
        self.renormalise = renormalise
        self.handle_unknown = handle_unknown
        self.min_score = min_score
        self.today = today
        self.chunk_size = chunk_size
        self.random_state = random_state

    def fit(self, opportunities: Sequence[Opportunity], reference=None) -> Matcher:
        """Learn the feature space (vocabularies, IDF) from the opportunities.

        Parameters
        ----------
        opportunities : list of Opportunity
            Everything that may be suggested.
        reference : ReferenceData, optional
            Taxonomy to use; defaults to the packaged reference data.

        Returns
        -------
        self : Matcher
        """
        weights = dict(DEFAULT_BLOCK_WEIGHTS if self.block_weights is None else self.block_weights)
        unknown = set(weights) - set(BLOCKS)
        if unknown:
            raise ValueError(f"unknown blocks in block_weights: {sorted(unknown)}")
        self.block_weights_ = {b: float(weights.get(b, 0.0)) for b in BLOCKS}
        self.reference_ = reference if reference is not None else _reference()
        self.opportunities_ = list(opportunities)
        self.features_ = FeatureSpace(self.reference_, handle_unknown=self.handle_unknown)
        self.opportunity_blocks_, self.opportunity_concepts_ = self.features_.fit_transform_opportunities(
            self.opportunities_)
        self.opportunity_norms_ = self._norms(self.opportunity_blocks_)
        coords = {c.id: (c.lat, c.lon) for c in self.reference_.of_type("municipality") if c.lat is not None}
        self.eligibility_ = EligibilityIndex(self.opportunities_, coords)
        self.n_features_in_ = sum(m.shape[1] for m in self.opportunity_blocks_.values())
        return self

    def _norms(self, blocks) -> np.ndarray:
        """Per row, the norm of the concatenated weighted vector (1 when not renormalising)."""
        n = next(iter(blocks.values())).shape[0]
        if not self.renormalise:
            return np.full(n, np.sqrt(sum(self.block_weights_.values())) or 1.0)
        total = np.zeros(n)
        for name, matrix in blocks.items():
            present = np.diff(matrix.indptr) > 0
            total += self.block_weights_[name] * present
        return np.sqrt(np.where(total > 0, total, 1.0))

    def score_blocks(self, seekers: Sequence[Seeker]):
        """Per-block contributions to the score, shape (blocks, people, opportunities), and what was understood.

        Summing over the first axis gives the score; each slice over the sum is a block's exact share.
        """
        blocks, understood = self.features_.transform_seekers(seekers)
        norms = self._norms(blocks)
        out = np.zeros((len(BLOCKS), len(seekers), len(self.opportunities_)), dtype=np.float32)
        for b, name in enumerate(BLOCKS):
            w = self.block_weights_[name]
            if w:
                dots = (blocks[name] @ self.opportunity_blocks_[name].T).toarray()
                out[b] = w * dots / norms[:, None] / self.opportunity_norms_[None, :]
        return out, understood

    def rank(self, seekers: Iterable[Seeker]) -> list[Suggestion]:
        """Best k eligible opportunities per person, best first, with explanations.

        Parameters
        ----------
        seekers : iterable of Seeker

        Returns
        -------
        list of Suggestion
            Grouped by person in input order, best first, at most ``k`` each; every suggestion breaks
            no hard constraint (``matching.violations`` is empty).
        """
        seekers = list(seekers)
        suggestions: list[Suggestion] = []
        for start in range(0, len(seekers), max(1, self.chunk_size)):
            chunk = seekers[start:start + self.chunk_size]
            parts, understood = self.score_blocks(chunk)
            scores = parts.sum(axis=0, dtype=np.float64)
            for i, seeker in enumerate(chunk):
                suggestions.extend(self._rank_one(seeker, scores[i], parts[:, i, :], understood[i]))
        return suggestions

    def _rank_one(self, seeker, scores, parts, understood) -> list[Suggestion]:
        ok = self.eligibility_.mask(seeker, self.today) & (scores >= self.min_score)
        candidates = np.flatnonzero(ok)
        if not len(candidates):
            return []
        # best first; ties broken by opportunity order so runs are deterministic
        order = candidates[np.lexsort((candidates, -np.round(scores[candidates], 9)))]
        out = []
        for j in order:
            opp = self.opportunities_[j]
            if violations(seeker, opp, self.reference_.distance_km, self.today):
                continue  # the vectorised filter is a fast path; violations() has the last word
            explanation = explain(seeker, opp, parts[:, j], self.block_weights_, understood,
                                  self.opportunity_concepts_[j], self.reference_)
            out.append(Suggestion(seeker.id, opp.id, round(float(scores[j]), 6), explanation))
            if len(out) == self.k:
                break
        return out
