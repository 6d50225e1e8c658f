"""The caseworker's review queue: which suggestions to look at first, and decisions on many at once."""
import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db
from app.models import JobseekerProfile, Match, MatchStatus, Opportunity, User
from app.services import cases
from app.services.profiles import ADULT_AGE, is_minor
from app.services.scope import restrict

QUEUE_SIZE = 30  # cards on one page: a sitting's work; the page says how many more wait
WINDOW = 1000  # the best-scored suggestions the queue is sorted from
# Scores closer than this are treated as equally good (see review_queue).
SCORE_BAND = 0.05
MAX_SKIPPED = 100  # skips remembered for one login session (kept in the session cookie: small)


def score_band(score: float) -> int:
    return math.floor(round(score / SCORE_BAND, 6))


# What a caseworker reads at a glance: the matcher's score in three bands (GOOD_SCORE in services/proposals.py
# is where a suggestion starts to be a good one).
STRONG_SCORE, GOOD_SCORE = 0.5, 0.3


def strength(score: float) -> str:
    """'strong', 'good' or 'weak'."""
    return "strong" if score >= STRONG_SCORE else "good" if score >= GOOD_SCORE else "weak"


@dataclass(frozen=True)
class Filters:
    """What the caseworker narrows the queue to; empty values mean "all"."""

    kind: str | None = None  # OpportunityKind
    field: str | None = None  # SSYK-1 occupation field concept id of the place
    municipality: str | None = None  # the place's municipality (one of the pool's)
    minors: str | None = None  # "only" or "none"
    waited_days: int | None = None  # suggested at least this many days ago
    asked: str | None = None  # "person": the person's own requests (I'm interested); "matcher": the matcher's

    @property
    def active(self) -> bool:
        return any(v not in (None, "") for v in (self.kind, self.field, self.municipality, self.minors,
                                                  self.waited_days, self.asked))


def _filtered(query, filters: "Filters | None", today: date | None = None):
    if filters is None:
        return query
    today = today or date.today()
    if filters.kind or filters.municipality:
        query = query.join(Opportunity, Opportunity.id == Match.opportunity_id)
        if filters.kind:
            query = query.where(Opportunity.kind == filters.kind)
        if filters.municipality:
            query = query.where(Opportunity.municipality_code == filters.municipality)
    if filters.minors == "only":
        query = query.where(JobseekerProfile.birth_year >= today.year - ADULT_AGE)
    elif filters.minors == "none":
        query = query.where((JobseekerProfile.birth_year.is_(None)) | (JobseekerProfile.birth_year < today.year - ADULT_AGE))
    if filters.asked in ("person", "matcher"):
        query = query.where(Match.requested_by_person.is_(filters.asked == "person"))
    if filters.waited_days:
        since = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(days=filters.waited_days)
        query = query.where(Match.created_at <= since)
    return query


def _in_area(query, viewer: User):
    # A place a person asked for themself is reviewed by the municipality that owns it (review_municipality_code).
    return restrict(query, func.coalesce(Match.review_municipality_code, JobseekerProfile.municipality_code), viewer)


def _waiting(viewer: User):
    return _in_area(select(Match).join(JobseekerProfile)
                    .where(Match.status == MatchStatus.SUGGESTED, JobseekerProfile.hidden_at.is_(None)), viewer)


def waiting_count(viewer: User) -> int:
    """How many suggestions wait for a decision in the viewer's municipality (the page shows at most QUEUE_SIZE)."""
    return db.session.scalar(select(func.count()).select_from(_waiting(viewer).subquery()))


