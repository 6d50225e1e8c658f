"""A learned text → occupation reading: character n-grams and a linear classifier, calibrated.

The lexicon (matching/lexicon.py) reads the words it knows, in their known forms. People also write
words it does not know in the form they type: a misspelled trade word, Arabic in Latin letters, a title
half in Swedish. This model reads the *letters*: character n-grams (2–5, inside words, of the folded
text, hashed) into a linear classifier over the SSYK-4 groups plus a ``none`` class (place names, languages,
sentences that name no work). It is trained by ``python -m matching.data.build_textclf`` on what the project
knows (taxonomy labels and synonyms in every locale, the translated labels, the cue words, ESCO labels
followed to JobTech, the ontology's misspellings, the real ads' titles and descriptions with their
occupations) plus seeded corruptions of them (matching/noise.py), and shipped pruned in
``data/textclf.npz`` with its provenance.

Its scores are calibrated: a logistic regression on (score, score − best other score) of each of the
three best groups, fitted on a held-out split of the same vocabulary, gives the probability that a group
is right. The matcher (FeatureSpace.understand_seekers) uses it only where the lexicon is not sure
(``thresholds["lexicon_sure"]``) and only above ``thresholds["min_probability"]``; both were chosen on that
held-out split, never on benchmark rows (the grid is in ``data/textclf.json``). The lexicon's own weights
are never lowered.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from matching.taxonomy import DATA_DIR
from matching.text import fold

MODEL_FILE = DATA_DIR / "textclf.npz"
REPORT_FILE = DATA_DIR / "textclf.json"
N_FEATURES = 2 ** 20
NGRAM_RANGE = (2, 5)
NONE = "none"
TOP = 3  # groups the calibrator scores per text


def vectorizer() -> HashingVectorizer:
    """The feature map (stateless: the same at build and at run time)."""
    return HashingVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, n_features=N_FEATURES,
                             alternate_sign=False, norm="l2", lowercase=False, preprocessor=fold,
                             dtype=np.float32)


def calibration_features(scores: np.ndarray, top: int = TOP) -> tuple[np.ndarray, np.ndarray]:
    """For each row's ``top`` best classes: their column and (score, score − best other class's score)."""
    order = np.argsort(-scores, axis=1, kind="stable")[:, :top + 1]
    best = np.take_along_axis(scores, order, axis=1)
    cols = order[:, :top]
    s = best[:, :top]
    other = np.where(np.arange(top)[None, :] == 0, best[:, 1:2], best[:, :1])  # best class other than this one
    return cols, np.stack([s, s - other], axis=-1)


class TextOccupationModel:
    """The shipped model: sparse weights over hashed n-grams, intercepts, classes and the calibrator.

    ``predict(texts)`` → per text {SSYK-4 code: calibrated probability} for its best groups (``none`` left out).
    """

    def __init__(self, weights: sp.csc_matrix, intercept: np.ndarray, classes: list[str],
                 calibration: tuple[np.ndarray, float], thresholds: dict[str, float]):
        self.weights = sp.csr_matrix(weights, dtype=np.float32)  # n_features × n_classes
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.classes = list(classes)
        self.coef, self.bias = np.asarray(calibration[0], dtype=np.float64), float(calibration[1])
        self.thresholds = dict(thresholds)
        self._vectorizer = vectorizer()
        self._none = self.classes.index(NONE) if NONE in self.classes else -1

    @classmethod
    def load(cls, path: str | Path = MODEL_FILE) -> TextOccupationModel:
        with np.load(path, allow_pickle=False) as z:
            weights = sp.csr_matrix((z["data"].astype(np.float32), z["indices"], z["indptr"]),
                                    shape=tuple(z["shape"]))
            meta = json.loads(str(z["meta"]))
            return cls(weights, z["intercept"], meta["classes"], (np.asarray(meta["calibration_coef"]),
                                                                   meta["calibration_bias"]), meta["thresholds"])

    def decision_function(self, texts: list[str]) -> np.ndarray:
        x = self._vectorizer.transform(texts)
        return np.asarray((x @ self.weights).todense()) + self.intercept

    def probabilities(self, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        cols, feats = calibration_features(scores)
        z = feats @ self.coef + self.bias
        return cols, 1.0 / (1.0 + np.exp(-z))

    def predict(self, texts: list[str]) -> list[dict[str, float]]:
        """Per text, the calibrated probability of each of its best groups (SSYK-4 codes); ``none`` dropped."""
        out = []
        for start in range(0, len(texts), 2000):  # bounded memory: 2,000 × classes scores at a time
            cols, probs = self.probabilities(self.decision_function(texts[start:start + 2000]))
            for row_cols, row_probs in zip(cols, probs):
                out.append({self.classes[c]: round(float(p), 6) for c, p in zip(row_cols, row_probs)
                            if c != self._none})
        return out


@functools.lru_cache(maxsize=1)
def model() -> TextOccupationModel | None:
    """The shipped model, loaded once per process (None when the file is missing)."""
    return TextOccupationModel.load() if MODEL_FILE.exists() else None


MAX_CLAUSE_WORDS = 8  # the longest texts the model was calibrated on (titles, short answers, "I worked as X")


def person_texts(seeker, about_weight: float, experience_weight: float) -> list[tuple[str, float]]:
    """What the classifier reads of a person: each paid experience title, and the clauses of the free text that
    are as short as the texts it was calibrated on (``MAX_CLAUSE_WORDS``; longer clauses of a story are left
    to the lexicon and its task frames), each with the weight the lexicon gives that kind of text (a side
    task, "and sometimes welded", counts ``SOMETIMES_SCALE`` of it, as in matching/reading.py)."""
    from matching.reading import SOMETIMES_SCALE, read_clauses

    out = []
    for entry in seeker.experience:
        if not (entry.get("unpaid") or str(entry.get("kind") or "").lower() in ("unpaid", "informal", "volunteer")):
            title = str(entry.get("title") or "").strip()
            if title:
                out.append((title, 1.0))
    scale = about_weight / experience_weight
    for clause, _, _, sometimes in read_clauses(seeker.about or "")[:12]:
        if clause and len(clause) <= MAX_CLAUSE_WORDS:
            out.append((" ".join(clause), scale * (SOMETIMES_SCALE if sometimes else 1.0)))
    return out


def fill_in(understanding, predictions: list[tuple[dict[str, float], float]], group_ids: dict[str, str],
            lexicon_sure: float, min_probability: float, floor: float = 0.0, yield_: float = 0.0) -> dict[str, float]:
    """Add the classifier's groups to ``understanding.groups`` where the lexicon is not sure.

    ``predictions``: per text, {SSYK-4 code: calibrated probability} and the text's weight. Nothing is added
    when the strongest occupation or group the lexicon read (or ``floor``: a picked occupation) reaches
    ``lexicon_sure``; otherwise each group whose probability reaches ``min_probability`` gets weight
    probability × text weight × (1 − ``yield_`` × that strongest lexicon weight): the more the lexicon read,
    the less the model adds (the larger where the lexicon read the group too). Returns what was added.
    """
    formal = max([*understanding.occupations.values(), *understanding.groups.values(), floor, 0.0])
    if formal >= lexicon_sure:
        return {}
    scale = 1.0 - yield_ * formal
    added: dict[str, float] = {}
    for probs, weight in predictions:
        for code, p in probs.items():
            gid = group_ids.get(code)
            if gid is None or p < min_probability:
                continue
            added[gid] = max(added.get(gid, 0.0), round(p * weight * scale, 6))
    for gid, w in added.items():
        understanding.groups[gid] = max(understanding.groups.get(gid, 0.0), w)
    return added


@functools.lru_cache(maxsize=4)
def group_ids_for(reference) -> dict[str, str]:
    """SSYK-4 code → concept id."""
    return {c.code: c.id for c in reference.of_type("ssyk4")}
