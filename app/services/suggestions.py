"""The one way suggestions are made: the background run, the CLI, the caseworker's button and the batch proposal.

Which places a person may be suggested is decided here, once for every road:
- places come from app/services/matching.open_opportunities (open, seats left, deadline not passed, and only
  approved organisations' places), never from a query of their own;
- pools: a person is suggested places in their municipality's pool (app/services/scope.pool_of: the four
  Mälardalen cities share one) and places with no municipality;
- seats: a place whose free seats are taken by cases already suggested or approved is not suggested again;
- deadlines and minors: the matcher's hard constraints (an ended deadline, a start before the person is
  available, work a person under 18 may not do) drop a pair before it is ranked;
- the re-ranker (when a trained model beats the matcher) re-scores, and its version is stored on each row;
- a pair that exists already (suggested or decided) is never added again (ON CONFLICT DO NOTHING).

A SuggestionRun takes the places as they are when it starts and fits one matcher per pool, once; every chunk
of people of the run uses it (app/background/ keeps it between the chunks of a batch, and an RQ worker fits it
before it forks a chunk's process), so the chunks of a run together give what one run over everyone gives.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

import matching
from app.extensions import db
from app.models import JobseekerProfile, Match, MatchStatus, Opportunity
from app.services import reranker
from app.services.matching import active_people, open_opportunities, opportunity_record, seeker_records
from app.services.scope import pool_of

# Cases still waiting for a decision, or approved and waiting for the person: they already count against seats.
PENDING = (MatchStatus.SUGGESTED, MatchStatus.APPROVED)


def free_seats(opportunities: list[Opportunity], as_of: datetime | None = None) -> list[int]:
    """Seats left per opportunity, less the cases already suggested or approved there (never below 0).

    as_of: count only cases made before that moment (a run's own suggestions never count against it).
    """
    query = select(Match.opportunity_id, func.count()).where(
        Match.status.in_(PENDING), Match.opportunity_id.in_([o.id for o in opportunities]))
    if as_of is not None:
        query = query.where(Match.created_at < as_of)
    pending = Counter(dict(db.session.execute(query.group_by(Match.opportunity_id)).all())) \
        if opportunities else Counter()
    return [max(o.seats_left - pending[o.id], 0) for o in opportunities]


class SuggestionRun:
    """Today's open places, a matcher fitted once per pool, and the rules every road shares."""

    def __init__(self, k: int = 10, today: date | None = None, as_of: datetime | None = None):
        """as_of: the run's start; cases made since (by this run's other chunks) do not take seats from it."""
        self.k = k
        self.today = today
        self._open = open_opportunities(today)
        seats = free_seats(self._open, as_of)
        self._with_seats = [o for o, free in zip(self._open, seats) if free > 0]
        self._matchers: dict[tuple[str, ...], matching.Matcher | None] = {}

    def opportunities_for(self, pool: tuple[str, ...], *, with_free_seats: bool = True) -> list[Opportunity]:
        """The pool's open places (and those with no municipality), by default only those with a free seat."""
        places = self._with_seats if with_free_seats else self._open
        return [o for o in places if o.municipality_code is None or o.municipality_code in pool]

    def matcher_for(self, pool: tuple[str, ...]) -> matching.Matcher | None:
        if pool not in self._matchers:
            places = self.opportunities_for(pool)
            self._matchers[pool] = (matching.Matcher(k=self.k, today=self.today)
                                    .fit([opportunity_record(o) for o in places]) if places else None)
        return self._matchers[pool]

    def prepare(self) -> SuggestionRun:
        """Fit the matcher of every pool that has places now (a worker does this before forking a chunk)."""
        for pool in {pool_of(o.municipality_code) for o in self._with_seats if o.municipality_code}:
            self.matcher_for(pool)
        return self

    def candidates(self, profiles: list[JobseekerProfile]) -> tuple[list[matching.Suggestion], str]:
        """The best new pairs per person (best first), re-ranked, without pairs that exist already."""
        by_pool: dict[tuple[str, ...], list[JobseekerProfile]] = defaultdict(list)
        for profile in profiles:
            by_pool[pool_of(profile.municipality_code or "")].append(profile)
        suggestions: list[matching.Suggestion] = []
        for pool, people in by_pool.items():
            matcher = self.matcher_for(pool)
            if matcher is not None:
                suggestions += matcher.rank(seeker_records(people))
        suggestions, version = reranker.rerank(suggestions)
        existing = {(a, b) for a, b in db.session.execute(select(Match.profile_id, Match.opportunity_id).where(
            Match.profile_id.in_([p.id for p in profiles])))} if profiles else set()
        return [s for s in suggestions if (int(s.seeker_id), int(s.opportunity_id)) not in existing], version

    def suggest(self, profiles: list[JobseekerProfile]) -> int:
        """Store up to k new suggestions per person; returns how many rows were added; commits."""
        fresh, version = self.candidates(profiles)
        return store(fresh, version)


def store(suggestions: list[matching.Suggestion], version: str) -> int:
    """Insert the pairs (one per pair: ON CONFLICT DO NOTHING); returns how many were added; commits."""
    rows = [dict(profile_id=int(s.seeker_id), opportunity_id=int(s.opportunity_id), score=round(s.score, 4),
                 explanation=s.explanation, model_version=version) for s in suggestions]
    created = 0
    if rows:
        insert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        statement = insert(Match).on_conflict_do_nothing(index_elements=["profile_id", "opportunity_id"])
        created = len(db.session.execute(statement.returning(Match.id), rows).all())
    db.session.commit()
    return created


def suggest_for_area(area: str, k: int = 10, today: date | None = None) -> int:
    """Everyone active in a municipality (or a county's municipalities), in this process; returns rows added."""
    from app.services.scope import municipalities_in

    profiles = list(db.session.scalars(active_people(municipalities_in(area)).order_by(JobseekerProfile.id)))
    return SuggestionRun(k, today).suggest(profiles) if profiles else 0
