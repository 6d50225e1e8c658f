"""Batch proposal for a municipality: the matcher ranks, a capacity-aware assignment spreads people over seats.

The municipality's active people are ranked by the one suggestion service (app/services/suggestions.py: open
places of approved organisations in the shared pool, free seats, deadlines, minors, the re-ranker).
matching.assignment then proposes pairs so that no opportunity gets more proposals than its free seats
and nobody more than PER_PERSON, giving as many people as possible a good suggestion first. Only the assigned
pairs become SUGGESTED cases; a pair that already exists (suggested or decided) is never proposed again.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import scipy.sparse as sp

import matching
from app.extensions import db
from app.models import JobseekerProfile
from app.services.matching import active_people
from app.services.scope import pool_of
from app.services.suggestions import SuggestionRun, free_seats, store
from matching import AssignmentReport as Report, assign

CANDIDATES_PER_PERSON = 25  # how deep the matcher ranks each person before the assignment chooses
PER_PERSON = 3  # most proposals one person gets in a batch
GOOD_SCORE = 0.3  # a matcher score from here on is a good suggestion (the report counts people with one)


@dataclass(frozen=True)
class BatchResult:
    report: Report
    created: int
    model_version: str


def propose_for_municipality(municipality_code: str, per_person: int = PER_PERSON,
                             today: date | None = None) -> BatchResult:
    """Run a batch proposal for the municipality's active people; stores the proposals; commits."""
    profiles = list(db.session.scalars(active_people([municipality_code]).order_by(JobseekerProfile.id)))
    run = SuggestionRun(CANDIDATES_PER_PERSON, today)
    opportunities = run.opportunities_for(pool_of(municipality_code))
    fresh, version = run.candidates(profiles) if profiles and opportunities else ([], matching.MODEL_VERSION)
    row = {str(p.id): i for i, p in enumerate(profiles)}
    column = {str(o.id): j for j, o in enumerate(opportunities)}
    pairs = ([s.score for s in fresh], ([row[s.seeker_id] for s in fresh], [column[s.opportunity_id] for s in fresh]))
    shape = (len(profiles), len(opportunities))
    good = sp.csr_matrix(([s.explanation.get("raw_score", s.score) >= GOOD_SCORE for s in fresh], pairs[1]),
                         shape=shape, dtype=bool).toarray()  # good on the matcher's scale, even when re-ranked
    result = assign(sp.csr_matrix(pairs, shape=shape), free_seats(opportunities), GOOD_SCORE, per_person=per_person,
                    good=good)
    by_pair = {(row[s.seeker_id], column[s.opportunity_id]): s for s in fresh}
    created = store([by_pair[(p.person, p.opportunity)] for p in result.proposals], version)
    return BatchResult(result.report, created, version)
