"""Batch proposal for a municipality: the matcher ranks, a capacity-aware assignment spreads people over seats.

The municipality's active people are ranked against the open opportunities of its shared pool (SHARED_POOLS:
the four Mälardalen cities offer one pool; elsewhere a municipality is its own pool, plus opportunities with no
place). matching.assignment then proposes pairs so that no opportunity gets more proposals than its free seats
and nobody more than PER_PERSON, giving as many people as possible a good suggestion first. Only the assigned
pairs become SUGGESTED cases; a pair that already exists (suggested or decided) is never proposed again.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import scipy.sparse as sp
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

import matching
from app.extensions import db
from app.models import JobseekerProfile, Match, MatchStatus, Opportunity
from app.services import reranker
from app.services.matching import active_people, open_opportunities, opportunity_record, seeker_records
from matching.assignment import Report, assign

# Municipalities (SCB codes) whose people share one pool of opportunities; caseloads stay per municipality.
SHARED_POOLS = {
    "malardalen": ("1980", "0484", "0486", "0381"),  # Västerås, Eskilstuna, Strängnäs, Enköping
}
CANDIDATES_PER_PERSON = 25  # how deep the matcher ranks each person before the assignment chooses
PER_PERSON = 3  # most proposals one person gets in a batch
GOOD_SCORE = 0.3  # a matcher score from here on is a good suggestion (the report counts people with one)
# Cases still waiting for a decision, or approved and waiting for the person: they already count against seats.
PENDING = (MatchStatus.SUGGESTED, MatchStatus.APPROVED)


def pool_of(municipality_code: str) -> tuple[str, ...]:
    """The municipalities whose opportunities people of municipality_code are proposed for."""
    return next((codes for codes in SHARED_POOLS.values() if municipality_code in codes), (municipality_code,))


@dataclass(frozen=True)
class BatchResult:
    report: Report
    created: int
    model_version: str


def free_seats(opportunities: list[Opportunity]) -> list[int]:
    """Seats left per opportunity, less the cases already suggested or approved there (never below 0)."""
    pending = Counter({opp: n for opp, n in db.session.execute(
        select(Match.opportunity_id, func.count()).where(
            Match.status.in_(PENDING), Match.opportunity_id.in_([o.id for o in opportunities]))
        .group_by(Match.opportunity_id))}) if opportunities else Counter()
    return [max(o.seats_left - pending[o.id], 0) for o in opportunities]


def _new_suggestions(profiles: list[JobseekerProfile], opportunities: list[Opportunity],
                     today: date | None) -> tuple[list[matching.Suggestion], str]:
    """The matcher's (or re-ranker's) best candidates per person, without pairs that already exist."""
    if not profiles or not opportunities:
        return [], matching.MODEL_VERSION
    matcher = matching.Matcher(k=CANDIDATES_PER_PERSON, today=today).fit([opportunity_record(o) for o in opportunities])
    suggestions, version = reranker.rerank(matcher.rank(seeker_records(profiles)))
    existing = {(a, b) for a, b in db.session.execute(select(Match.profile_id, Match.opportunity_id).where(
        Match.profile_id.in_([p.id for p in profiles])))}
    return [s for s in suggestions if (int(s.seeker_id), int(s.opportunity_id)) not in existing], version


def propose_for_municipality(municipality_code: str, per_person: int = PER_PERSON,
                             today: date | None = None) -> BatchResult:
    """Run a batch proposal for the municipality's active people; stores the proposals; commits."""
    profiles = list(db.session.scalars(active_people([municipality_code]).order_by(JobseekerProfile.id)))
    pool = set(pool_of(municipality_code))
    opportunities = [o for o in open_opportunities(today) if o.municipality_code is None or o.municipality_code in pool]
    fresh, version = _new_suggestions(profiles, opportunities, today)
    row = {str(p.id): i for i, p in enumerate(profiles)}
    column = {str(o.id): j for j, o in enumerate(opportunities)}
    pairs = ([s.score for s in fresh], ([row[s.seeker_id] for s in fresh], [column[s.opportunity_id] for s in fresh]))
    shape = (len(profiles), len(opportunities))
    good = sp.csr_matrix(([s.explanation.get("raw_score", s.score) >= GOOD_SCORE for s in fresh], pairs[1]),
                         shape=shape, dtype=bool).toarray()  # good on the matcher's scale, even when re-ranked
    result = assign(sp.csr_matrix(pairs, shape=shape), free_seats(opportunities), GOOD_SCORE, per_person=per_person,
                    good=good)
    by_pair = {(row[s.seeker_id], column[s.opportunity_id]): s for s in fresh}
    rows = [dict(profile_id=profiles[p.person].id, opportunity_id=opportunities[p.opportunity].id,
                 score=round(by_pair[(p.person, p.opportunity)].score, 4),
                 explanation=by_pair[(p.person, p.opportunity)].explanation, model_version=version)
            for p in result.proposals]
    created = 0
    if rows:  # a pair another run stored meanwhile is left as it is (one_per_pair, ON CONFLICT DO NOTHING)
        insert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        statement = insert(Match).on_conflict_do_nothing(index_elements=["profile_id", "opportunity_id"])
        created = len(db.session.execute(statement.returning(Match.id), rows).all())
    db.session.commit()
    return BatchResult(result.report, created, version)