def review_queue(viewer: User, skipped: list[int] = (), filters: Filters | None = None) -> list[Match]:
    """Suggestions waiting for a decision in the viewer's municipality, in the order to review them.

    Order: score band (0.05 wide) high to low, then oldest suggestion first, then skipped ones last in
    the order they were skipped. Why: the caseworker's time goes furthest on the suggestions most
    likely to be approved, but a difference of a few hundredths is noise in the matcher's score, so
    among equally good suggestions the one that has waited longest goes first. Strictly by score,
    an old suggestion could wait forever behind new ones that score 0.001 more.
    """
    # Sort the window on three columns, then load the whole rows (person, opportunity) of one page only.
    window = db.session.execute(
        _filtered(_waiting(viewer), filters)
        .with_only_columns(Match.id, Match.score, Match.created_at, Match.requested_by_person)
        .order_by(Match.requested_by_person.desc(), Match.score.desc(), Match.created_at, Match.id).limit(WINDOW)).all()
    if filters is not None and filters.field:
        window = _in_field(window, filters.field)
    position = {match_id: i for i, match_id in enumerate(skipped)}
    # A person's own request ("I'm interested") has no matcher score: it comes first, before the ranked ones.
    page = [row.id for row in sorted(window, key=lambda m: (
        m.id in position, position.get(m.id, 0), not m.requested_by_person, -score_band(m.score), m.created_at,
        m.id))[:QUEUE_SIZE]]
    if not page:
        return []
    rows = db.session.scalars(
        select(Match).where(Match.id.in_(page))
        .options(selectinload(Match.profile).selectinload(JobseekerProfile.user),  # user: own_language()
                 selectinload(Match.opportunity).selectinload(Opportunity.organisation)))
    by_id = {match.id: match for match in rows}
    return [by_id[match_id] for match_id in page]


# Explanation keys that name concepts the queue's rows show (the one-line why and the full reasons).
LABELLED_KEYS = ("matched_skills", "missing_skills", "understood_occupations", "pathway_to")


def read_labels(matches: list[Match]) -> None:
    """Read, in one query, the names of every concept the page's rows mention, in the reader's language.

    The one-line why (explanations.why_in_one_line) and the reasons (explanation_sentences) then find them in the
    request's cache (concepts.labels_for) instead of asking once per row: thirty rows, one query.
    """
    from app.services.concepts import labels_for

    labels_for({concept_id for match in matches for key in LABELLED_KEYS
                for concept_id in (match.explanation or {}).get(key) or ()})


def _in_field(window, field_id: str):
    """The rows whose place belongs to the occupation field (a programme: any occupation it leads to)."""
    from app.services.dashboard import occupation_fields  # the same walk up the taxonomy as the dashboard's

    places = dict(db.session.execute(select(Match.id, Match.opportunity_id).where(Match.id.in_([r.id for r in window]))
                                     ).all())
    occupations = {oid: [occ] if occ else list(leads or ()) for oid, occ, leads in db.session.execute(
        select(Opportunity.id, Opportunity.occupation_id, Opportunity.leads_to)
        .where(Opportunity.id.in_(set(places.values()))))}
    field_of = occupation_fields({o for occs in occupations.values() for o in occs})
    return [r for r in window if any(field_of.get(o) == field_id for o in occupations.get(places.get(r.id), ()))]


def waiting_days(match: Match, now: datetime | None = None) -> int:
    now = now or datetime.now(timezone.utc)
    created = match.created_at if match.created_at.tzinfo else match.created_at.replace(tzinfo=timezone.utc)
    return max(0, (now - created).days)


def parse_ids(values: list[str]) -> list[int]:
    """Match ids from ticked boxes: ASCII digits that fit a database integer; anything else is left out."""
    return [int(v) for v in values[:QUEUE_SIZE] if v.isascii() and v.isdigit() and len(v) <= 9]


def suggestions_in_area(match_ids: list[int], viewer: User) -> list[Match]:
    """The suggestions among match_ids the viewer may decide on; others (elsewhere, decided, unknown) are left out."""
    if not match_ids:
        return []
    query = _in_area(select(Match).join(JobseekerProfile)
                     .where(Match.id.in_(match_ids), Match.status == MatchStatus.SUGGESTED), viewer)
    return list(db.session.scalars(query.options(selectinload(Match.profile)).order_by(Match.id)))


@dataclass
class BulkResult:
    done: int = 0
    minors: list[Match] = field(default_factory=list)  # never approved in bulk: each needs its own tick
    not_moved: int = 0  # someone else decided first


def decide_many(matches: list[Match], to_status: str, actor: User, *, reason_code: str | None = None,
                note: str | None = None) -> BulkResult:
    """Approve or reject each suggestion; a person under 18 is skipped when approving (MinorNeedsCheck)."""
    result = BulkResult()
    for match in matches:
        if to_status == MatchStatus.APPROVED and is_minor(match.profile):
            result.minors.append(match)
            continue
        try:
            cases.move(match, to_status, actor, reason_code=reason_code, note=note)
        except cases.MinorNeedsCheck:
            result.minors.append(match)
        except (cases.TransitionError, StaleDataError):
            db.session.rollback()
            result.not_moved += 1
        else:
            result.done += 1
    return result
