"""The re-ranker's learning: which suggestions work out, learned from decisions, used only when it beats the
matcher's own score on the newest decisions. Plain arrays in, a fitted model out; no Flask, no database (the
app reads decisions and keeps the model file: app/services/reranker.py).

Features come only from a suggestion's explanation and score (block shares, matched and missing skills,
distance, occupation fit): never age, gender, origin or any other protected ground, and nothing about the
person outside the explanation.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, replace

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from matching.features import BLOCKS
from matching.schema import Suggestion

FEATURES = ("score", *(f"share_{b}" for b in BLOCKS), "matched_skills", "missing_skills", "distance_km",
            "occupation_match")
MIN_DECISIONS = 50  # fewer labelled decisions than this: nothing is trained
HELD_OUT = 0.2  # the newest share of decisions the model is judged on
MIN_GAIN = 0.01  # ROC AUC the model must gain over the matcher's score to be used


def features(explanation: dict | None, score: float) -> list[float]:
    """The feature row of one suggestion, in FEATURES order; an unknown distance is NaN."""
    explanation = explanation or {}
    blocks = explanation.get("blocks") or {}
    distance = explanation.get("distance_km")
    return [float(score), *(float(blocks.get(b, 0.0)) for b in BLOCKS),
            float(len(explanation.get("matched_skills") or ())), float(len(explanation.get("missing_skills") or ())),
            math.nan if distance is None else float(distance), float(bool(explanation.get("occupation_match")))]


def new_pipeline() -> Pipeline:
    return Pipeline([
        ("impute", SimpleImputer(strategy="constant", fill_value=0.0, add_indicator=True, keep_empty_features=True)),
        ("scale", StandardScaler()),
        ("model", LogisticRegression(C=1.0, max_iter=1000)),
    ])


@dataclass(frozen=True)
class TrainingResult:
    decision: str  # "not enough decisions" | "saved" | "not better than the matcher"
    decisions: int
    held_out: int = 0
    baseline_auc: float | None = None
    baseline_ap: float | None = None
    model_auc: float | None = None
    model_ap: float | None = None
    version: str | None = None


def train(x: np.ndarray, y: np.ndarray, baseline: np.ndarray,
          min_decisions: int = MIN_DECISIONS) -> tuple[TrainingResult, Pipeline | None]:
    """Train on the older decisions (rows oldest first), judge on the newest HELD_OUT share against the matcher's
    score (baseline). Returns the result and the model when it beats the matcher by MIN_GAIN (else None)."""
    n = len(y)
    n_test = math.ceil(n * HELD_OUT)
    train_y, test_y = y[:n - n_test], y[n - n_test:]
    if n < min_decisions or len(set(train_y)) < 2 or len(set(test_y)) < 2:
        return TrainingResult("not enough decisions", n), None
    pipeline = new_pipeline().fit(x[:n - n_test], train_y)
    predicted = pipeline.predict_proba(x[n - n_test:])[:, 1]
    result = TrainingResult(
        "not better than the matcher", n, n_test,
        baseline_auc=float(roc_auc_score(test_y, baseline[n - n_test:])),
        baseline_ap=float(average_precision_score(test_y, baseline[n - n_test:])),
        model_auc=float(roc_auc_score(test_y, predicted)), model_ap=float(average_precision_score(test_y, predicted)))
    if result.model_auc < result.baseline_auc + MIN_GAIN:
        return result, None
    return replace(result, decision="saved", version=version(pipeline, x[:n - n_test], train_y)), pipeline


def version(pipeline: Pipeline, x: np.ndarray, y: np.ndarray) -> str:
    """A hash of the parameters and the training data: the same data gives the same version."""
    params = sorted((k, repr(v)) for k, v in pipeline.get_params().items() if not hasattr(v, "fit"))
    digest = hashlib.sha256(repr((FEATURES, params)).encode())
    digest.update(np.ascontiguousarray(x).tobytes())
    digest.update(np.ascontiguousarray(y).tobytes())
    return "rr-" + digest.hexdigest()[:12]


def rescore(model: Pipeline, suggestions: list[Suggestion]) -> list[Suggestion]:
    """The model's probability that a case works out as the score (best first within each person, people in
    their first order); the matcher's own score stays in the explanation as raw_score."""
    if not suggestions:
        return []
    x = np.array([features(s.explanation, s.score) for s in suggestions], dtype=float)
    probability = model.predict_proba(x)[:, 1]
    rescored = [replace(s, score=round(float(p), 6), explanation={**s.explanation, "raw_score": s.score})
                for s, p in zip(suggestions, probability)]
    first_seen: dict[str, int] = {}
    for s in rescored:
        first_seen.setdefault(s.seeker_id, len(first_seen))
    # a place whose location is unknown stays after every located one, as the matcher ranked it (issue 19)
    rescored.sort(key=lambda s: (first_seen[s.seeker_id], bool(s.explanation.get("location_unknown")), -s.score,
                                 s.opportunity_id))
    return rescored
