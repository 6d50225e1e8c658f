"""The re-ranker gate: trained on decisions, saved and used only when it beats the matcher's score."""
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Match, MatchStatus, OpportunityStatus
from app.services import suggestions
from app.services import proposals, reranker
from tests import factories as f
from tests.factories import warehouse_jobs, warehouse_people

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def model_file(app, tmp_path, monkeypatch):
    path = tmp_path / "reranker.joblib"
    monkeypatch.setitem(app.config, "RERANKER_PATH", str(path))
    return path


def _decisions(n, label, seed=0):
    """n decided cases, one per day; label(score, distance) says whether the caseworker approved."""
    rng = np.random.default_rng(seed)
    org = f.organisation()
    people = [f.profile(full_name=f"Beslut {i}", municipality_code=f.ESKILSTUNA) for i in range(10)]
    opportunities = [f.opportunity(org, status=OpportunityStatus.CLOSED) for _ in range(n // 10 + 1)]
    for i in range(n):
        score, distance = float(rng.uniform(0.1, 0.9)), float(rng.uniform(0, 60))
        approved = label(score, distance, rng)
        db.session.add(Match(
            profile=people[i % 10], opportunity=opportunities[i // 10], score=round(score, 4), model_version="test",
            explanation={"blocks": {"occupation": 0.6, "text": 0.4}, "matched_skills": ["a"], "missing_skills": [],
                         "distance_km": round(distance, 1), "occupation_match": True},
            status=MatchStatus.APPROVED if approved else MatchStatus.REJECTED,
            updated_at=START + timedelta(days=i)))
    db.session.commit()


def _near_is_approved(score, distance, rng):
    """The caseworkers approve short trips; the matcher's score, drawn at random here, says nothing."""
    return distance < 25 if rng.random() > 0.1 else distance >= 25


def test_too_few_decisions_train_nothing(runner, model_file):
    _decisions(reranker.MIN_DECISIONS - 1, _near_is_approved)
    output = runner.invoke(args=["matching", "train"]).output
    assert "not enough decisions" in output and "nothing saved" in output
    assert not model_file.exists()


def test_a_model_that_cannot_beat_the_matcher_is_not_saved(runner, model_file):
    _decisions(120, lambda score, distance, rng: score >= 0.5)  # the matcher's score already ranks perfectly
    output = runner.invoke(args=["matching", "train"]).output
    assert "matcher score: ROC AUC 1.000" in output
    assert "not better than the matcher: nothing saved" in output
    assert not model_file.exists()
    assert reranker.rerank([]) == ([], "concepts-1")


def test_a_better_model_is_saved_and_its_version_is_on_new_suggestions(runner, model_file):
    _decisions(150, _near_is_approved)
    result = reranker.train()
    assert result.decision == "saved", result
    assert result.decisions == 150 and result.held_out == 30
    assert result.model_auc >= result.baseline_auc + reranker.MIN_GAIN
    assert model_file.exists() and result.version.startswith("rr-")
    assert reranker.train().version == result.version  # the version is a hash of parameters and data
    output = runner.invoke(args=["matching", "train"]).output
    assert f"saved: re-ranker {result.version}" in output and "re-ranker:     ROC AUC" in output

    warehouse_jobs(3)
    warehouse_people()
    batch = proposals.propose_for_municipality(f.VASTERAS)
    assert batch.model_version == f"concepts-1+{result.version}"
    new = db.session.scalars(select(Match).where(Match.status == MatchStatus.SUGGESTED)).all()
    assert len(new) == 3
    assert {m.model_version for m in new} == {batch.model_version}
    # the score is the model's; the matcher's own score stays in the explanation
    assert all(0 <= m.score <= 1 and "raw_score" in m.explanation for m in new)
    # the plain matching run (the review queue's button) uses it too; the batch's places have no free seat left
    assert suggestions.suggest_for_area(f.VASTERAS) == 0
    warehouse_jobs(2, seats=5)
    assert suggestions.suggest_for_area(f.VASTERAS) == 8  # four people × the two new places
    every = db.session.scalars(select(Match).where(Match.status == MatchStatus.SUGGESTED)).all()
    assert len(every) == 11 and {m.model_version for m in every} == {batch.model_version}


def test_rerank_orders_by_the_model_within_each_person(model_file):
    _decisions(150, _near_is_approved)
    assert reranker.train().decision == "saved"
    from matching import Suggestion

    near = Suggestion("1", "10", 0.3, {"blocks": {"occupation": 1.0}, "distance_km": 5.0, "occupation_match": True})
    far = Suggestion("1", "11", 0.6, {"blocks": {"occupation": 1.0}, "distance_km": 55.0, "occupation_match": True})
    other = Suggestion("2", "10", 0.5, {"blocks": {"text": 1.0}, "distance_km": 5.0})
    ranked, version = reranker.rerank([far, near, other])
    assert [(s.seeker_id, s.opportunity_id) for s in ranked] == [("1", "10"), ("1", "11"), ("2", "10")]
    assert ranked[0].explanation["raw_score"] == 0.3 and version.startswith("concepts-1+rr-")


def test_features_never_use_protected_grounds():
    assert not {"age", "birth_year", "gender", "country", "mother_tongue"} & set(reranker.FEATURES)
    row = reranker.features({"blocks": {"skills": 1.0}, "checks": ["age"], "distance_km": None}, 0.4)
    assert len(row) == len(reranker.FEATURES) and np.isnan(row[reranker.FEATURES.index("distance_km")])
