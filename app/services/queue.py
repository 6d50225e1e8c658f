"""The caseworker's review queue: which suggestions to look at first, and decisions on many at once."""
import math
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db
from app.models import JobseekerProfile, Match, MatchStatus, Opportunity, User
from app.services import cases
from app.services.profiles import is_minor
from app.services.scope import restrict

QUEUE_SIZE = 30  # cards on one page: a sitting's work; the page says how many more wait
WINDOW = 1000  # the best-scored suggestions the queue is sorted from
# Scores closer than this are treated as equally good (see review_queue).
SCORE_BAND = 0.05
MAX_SKIPPED = 100  # skips remembered for one login session (kept in the session cookie: small)


def score_band(score: float) -> int:
    return math.floor(round(score / SCORE_BAND, 6))


def _in_area(query, viewer: User):
    return restrict(query, JobseekerProfile.municipality_code, viewer)


def _waiting(viewer: User):
    return _in_area(select(Match).join(JobseekerProfile)
                    .where(Match.status == MatchStatus.SUGGESTED, JobseekerProfile.hidden_at.is_(None)), viewer)


def waiting_count(viewer: User) -> int:
    """How many suggestions wait for a decision in the viewer's municipality (the page shows at most QUEUE_SIZE)."""
    return db.session.scalar(select(func.count()).select_from(_waiting(viewer).subquery()))


def review_queue(viewer: User, skipped: list[int] = ()) -> list[Match]:
    """Suggestions waiting for a decision in the viewer's municipality, in the order to review them.

    Order: score band (0.05 wide) high to low, then oldest suggestion first, then skipped ones last in
    the order they were skipped. Why: the caseworker's time goes furthest on the suggestions most
    likely to be approved, but a difference of a few hundredths is noise in the matcher's score, so
    among equally good suggestions the one that has waited longest goes first. Strictly by score,
    an old suggestion could wait forever behind new ones that score 0.001 more.
    """
    # Sort the window on three columns, then load the whole rows (person, opportunity) of one page only.
    window = db.session.execute(
        _waiting(viewer).with_only_columns(Match.id, Match.score, Match.created_at)
        .order_by(Match.score.desc(), Match.created_at, Match.id).limit(WINDOW)).all()
    position = {match_id: i for i, match_id in enumerate(skipped)}
    page = [row.id for row in sorted(window, key=lambda m: (
        m.id in position, position.get(m.id, 0), -score_band(m.score), m.created_at, m.id))[:QUEUE_SIZE]]
    if not page:
        return []
    rows = db.session.scalars(
        select(Match).where(Match.id.in_(page))
        .options(selectinload(Match.profile).selectinload(JobseekerProfile.user),  # user: own_language()
                 selectinload(Match.opportunity).selectinload(Opportunity.organisation)))
    by_id = {match.id: match for match in rows}
    return [by_id[match_id] for match_id in page]


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
