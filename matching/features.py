"""The shared feature space of people and opportunities, as named sparse blocks.

Blocks: ``occupation`` (occupation concepts spread up the SSYK hierarchy and along substitutability,
IDF-weighted), ``skills`` (skill concepts, IDF-weighted), ``text`` (character n-gram TF-IDF over the
texts plus the Swedish labels of the concepts understood from them), ``language`` (spoken languages
against the Swedish an opportunity asks for) and ``education`` (coarse level against the level the
occupation usually needs). Each block is L2-normalised on its own, so a weighted sum of block dot
products is exactly a cosine over the concatenated space and each block's share of it is exact.
"""
from __future__ import annotations

import math
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from matching import textclf
from matching.informal import informal_reader_for
from matching.lexicon import Understanding, lexicon_for
from matching.reading import understand_person
from matching.schema import CEFR_LEVELS, Opportunity, Seeker, level_rank
from matching.taxonomy import ReferenceData
from matching.text import fold

BLOCKS = ("occupation", "skills", "text", "language", "education")

# how far an occupation's weight spreads to its groups and to the occupations its people can do;
# the relevance of neighbours falls the same way (same occupation > same SSYK-4 > same SSYK-3)
GROUP4_SPREAD = 0.6
GROUP3_SPREAD = 0.3
SUBSTITUTE_SPREAD = 0.6
EXPERIENCE_WEIGHT = 1.0  # an experience title names a job outright
ABOUT_WEIGHT = 0.6  # free text mixes jobs done, jobs wanted and everything else
INFORMAL_YIELD = 0.6  # share of unpaid experience's weight that gives way to a job understood with certainty
OPPORTUNITY_TEXT_WEIGHT = 0.3  # an ad's own occupation is known; its text only adds neighbours
ENTRY_KINDS = frozenset({"trainee_job", "apprenticeship", "internship", "introduction_job", "summer_job",
                         "vocational_programme"})


def _level_weight(level: str | None) -> float:
    """0 for none … 1 for native: how well someone speaks a language."""
    rank = level_rank(level)
    return (rank + 1) / (len(CEFR_LEVELS) + 1) if rank >= 0 else 0.0


class _ConceptBlock:
    """Dict features → IDF-weighted, L2-normalised sparse rows over a vocabulary fitted on opportunities."""

    def __init__(self, idf: bool = True):
        self.idf = idf

    def fit(self, rows: Sequence[dict[str, float]]) -> _ConceptBlock:
        df: dict[str, int] = defaultdict(int)
        for row in rows:
            for key, value in row.items():
                if value > 0:
                    df[key] += 1
        self.vocabulary_ = {key: i for i, key in enumerate(sorted(df))}
        n = len(rows)
        weights = np.ones(len(self.vocabulary_))
        if self.idf:
            for key, i in self.vocabulary_.items():
                weights[i] = math.log((1 + n) / (1 + df[key])) + 1.0
        self.weights_ = weights
        return self

    def transform(self, rows: Sequence[dict[str, float]]) -> sp.csr_matrix:
        indptr, indices, data = [0], [], []
        for row in rows:
            for key, value in row.items():
                i = self.vocabulary_.get(key)
                if i is not None and value > 0:
                    indices.append(i)
                    data.append(value * self.weights_[i])
            indptr.append(len(indices))
        matrix = sp.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                                np.asarray(indptr, dtype=np.int64)), shape=(len(rows), len(self.vocabulary_)))
        matrix.sum_duplicates()
        if matrix.shape[1] == 0:  # no opportunity has any concept of this block: nothing to normalise
            return matrix
        return normalize(matrix, copy=False)


class _Index(dict):
    """str → consecutive int, growing on first sight (``map(index.__getitem__, words)`` runs in C)."""

    def __missing__(self, key):
        value = self[key] = len(self)
        return value


