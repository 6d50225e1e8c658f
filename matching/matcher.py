"""The matcher: understand people and opportunities as concepts, filter by hard constraints, rank by an
explained cosine over named feature blocks (see matching/features.py)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import numpy as np
import scipy.sparse as sp
from joblib import effective_n_jobs
from sklearn.base import BaseEstimator

from matching.constraints import EligibilityIndex, violations
from matching.explain import PersonContext
from matching.features import BLOCKS, ENTRY_KINDS, FeatureSpace
from matching.schema import Opportunity, Seeker, Suggestion

MODEL_VERSION = "concepts-1"

DENSE_BLOCKS = ("language", "education")
DEFAULT_BLOCK_WEIGHTS = {"occupation": 0.5, "skills": 0.1, "text": 0.25, "language": 0.05, "education": 0.1}


# someone who names no trade: bonuses on the score for what their situation makes likely (cosines are 0..1)
VAGUE_ENTRY, VAGUE_LICENCE, VAGUE_NEAR = 0.08, 0.06, 0.04


def _entry_level(opp: Opportunity, reference) -> bool:
    """A place anyone can start in: an entry kind (trainee job, apprenticeship…) or an occupation without an
    education requirement."""
    if opp.kind in ENTRY_KINDS:
        return True
    concept = reference.get(opp.occupation) if opp.occupation else None
    return concept is not None and "no_education_requirement" in concept.flags


def _says_no_trade(seeker: Seeker, understood) -> bool:
    """Nothing the person wrote or picked names an occupation (nor does unpaid experience)."""
    return not (seeker.occupations or understood.occupations or understood.groups or understood.informal_groups)


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
    text_max_df : float, default=0.5
        Character n-grams found in more than this share of the opportunities are left out of the text
        block (they say "Swedish text", not what the job is, and they make every product dense).
    min_score : float, default=0.0
        Suggestions scoring below this are dropped.
    today : datetime.date, optional
        Date for age windows; None means the day ``rank`` runs.
    chunk_size : int, default=64
        People scored per sparse matrix product; bounds memory (a chunk's dense score matrix is
        ``chunk_size × opportunities`` float32).
    n_jobs : int, optional
        Threads ranking chunks at once (the sparse products and numpy release the GIL); None means 1,
        -1 all cores.
    reference : ReferenceData, optional
        The taxonomy people and opportunities are read with (not training data); None loads the
        packaged reference data in ``fit``. The matcher has no randomness, so no ``random_state``.
    text_model : bool, default=True
        Let the shipped text → occupation model (matching/textclf.py, character n-grams and a calibrated
        linear classifier) add occupation groups where the lexicon reads little (misspelled, half-Swedish or
        Latin-letter words); the lexicon keeps precedence where it is sure.

    Notes
    -----
    Scoring is one sparse product per chunk of people: their concatenated block rows (each divided
    by the row norm) times the transposed opportunity matrix, whose blocks carry the block weight
    over the opportunity's norm. Hard constraints become a vectorised mask, the best k come from
    ``np.argpartition``, and block shares are computed only for those k pairs, from their
    element-wise products summed per block.
    """

    def __init__(self, k: int = 10, block_weights: dict | None = None, renormalise: bool = True,
                 handle_unknown: str = "exact", text_max_df: float = 0.5, min_score: float = 0.0, today: date | None = None,
                 chunk_size: int = 64, n_jobs: int | None = None, reference=None, text_model: bool = True):
        self.k = k
        self.block_weights = block_weights
        self.renormalise = renormalise
        self.handle_unknown = handle_unknown
        self.text_max_df = text_max_df
        self.min_score = min_score
        self.today = today
        self.chunk_size = chunk_size
        self.n_jobs = n_jobs
        self.reference = reference
        self.text_model = text_model

    def fit(self, opportunities: Sequence[Opportunity], y=None) -> Matcher:
        """Learn the feature space (vocabularies, IDF) from the opportunities.

        Parameters
        ----------
        opportunities : list of Opportunity
            Everything that may be suggested.
        y : None
            Ignored (scikit-learn's signature); the matcher learns from the opportunities alone.

        Returns
        -------
        self : Matcher
        """
        weights = dict(DEFAULT_BLOCK_WEIGHTS if self.block_weights is None else self.block_weights)
        unknown = set(weights) - set(BLOCKS)
        if unknown:
            raise ValueError(f"unknown blocks in block_weights: {sorted(unknown)}")
        self.block_weights_ = {b: float(weights.get(b, 0.0)) for b in BLOCKS}
        self.reference_ = self.reference if self.reference is not None else _reference()
        self.opportunities_ = list(opportunities)
        self.features_ = FeatureSpace(self.reference_, handle_unknown=self.handle_unknown,
                                      max_df=self.text_max_df, text_model=self.text_model)
        blocks, self.opportunity_concepts_ = self.features_.fit_transform_opportunities(
            self.opportunities_, n_jobs=effective_n_jobs(self.n_jobs))
        self.opportunity_norms_ = self._norms(blocks)
        offsets, start = {}, 0
        for name in BLOCKS:
            offsets[name] = (start, start + blocks[name].shape[1])
            start += blocks[name].shape[1]
        self.block_offsets_ = offsets
        # weights and opportunity norms go into the opportunity side once; people only divide by their norm
        weighted = [sp.diags(self.block_weights_[name] / self.opportunity_norms_) @ blocks[name] for name in BLOCKS]
        del blocks
        matrix = sp.hstack(weighted, format="csr", dtype=np.float32)
        del weighted
        matrix.eliminate_zeros()
        self.opportunity_matrix_ = matrix
        # the few-column blocks (language, education) touch every pair: one dense product is cheaper
        dense = np.zeros(start, dtype=bool)
        for name in DENSE_BLOCKS:
            dense[offsets[name][0]:offsets[name][1]] = True
        self.dense_columns_ = np.flatnonzero(dense)
        self.dense_opportunities_ = np.ascontiguousarray(matrix[:, self.dense_columns_].toarray().T)
        sparse_part = matrix @ sp.diags((~dense).astype(np.float32))
        sparse_part.eliminate_zeros()
        self.opportunity_index_ = sparse_part.T.tocsr()  # feature → opportunities, for people × index products
        del sparse_part
        indicator = np.zeros(start, dtype=np.int64)
        for b, name in enumerate(BLOCKS):
            indicator[offsets[name][0]:offsets[name][1]] = b
        self.block_of_feature_ = sp.csr_matrix(
            (np.ones(start, dtype=np.float32), (np.arange(start), indicator)), shape=(start, len(BLOCKS)))
        coords = {c.id: (c.lat, c.lon) for c in self.reference_.of_type("municipality") if c.lat is not None}
        self.eligibility_ = EligibilityIndex(self.opportunities_, coords)
        self.entry_level_ = np.array([_entry_level(o, self.reference_) for o in self.opportunities_], dtype=np.float32)
        self.n_features_in_ = start
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

    def _seeker_matrix(self, seekers: Sequence[Seeker]):
        """People as rows of the concatenated space, each divided by its norm (float32 CSR)."""
        blocks, understood = self.features_.transform_seekers(seekers)
        norms = self._norms(blocks)
        matrix = sp.diags(1.0 / norms) @ sp.hstack([blocks[name] for name in BLOCKS], format="csr")
        return sp.csr_matrix(matrix, dtype=np.float32), understood

    def _pair_parts(self, people: sp.csr_matrix, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Per-block contributions (pairs, blocks) for the pairs (people row, opportunity column)."""
        if not len(rows):
            return np.zeros((0, len(BLOCKS)), dtype=np.float32)
        products = people[rows].multiply(self.opportunity_matrix_[columns])
        return np.asarray((sp.csr_matrix(products) @ self.block_of_feature_).toarray())

    def score_blocks(self, seekers: Sequence[Seeker]):
        """Per-block contributions to the score, shape (blocks, people, opportunities), and what was understood.

        Summing over the first axis gives the score; each slice over the sum is a block's exact share.
        Dense over every opportunity: for inspection and small sets, ``rank`` never builds it.
        """
        people, understood = self._seeker_matrix(seekers)
        out = np.zeros((len(BLOCKS), len(seekers), len(self.opportunities_)), dtype=np.float32)
        for b, name in enumerate(BLOCKS):
            lo, hi = self.block_offsets_[name]
            if hi > lo:
                out[b] = (people[:, lo:hi] @ self.opportunity_matrix_[:, lo:hi].T).toarray()
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
        size = max(1, self.chunk_size)
        chunks = [seekers[i:i + size] for i in range(0, len(seekers), size)]
        jobs = effective_n_jobs(self.n_jobs)
        if jobs == 1 or len(chunks) < 2:
            results = map(self._rank_chunk, chunks)
        else:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(self._rank_chunk, chunks))
        return [suggestion for chunk in results for suggestion in chunk]

    def _rank_chunk(self, seekers: list[Seeker]) -> list[Suggestion]:
        if not len(self.opportunities_):
            return []
        people, understood = self._seeker_matrix(seekers)
        scores = (people @ self.opportunity_index_).toarray()
        scores += people[:, self.dense_columns_].toarray() @ self.dense_opportunities_
        picked: list[np.ndarray] = []
        vague = [i for i, u in enumerate(understood) if _says_no_trade(seekers[i], u)]
        for i in vague:
            scores[i] += self._likely_without_a_trade(seekers[i])
        for i, seeker in enumerate(seekers):
            row = scores[i]
            ok = self.eligibility_.mask(seeker, self.today) & (row >= self.min_score)
            picked.append(self._best(row, ok, self.k + 2, self.eligibility_.unplaced))
        rows = np.repeat(np.arange(len(seekers)), [len(p) for p in picked])
        columns = np.concatenate(picked) if picked else np.zeros(0, dtype=np.int64)
        parts = self._pair_parts(people, rows, columns)
        out: list[Suggestion] = []
        at = 0
        for i, seeker in enumerate(seekers):
            order = picked[i]
            context = PersonContext(seeker, understood[i], self.reference_)
            kept = 0
            for n, j in enumerate(order):
                opp = self.opportunities_[j]
                if violations(seeker, opp, self.reference_.distance_km, self.today):
                    continue  # the vectorised filter is a fast path; violations() has the last word
                explanation = context.explain(opp, parts[at + n], self.block_weights_, self.opportunity_concepts_[j])
                if i in vague:
                    explanation["no_trade_named"] = self._likely_reasons(seeker, j)
                out.append(Suggestion(seeker.id, opp.id, round(float(scores[i, j]), 6), explanation))
                kept += 1
                if kept == self.k:
                    break
            at += len(order)
            if kept < self.k and len(order) == self.k + 2:  # the mask and violations() disagreed: slow path
                out = out[:len(out) - kept] + self._rank_slow(seeker, scores[i], people[i], context)
        return out

    def score_bonus(self, seekers: Sequence[Seeker]) -> np.ndarray:
        """What ``rank`` adds to the block scores, shape (people, opportunities): the no-trade bonus for people
        who name no trade, 0 for everyone else (for inspection, like ``score_blocks``)."""
        _, understood = self.features_.transform_seekers(seekers)
        out = np.zeros((len(seekers), len(self.opportunities_)), dtype=np.float32)
        for i, (seeker, u) in enumerate(zip(seekers, understood)):
            if _says_no_trade(seeker, u):
                out[i] = self._likely_without_a_trade(seeker)
        return out

    def _likely_without_a_trade(self, seeker: Seeker) -> np.ndarray:
        """For someone who names no trade ("any work, I can start tomorrow"): what their situation makes likely —
        entry-level places, places that use the licence they hold, places near them — as a bonus on the score."""
        index = self.eligibility_
        bonus = VAGUE_ENTRY * self.entry_level_
        bonus = bonus + VAGUE_LICENCE * index.licence_used(seeker)
        near = index.closeness(seeker)
        if near is not None:
            bonus = bonus + VAGUE_NEAR * near
        return bonus.astype(np.float32)

    def _likely_reasons(self, seeker: Seeker, j: int) -> list[str]:
        """Reason codes of that bonus for one place: entry_level, uses_licence, near."""
        index = self.eligibility_
        out = []
        if self.entry_level_[j]:
            out.append("entry_level")
        if index.licence_used(seeker)[j]:
            out.append("uses_licence")
        near = index.closeness(seeker)
        if near is not None and near[j] >= 0.5:
            out.append("near")
        return out

    @classmethod
    def _best(cls, row: np.ndarray, ok: np.ndarray, m: int, behind: np.ndarray | None = None) -> np.ndarray:
        """Indices of the m best allowed entries, best first, ties by index (deterministic).

        Entries where ``behind`` is True (places whose location is unknown) come after every other
        allowed entry, whatever their score: an unknown place is not within reach.
        """
        if behind is not None and (ok & behind).any():
            first = cls._best(row, ok & ~behind, m)
            if len(first) >= m:
                return first
            return np.concatenate([first, cls._best(row, ok & behind, m - len(first))])
        candidates = np.flatnonzero(ok)
        if len(candidates) > m:
            values = row[candidates]
            cut = np.partition(values, len(values) - m)[len(values) - m]  # m-th largest
            candidates = candidates[values >= cut]  # keeps every tie at the cut
        order = candidates[np.lexsort((candidates, -np.round(row[candidates].astype(np.float64), 9)))]
        return order[:m]

    def _rank_slow(self, seeker, row, person, context) -> list[Suggestion]:
        ok = self.eligibility_.mask(seeker, self.today) & (row >= self.min_score)
        order = self._best(row, ok, int(ok.sum()), self.eligibility_.unplaced)
        out = []
        for j in order:
            opp = self.opportunities_[j]
            if violations(seeker, opp, self.reference_.distance_km, self.today):
                continue
            parts = self._pair_parts(person, np.zeros(1, dtype=np.int64), np.array([j]))[0]
            out.append(Suggestion(seeker.id, opp.id, round(float(row[j]), 6),
                                  context.explain(opp, parts, self.block_weights_, self.opportunity_concepts_[j])))
            if len(out) == self.k:
                break
        return out
