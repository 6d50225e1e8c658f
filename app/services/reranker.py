"""The re-ranker: learns from caseworkers' decisions which suggestions work out, and is used only when it beats
the matcher's own score on the newest decisions.

Labels: a case that reached approved, introduced, interview or placed (or a follow-up) is positive; rejected,
declined or not placed is negative; a suggestion nobody decided on is no label. Features come only from the
stored explanation and score (block shares, matched and missing skills, distance, occupation fit): never
age, gender, origin or any other protected ground, and nothing about the person outside the explanation.

`flask matching train` trains on the older 80 % of decisions and compares on the newest 20 % (ROC AUC and
average precision) with the matcher's score. The model is saved (joblib, in the instance folder, with a
version that is a hash of its parameters and training data) only when its ROC AUC is higher by at least
MIN_GAIN. While a saved model exists, `rerank` re-scores suggestions with it and the version is stored on
each new suggestion (app/services/matching.py's store_suggestions and the batch proposal call `rerank`).
"""
from __future__ import annotations

import hashlib
import math
import os
from dataclasses import dataclass, replace
from pathlib import Path

import joblib
import numpy as np
from flask import current_app
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sqlalchemy import func, select

import matching
from app.extensions import db
from app.models import Match, MatchEvent, MatchStatus

S = MatchStatus
POSITIVE = frozenset({S.APPROVED, S.INTRODUCED, S.INTERVIEW, S.PLACED, S.FOLLOWED_UP_3M, S.FOLLOWED_UP_6M})
NEGATIVE = frozenset({S.REJECTED, S.DECLINED, S.NOT_PLACED})
BLOCK_NAMES = ("occupation", "skills", "text", "language", "education")
FEATURES = ("score", *(f"share_{b}" for b in BLOCK_NAMES), "matched_skills", "missing_skills", "distance_km",
            "occupation_match")
MIN_DECISIONS = 50  # fewer labelled decisions than this: nothing is trained
HELD_OUT = 0.2  # the newest share of decisions the model is judged on
MIN_GAIN = 0.01  # ROC AUC the model must gain over the matcher's score to be used
MODEL_FILE = "reranker.joblib"


def features(explanation: dict | None, score: float) -> list[float]:
    """The feature row of one suggestion, in FEATURES order; an unknown distance is NaN."""
    explanation = explanation or {}
    blocks = explanation.get("blocks") or {}
    distance = explanation.get("distance_km")
    return [float(score), *(float(blocks.get(b, 0.0)) for b in BLOCK_NAMES),
            float(len(explanation.get("matched_skills") or ())), float(len(explanation.get("missing_skills") or ())),
            math.nan if distance is None else float(distance), float(bool(explanation.get("occupation_match")))]


def new_pipeline() -> Pipeline:
    return Pipeline([
        ("impute", SimpleImputer(strategy="constant", fill_value=0.0, add_indicator=True, keep_empty_features=True)),
        ("scale", StandardScaler()),
        ("model", LogisticRegression(C=1.0, max_iter=1000)),
    ])


def decisions() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and matcher scores of every decided case, oldest decision first."""
    last_event = (select(MatchEvent.match_id, func.max(MatchEvent.at).label("at"))
                  .group_by(MatchEvent.match_id).subquery())
    decided_at = func.coalesce(last_event.c.at, Match.updated_at)
    rows = db.session.execute(
        select(Match.explanation, Match.score, Match.status)
        .outerjoin(last_event, last_event.c.match_id == Match.id)
        .where(Match.status.in_(POSITIVE | NEGATIVE))
        .order_by(decided_at, Match.id)).all()
    x, y, baseline = [], [], []
    for explanation, score, status in rows:
        raw = float((explanation or {}).get("raw_score", score))
        x.append(features(explanation, raw))
        y.append(int(status in POSITIVE))
        baseline.append(raw)
    return (np.array(x, dtype=float).reshape(-1, len(FEATURES)), np.array(y, dtype=int), np.array(baseline))


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


def train(min_decisions: int = MIN_DECISIONS) -> TrainingResult:
    """Train on older decisions, judge on the newest; save only a model that beats the matcher's score."""
    x, y, baseline = decisions()
    n = len(y)
    n_test = math.ceil(n * HELD_OUT)
    train_y, test_y = y[:n - n_test], y[n - n_test:]
    if n < min_decisions or len(set(train_y)) < 2 or len(set(test_y)) < 2:
        return TrainingResult("not enough decisions", n)
    pipeline = new_pipeline().fit(x[:n - n_test], train_y)
    predicted = pipeline.predict_proba(x[n - n_test:])[:, 1]
    result = TrainingResult(
        "not better than the matcher", n, n_test,
        baseline_auc=float(roc_auc_score(test_y, baseline[n - n_test:])),
        baseline_ap=float(average_precision_score(test_y, baseline[n - n_test:])),
        model_auc=float(roc_auc_score(test_y, predicted)), model_ap=float(average_precision_score(test_y, predicted)))
    if result.model_auc < result.baseline_auc + MIN_GAIN:
        return result
    version = _version(pipeline, x[:n - n_test], train_y)
    _save({"model": pipeline, "version": version, "features": FEATURES,
           "metrics": {k: v for k, v in result.__dict__.items() if k.endswith(("_auc", "_ap"))}})
    return replace(result, decision="saved", version=version)


def _version(pipeline: Pipeline, x: np.ndarray, y: np.ndarray) -> str:
    params = sorted((k, repr(v)) for k, v in pipeline.get_params().items() if not hasattr(v, "fit"))
    digest = hashlib.sha256(repr((FEATURES, params)).encode())
    digest.update(np.ascontiguousarray(x).tobytes())
    digest.update(np.ascontiguousarray(y).tobytes())
    return "rr-" + digest.hexdigest()[:12]


def model_path() -> Path:
    return Path(current_app.config.get("RERANKER_PATH") or Path(current_app.instance_path) / MODEL_FILE)


def _save(payload: dict) -> None:
    path = model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    joblib.dump(payload, partial)
    os.replace(partial, path)  # a reader never sees half a file


_loaded: dict[str, tuple[float, dict]] = {}


def saved_model() -> dict | None:
    """The saved model (reloaded when the file changes); None when there is none."""
    path = model_path()
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return None
    cached = _loaded.get(str(path))
    if cached is None or cached[0] != mtime:
        cached = (mtime, joblib.load(path))  # our own file in the instance folder, written by train()
        _loaded[str(path)] = cached
    return cached[1]


def rerank(suggestions: list[matching.Suggestion]) -> tuple[list[matching.Suggestion], str]:
    """Re-score suggestions with the saved model (best first within each person) and the version to store.

    Without a saved model: the suggestions unchanged and the matcher's version. With one: the score is the
    model's probability that the case works out, the matcher's score stays in the explanation (raw_score).
    """
    saved = saved_model()
    if saved is None or not suggestions:
        return suggestions, matching.MODEL_VERSION
    x = np.array([features(s.explanation, s.score) for s in suggestions], dtype=float)
    probability = saved["model"].predict_proba(x)[:, 1]
    rescored = [replace(s, score=round(float(p), 6), explanation={**s.explanation, "raw_score": s.score})
                for s, p in zip(suggestions, probability)]
    first_seen = {}
    for s in rescored:
        first_seen.setdefault(s.seeker_id, len(first_seen))
    rescored.sort(key=lambda s: (first_seen[s.seeker_id], -s.score, s.opportunity_id))
    return rescored, f"{matching.MODEL_VERSION}+{saved['version']}"
