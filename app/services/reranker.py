"""The re-ranker's persistence and glue: decisions read from the database, the model file kept, suggestions
re-scored. What is learned and how lives in matching/ (matching.reranker_features, train_reranker,
rescore); this module only feeds it and keeps its result.

Labels: a case that reached approved, introduced, interview or placed (or a follow-up) is positive; rejected,
declined or not placed is negative; a suggestion nobody decided on is no label. Features come only from the
stored explanation and score (block shares, matched and missing skills, distance, occupation fit): never
age, gender, origin or any other protected ground, and nothing about the person outside the explanation.

`flask matching train` trains on the older 80 % of decisions and compares on the newest 20 % (ROC AUC and
average precision) with the matcher's score. The model is saved (joblib, in the instance folder, with a
version that is a hash of its parameters and training data) only when its ROC AUC is higher by at least
MIN_GAIN. While a saved model exists, `rerank` re-scores suggestions with it and the version is stored on
each new suggestion (app/services/suggestions.py calls `rerank` for every road).
"""
from __future__ import annotations

import os
from pathlib import Path

import joblib
import numpy as np
from flask import current_app
from sqlalchemy import func, select

import matching
from app.extensions import db
from app.models import Match, MatchEvent, MatchStatus
from matching import RERANKER_FEATURES as FEATURES, TrainingResult, rescore, reranker_features as features
from matching import train_reranker

S = MatchStatus
POSITIVE = frozenset({S.APPROVED, S.INTRODUCED, S.INTERVIEW, S.PLACED, S.FOLLOWED_UP_3M, S.FOLLOWED_UP_6M})
NEGATIVE = frozenset({S.REJECTED, S.DECLINED, S.NOT_PLACED})
MIN_DECISIONS = matching.RERANKER_MIN_DECISIONS
MIN_GAIN = matching.RERANKER_MIN_GAIN
MODEL_FILE = "reranker.joblib"
__all__ = ["FEATURES", "MIN_DECISIONS", "MIN_GAIN", "TrainingResult", "decisions", "features", "rerank",
           "saved_model", "train"]


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


def train(min_decisions: int = MIN_DECISIONS) -> TrainingResult:
    """Train on older decisions, judge on the newest; save only a model that beats the matcher's score."""
    result, model = train_reranker(*decisions(), min_decisions=min_decisions)
    if model is not None:
        _save({"model": model, "version": result.version, "features": FEATURES,
               "metrics": {k: v for k, v in result.__dict__.items() if k.endswith(("_auc", "_ap"))}})
    return result


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
    return rescore(saved["model"], suggestions), f"{matching.MODEL_VERSION}+{saved['version']}"