def _char_wb_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """The n-grams sklearn's ``analyzer="char_wb"`` takes from one word (padded with spaces)."""
    w = " " + word + " "
    out = []
    for n in range(min_n, max_n + 1):
        out.extend(w[i:i + n] for i in range(max(1, len(w) - n + 1)))
        if len(w) <= n:  # a short word counts once
            break
    return out


class CharNgramTfidf(TransformerMixin, BaseEstimator):
    """Character n-gram TF-IDF inside word boundaries, computed word by word.

    Gives the same matrix as ``TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range,
    sublinear_tf=True, lowercase=False)`` (smooth IDF, L2 rows, features sorted by n-gram), but each
    distinct word is cut into n-grams once: a document's counts are its word counts times the words'
    n-gram counts, one sparse product. Texts repeat words far more than they hold distinct ones, so
    fitting 100,000 ads takes seconds instead of a minute.

    Parameters
    ----------
    ngram_range : tuple of int, default=(3, 5)
        Smallest and largest n-gram size.
    max_df : float, default=1.0
        Drop n-grams found in more than this share of the fitted documents (as sklearn's ``max_df``).
    max_cached_words : int, default=200_000
        Words first seen by ``transform`` whose n-gram ids are kept for the next call.
    """

    def __init__(self, ngram_range: tuple[int, int] = (3, 5), max_df: float = 1.0,
                 max_cached_words: int = 200_000):
        self.ngram_range = ngram_range
        self.max_df = max_df
        self.max_cached_words = max_cached_words

    def fit(self, X, y=None):
        self.fit_transform(X)
        return self

    def fit_transform(self, X, y=None):
        docs = self._docs(X)
        min_n, max_n = self.ngram_range
        if not 1 <= min_n <= max_n:
            raise ValueError(f"invalid ngram_range {self.ngram_range!r}")
        word_ids = _Index()
        indptr, indices = [0], []
        for doc in docs:
            indices.extend(map(word_ids.__getitem__, doc.split()))
            indptr.append(len(indices))
        doc_words = sp.csr_matrix((np.ones(len(indices)), np.asarray(indices, dtype=np.int64),
                                   np.asarray(indptr, dtype=np.int64)), shape=(len(docs), len(word_ids)))
        grams = _Index()
        w_indptr, w_indices = [0], []
        for word in word_ids:  # insertion order = column order of doc_words
            w_indices.extend(map(grams.__getitem__, _char_wb_ngrams(word, min_n, max_n)))
            w_indptr.append(len(w_indices))
        if not grams:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        # features sorted by n-gram, as sklearn's vectorizers do
        terms = sorted(grams)
        rank = np.empty(len(terms), dtype=np.int64)
        rank[[grams[t] for t in terms]] = np.arange(len(terms))
        word_grams = sp.csr_matrix((np.ones(len(w_indices)), rank[np.asarray(w_indices, dtype=np.int64)],
                                    np.asarray(w_indptr, dtype=np.int64)), shape=(len(word_ids), len(terms)))
        counts = (doc_words @ word_grams).tocsr()
        counts.sum_duplicates()
        df = np.bincount(counts.indices, minlength=len(terms))
        keep = df <= max(self.max_df * len(docs), 1)
        if not keep.all() and keep.any():  # a cut that would leave nothing is not made
            kept = np.flatnonzero(keep)
            terms = [terms[i] for i in kept]
            counts, word_grams, df = counts[:, kept], word_grams[:, kept], df[kept]
        self.vocabulary_ = {t: i for i, t in enumerate(terms)}
        self.idf_ = np.log((1 + len(docs)) / (1 + df)) + 1.0
        self._word_cache = {w: word_grams.indices[word_grams.indptr[i]:word_grams.indptr[i + 1]]
                            for w, i in word_ids.items()}
        self._n_fit_words = len(self._word_cache)
        return self._weigh(counts)

    def transform(self, X):
        check_is_fitted(self, "idf_")
        docs = self._docs(X)
        min_n, max_n = self.ngram_range
        cache, vocabulary = self._word_cache, self.vocabulary_
        empty = np.zeros(0, dtype=np.int32)
        indptr, parts = [0], []
        for doc in docs:
            n = 0
            for word in doc.split():
                ids = cache.get(word)
                if ids is None:
                    found = [vocabulary[g] for g in _char_wb_ngrams(word, min_n, max_n) if g in vocabulary]
                    ids = np.asarray(found, dtype=np.int32) if found else empty
                    if len(cache) < self._n_fit_words + self.max_cached_words:
                        cache[word] = ids
                parts.append(ids)
                n += len(ids)
            indptr.append(indptr[-1] + n)
        indices = np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)
        counts = sp.csr_matrix((np.ones(len(indices)), indices, np.asarray(indptr, dtype=np.int64)),
                               shape=(len(docs), len(vocabulary)))
        counts.sum_duplicates()
        return self._weigh(counts)

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        counts.data = np.log(counts.data) + 1.0
        counts.data *= self.idf_[counts.indices]
        return normalize(counts, copy=False)

    @staticmethod
    def _docs(X) -> list[str]:
        if isinstance(X, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        docs = list(X)
        for doc in docs:
            if not isinstance(doc, str):
                raise ValueError(f"documents must be str, not {type(doc).__name__}")
        return docs

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "vocabulary_")
        return np.asarray(sorted(self.vocabulary_, key=self.vocabulary_.get), dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags


def _unpaid(entry: dict) -> bool:
    """An experience entry the person marked as unpaid (home, family, volunteering)."""
    return bool(entry.get("unpaid")) or str(entry.get("kind") or "").lower() in ("unpaid", "informal", "volunteer")


def _with_informal(u: Understanding) -> dict[str, float]:
    """The groups understood, plus those unpaid experience leads to (the stronger weight where both)."""
    if not u.informal_groups:
        return u.groups
    merged = dict(u.groups)
    for g, w in u.informal_groups.items():
        merged[g] = max(merged.get(g, 0.0), w)
    return merged


class FeatureSpace:
    """Turns Seeker and Opportunity records into the named blocks (fit on opportunities).

    Parameters
    ----------
    reference : ReferenceData
        Taxonomy, labels and relations.
    handle_unknown : {"exact", "ignore", "error"}
        Concept ids missing from the reference data: ``exact`` keeps them as features that only meet
        the same id (no hierarchy), ``ignore`` drops them, ``error`` raises ValueError.
    ngram_range : tuple of int
        Character n-gram sizes of the text block.
    text_model : bool
        Let the learned text → occupation model (matching/textclf.py) fill in where the lexicon reads little.
    """

    def __init__(self, reference: ReferenceData, handle_unknown: str = "exact", ngram_range=(3, 5),
                 max_df: float = 1.0, text_model: bool = True):
        if handle_unknown not in ("exact", "ignore", "error"):
            raise ValueError(f"handle_unknown must be 'exact', 'ignore' or 'error', not {handle_unknown!r}")
        self.reference = reference
        self.handle_unknown = handle_unknown
        self.ngram_range = ngram_range
        self.max_df = max_df
        self.lexicon = lexicon_for(reference)
        self.informal = informal_reader_for(reference)
        self.text_model = textclf.model() if text_model else None
        self._spread_cache: dict[str, dict[str, float]] = {}

    # ------------------------------------------------------------------ concepts
    def _known(self, concept_id: str, type_: str) -> bool:
        concept = self.reference.get(concept_id)
        if concept is not None and concept.type == type_:
            return True
        if self.handle_unknown == "error":
            raise ValueError(f"unknown {type_} concept id {concept_id!r} (handle_unknown='error')")
        return False

    def _spread_occupation(self, occ_id: str) -> dict[str, float]:
        cached = self._spread_cache.get(occ_id)
        if cached is not None:
            return cached
        ref = self.reference
        out: dict[str, float] = {}
        if self._known(occ_id, "occupation"):
            out["o:" + occ_id] = 1.0
            g4 = ref.ancestor_of_type(occ_id, "ssyk4")
            g3 = ref.ancestor_of_type(occ_id, "ssyk3")
            if g4 is not None:
                out["g4:" + g4.id] = GROUP4_SPREAD
            if g3 is not None:
                out["g3:" + g3.id] = GROUP3_SPREAD
            for other, weight in ref.substitutes(occ_id) + ref.substituted_by(occ_id):
                key = "o:" + other
                out[key] = max(out.get(key, 0.0), SUBSTITUTE_SPREAD * weight)
        elif self.handle_unknown == "exact":
            out["o:" + occ_id] = 1.0
        self._spread_cache[occ_id] = out
        return out

    def _spread_group(self, group_id: str) -> dict[str, float]:
        out = {"g4:" + group_id: 1.0}
        g3 = self.reference.ancestor_of_type(group_id, "ssyk3")
        if g3 is not None:
            out["g3:" + g3.id] = GROUP3_SPREAD / GROUP4_SPREAD
        return out

    def occupation_features(self, occupations: dict[str, float], groups: dict[str, float]) -> dict[str, float]:
        feats: dict[str, float] = defaultdict(float)
        for occ, w in occupations.items():
            for key, v in self._spread_occupation(occ).items():
                feats[key] += w * v
        for group, w in groups.items():
            for key, v in self._spread_group(group).items():
                feats[key] += w * v
        return feats

    def _skill_features(self, skills: dict[str, float]) -> dict[str, float]:
        out = {}
        for skill, w in skills.items():
            if self._known(skill, "skill") or self.handle_unknown == "exact":
                out["s:" + skill] = w
        return out

    # ------------------------------------------------------------------ understanding records
    def understand_seeker(self, seeker: Seeker) -> Understanding:
        """Concepts from the person's own picks, experience titles and free text (any language)."""
        return self.understand_seekers([seeker])[0]

    def understand_seekers(self, seekers: Sequence[Seeker]) -> list[Understanding]:
        """``understand_seeker`` of each person; the text model reads all who need it in one call."""
        understood = [self._read_words(s) for s in seekers]
        if self.text_model is not None:  # the learned reading fills in where the lexicon reads little
            self.classifier_fill_in(seekers, understood)
        return [self._finish_seeker(s, u) for s, u in zip(seekers, understood)]

    def _read_words(self, seeker: Seeker) -> Understanding:
        return understand_person(self.lexicon, self.reference, [(seeker.about, ABOUT_WEIGHT, True)] + [
            (str(e.get("title", "")), EXPERIENCE_WEIGHT, False) for e in seeker.experience],
            seeker.text_language == "ar")

    def _finish_seeker(self, seeker: Seeker, u: Understanding) -> Understanding:
        latin_arabic = seeker.text_language == "ar"
        u.informal = self.informal.read([(seeker.about, False)] + [
            (" ".join([str(e.get("title") or ""), str(e.get("tasks") or ""), str(e.get("description") or "")]),
             _unpaid(e)) for e in seeker.experience], latin_arabic)
        # unpaid work fills in where paid work says little: its weight shrinks as the strongest job understood grows
        formal = max([*u.occupations.values(), *u.groups.values(), 0.0])
        u.informal_groups = {g: w * (1.0 - INFORMAL_YIELD * formal)
                             for g, w in self.informal.group_weights(u.informal).items()}
        for wrong in seeker.excluded_concepts:  # a caseworker's correction of the reading
            for found in (u.occupations, u.groups, u.skills, u.education):
                found.pop(wrong, None)
        for occ in seeker.occupations:
            u.occupations[occ] = 1.0
        for skill in seeker.skills:
            u.skills[skill] = 1.0
        return u

    def classifier_fill_in(self, seekers: Sequence[Seeker], understood: Sequence[Understanding],
                           thresholds: dict | None = None) -> list[dict]:
        """The text model's groups added to each understanding (textclf.fill_in), for the people whose lexicon
        reading (or picked occupation) is not already sure; one model call for all. Returns what was added."""
        model = self.text_model
        t = thresholds or model.thresholds
        group_ids = textclf.group_ids_for(self.reference)
        added: list[dict] = [{} for _ in seekers]
        todo, pieces = [], []
        for i, (seeker, u) in enumerate(zip(seekers, understood)):
            floor = 1.0 if seeker.occupations else 0.0
            if max([*u.occupations.values(), *u.groups.values(), floor, 0.0]) >= t["lexicon_sure"]:
                continue
            texts = textclf.person_texts(seeker, ABOUT_WEIGHT, EXPERIENCE_WEIGHT)
            if texts:
                todo.append((i, floor, len(pieces), len(texts)))
                pieces.extend(texts)
        if not pieces:
            return added
        predicted = model.predict([text for text, _ in pieces])
        for i, floor, start, n in todo:
            predictions = [(predicted[start + j], pieces[start + j][1]) for j in range(n)]
            added[i] = textclf.fill_in(understood[i], predictions, group_ids, t["lexicon_sure"],
                                       t["min_probability"], floor, t.get("yield", 0.0))
        return added

    def understand_opportunity(self, opp: Opportunity) -> Understanding:
        """Concepts of an opportunity: its structured fields, else what its text says."""
        u = self.lexicon.understand([(opp.title, 1.0), (opp.description, 0.5)])
        stated = [opp.occupation] if opp.occupation else list(opp.leads_to)
        scale = OPPORTUNITY_TEXT_WEIGHT if stated else 1.0
        u.occupations = {k: v * scale for k, v in u.occupations.items()}
        u.groups = {k: v * scale for k, v in u.groups.items()}
        for occ in stated:
            u.occupations[occ] = 1.0
        if opp.skills_required or opp.skills_nice:
            u.skills = {k: v * OPPORTUNITY_TEXT_WEIGHT for k, v in u.skills.items()}
        for skill in opp.skills_nice:
            u.skills[skill] = max(u.skills.get(skill, 0.0), 0.6)
        for skill in opp.skills_required:
            u.skills[skill] = 1.0
        return u

    # ------------------------------------------------------------------ block rows
    def _education_seeker(self, u: Understanding) -> dict[str, float]:
        level = 0
        if "higher" in u.education:
            level = 2
        elif "secondary" in u.education:
            level = 1
        return {"e:" + name: 1.0 for name in ("basic", "secondary", "higher")[:level + 1]}

    def _education_opportunity(self, opp: Opportunity) -> dict[str, float]:
        if opp.kind in ENTRY_KINDS or not opp.occupation:
            return {"e:basic": 1.0}
        major = self.reference.ancestor_of_type(opp.occupation, "ssyk1")
        code = major.code if major is not None else ""
        return {"e:higher" if code in ("1", "2") else "e:secondary" if code == "3" else "e:basic": 1.0}

    @staticmethod
    def _language_seeker(seeker: Seeker) -> dict[str, float]:
        feats = {"l:any": 1.0}
        for lang in seeker.languages:
            code = str(lang.get("code") or "").lower()
            if code:
                feats["l:" + code] = max(feats.get("l:" + code, 0.0), _level_weight(lang.get("level")))
        return feats

    @staticmethod
    def _language_opportunity(opp: Opportunity) -> dict[str, float]:
        # Swedish asked for, as a weight; the rest of the job is open to any language
        demand = _level_weight(opp.min_swedish) if opp.min_swedish else 0.3
        return {"l:sv": demand, "l:any": 1.0 - demand + 0.1}

    def _text(self, base: str, u: Understanding) -> str:
        ref = self.reference
        concepts = [*u.occupations, *u.groups]
        return fold(" ".join([base] + [ref.label(c, "sv") for c in concepts]))

    def seeker_rows(self, seekers: Sequence[Seeker]):
        understood = self.understand_seekers(seekers)
        rows = {
            "occupation": [self.occupation_features(u.occupations, _with_informal(u)) for u in understood],
            "skills": [self._skill_features(u.skills) for u in understood],
            "text": [self._text(s.text, u) for s, u in zip(seekers, understood)],
            "language": [self._language_seeker(s) for s in seekers],
            "education": [self._education_seeker(u) for u in understood],
        }
        return rows, understood

    def opportunity_rows(self, opps: Sequence[Opportunity], n_jobs: int = 1):
        if n_jobs > 1 and len(opps) >= PARALLEL_MIN_OPPORTUNITIES and "fork" in multiprocessing.get_all_start_methods():
            return _opportunity_rows_in_processes(self, opps, n_jobs)
        understood = [self.understand_opportunity(o) for o in opps]
        rows = {
            "occupation": [self.occupation_features(u.occupations, u.groups) for u in understood],
            "skills": [self._skill_features(u.skills) for u in understood],
            "text": [self._text(o.text, u) for o, u in zip(opps, understood)],
            "language": [self._language_opportunity(o) for o in opps],
            "education": [self._education_opportunity(o) for o in opps],
        }
        return rows, understood

    # ------------------------------------------------------------------ fit / transform
    def fit_transform_opportunities(self, opps: Sequence[Opportunity], n_jobs: int = 1):
        rows, understood = self.opportunity_rows(opps, n_jobs)
        self.blocks_ = {
            "occupation": _ConceptBlock().fit(rows["occupation"]),
            "skills": _ConceptBlock().fit(rows["skills"]),
            "language": _ConceptBlock(idf=False).fit(rows["language"] + [{"l:any": 1}]),
            "education": _ConceptBlock(idf=False).fit([{"e:basic": 1, "e:secondary": 1, "e:higher": 1}]),
        }
        self.text_ = CharNgramTfidf(ngram_range=self.ngram_range, max_df=self.max_df)
        matrices = {"text": self.text_.fit_transform(rows["text"])}
        for name, block in self.blocks_.items():
            matrices[name] = block.transform(rows[name])
        return matrices, understood

    def transform_seekers(self, seekers: Sequence[Seeker]):
        rows, understood = self.seeker_rows(seekers)
        matrices = {"text": self.text_.transform(rows["text"])}
        for name, block in self.blocks_.items():
            matrices[name] = block.transform(rows[name])
        return matrices, understood


# Reading opportunities' texts is pure Python (the lexicon scan), so threads do not help; forked processes share the
# lexicon and taxonomy with the parent for free (they hold caches that cannot be pickled). Below this size the
# fork costs more than it saves.
PARALLEL_MIN_OPPORTUNITIES = 20_000
_forked: tuple[FeatureSpace, Sequence[Opportunity]] | None = None


def _rows_of_chunk(bounds: tuple[int, int]):
    space, opps = _forked
    return space.opportunity_rows(opps[bounds[0]:bounds[1]])


def _opportunity_rows_in_processes(space: FeatureSpace, opps: Sequence[Opportunity], n_jobs: int):
    """opportunity_rows over n_jobs forked processes; the same rows, in the same order, as one process."""
    global _forked
    workers = min(n_jobs, os.cpu_count() or 1)
    step = math.ceil(len(opps) / (workers * 4))
    _forked = (space, opps)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_rows_of_chunk, [(a, min(a + step, len(opps))) for a in range(0, len(opps), step)])
    finally:
        _forked = None
    rows = {name: [row for part, _ in parts for row in part[name]] for name in parts[0][0]}
    return rows, [u for _, understood in parts for u in understood]
