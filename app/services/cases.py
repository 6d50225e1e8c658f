"""The life of a match: who may move it where, the seat it takes when a person is introduced, and the
follow-ups after a hire."""
import calendar
from datetime import date, datetime, time, timezone

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import JobseekerProfile, Match, MatchEvent, MatchStatus, Opportunity, Role, User
from app.models.match import FollowUpAnswer
from app.services.notifications import EVENT_FOR_STATUS, notify
from app.services.profiles import is_minor
from app.services.scope import restrict

S = MatchStatus
STAFF = frozenset({Role.CASEWORKER, Role.ADMIN})
ORGANISATIONS = frozenset({Role.EMPLOYER, Role.EDUCATION_PROVIDER}) | STAFF
CASEWORKER = frozenset({Role.CASEWORKER})  # the person's own caseworker asks how a hire went

# from → {to: roles allowed to make that move}. Anything not listed is impossible; the empty ones are final.
TRANSITIONS = {
    S.SUGGESTED: {S.APPROVED: STAFF, S.REJECTED: STAFF},
    S.APPROVED: {S.INTRODUCED: {Role.JOBSEEKER}, S.DECLINED: {Role.JOBSEEKER}},
    # INTRODUCED → DECLINED: the person withdraws their consent before the employer records an outcome.
    S.INTRODUCED: {S.INTERVIEW: ORGANISATIONS, S.PLACED: ORGANISATIONS, S.NOT_PLACED: ORGANISATIONS,
                   S.DECLINED: {Role.JOBSEEKER}},
    S.INTERVIEW: {S.PLACED: ORGANISATIONS, S.NOT_PLACED: ORGANISATIONS},
    S.PLACED: {S.FOLLOWED_UP_3M: CASEWORKER},
    S.FOLLOWED_UP_3M: {S.FOLLOWED_UP_6M: CASEWORKER},
    S.REJECTED: {},
    # DECLINED → INTRODUCED: the person changes their mind while the place is open (consents checks the place).
    S.DECLINED: {S.INTRODUCED: {Role.JOBSEEKER}},
    S.NOT_PLACED: {},
    S.FOLLOWED_UP_6M: {},
}
# Statuses of a hire: placed, and placed then followed up.
HIRED = frozenset({S.PLACED, S.FOLLOWED_UP_3M, S.FOLLOWED_UP_6M})
# A case in one of these statuses holds a seat: entering one takes it, leaving them all gives it back.
# A hire keeps its seat through the follow-ups, also when the person no longer works there: the seat was filled.
HOLDS_SEAT = frozenset({S.INTRODUCED, S.INTERVIEW}) | HIRED
# When the follow-ups are due, in calendar months after the hire.
FOLLOW_UP_MONTHS = {S.PLACED: 3, S.FOLLOWED_UP_3M: 6}
# When a person's data is erased, an open case gives its seat back; a hire (PLACED) stays a filled seat.
RELEASED_AT_ERASURE = frozenset({S.INTRODUCED, S.INTERVIEW})


class TransitionError(Exception):
    """The move is not allowed from this status or for this role."""


class NoSeatsLeft(TransitionError):
    """Every seat of the opportunity is taken."""


class MinorNeedsCheck(TransitionError):
    """Approving a suggestion for a person under 18 needs the caseworker's explicit confirmation."""


def allowed_moves(match: Match, actor: User) -> list[str]:
    return [to for to, roles in TRANSITIONS.get(match.status, {}).items() if actor.role in roles]


def follow_up(match: Match, actor: User, *, still_working: bool, note: str | None = None) -> Match:
    """Record the next follow-up of a hire (3 months, then 6): does the person still work there?"""
    to_status = next(iter(TRANSITIONS.get(match.status, {})), None) if match.status in FOLLOW_UP_MONTHS else None
    if to_status is None:
        raise TransitionError(f"{match.status} has no follow-up")
    answer = FollowUpAnswer.STILL_WORKING if still_working else FollowUpAnswer.NOT_WORKING
    return move(match, to_status, actor, reason_code=answer, note=note)


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def follow_ups_due(viewer: User, today: date | None = None) -> list[tuple[Match, datetime]]:
    """Hires in the viewer's municipality whose next follow-up is due, with when they were placed, oldest first.

    Due: placed at least 3 months ago and not followed up, or followed up at 3 months and placed at
    least 6 months ago. When a case was placed is the time of its move to PLACED (a case stored as
    placed without that event counts from its last change).
    """
    today = today or date.today()
    placed = (select(MatchEvent.match_id, func.max(MatchEvent.at).label("at"))
              .where(MatchEvent.to_status == S.PLACED).group_by(MatchEvent.match_id).subquery())
    placed_at = func.coalesce(placed.c.at, Match.updated_at)

    def due(status: str):
        limit = datetime.combine(months_before(today, FOLLOW_UP_MONTHS[status]), time.max, tzinfo=timezone.utc)
        return and_(Match.status == status, placed_at <= limit)

    query = (select(Match, placed_at).join(JobseekerProfile).outerjoin(placed, placed.c.match_id == Match.id)
             .where(or_(*(due(status) for status in FOLLOW_UP_MONTHS)), JobseekerProfile.hidden_at.is_(None))
             .options(selectinload(Match.profile), selectinload(Match.opportunity))
             .order_by(placed_at, Match.id))
    query = restrict(query, JobseekerProfile.municipality_code, viewer)
    return [(match, at) for match, at in db.session.execute(query)]


def move(match: Match, to_status: str, actor: User, *, reason_code: str | None = None,
         note: str | None = None, minor_checked: bool = False) -> Match:
    """Move a case one step, record who/when/why, and take or release a seat; commits.

    Approving a minor's suggestion raises MinorNeedsCheck unless minor_checked says a caseworker
    confirmed it, so no bulk or automatic path can approve one.
    """
    if to_status not in allowed_moves(match, actor):
        raise TransitionError(f"{match.status} → {to_status} is not allowed for {actor.role}")
    if to_status == S.APPROVED and is_minor(match.profile) and not minor_checked:
        raise MinorNeedsCheck(match.id)
    delta = (to_status in HOLDS_SEAT) - (match.status in HOLDS_SEAT)
    if delta:
        _change_seats(match.opportunity_id, delta)
    db.session.add(MatchEvent(match=match, from_status=match.status, to_status=to_status, actor_id=actor.id,
                              reason_code=reason_code, note=note))
    match.status = to_status
    match.reason_code = reason_code
    db.session.commit()
    notify(match.profile, EVENT_FOR_STATUS.get(to_status), match=match)  # approved, interview, outcome
    return match


def release_seat_at_erasure(match: Match) -> None:
    """Give back the seat an open case holds when the person's data is erased; not committed here."""
    if match.status in RELEASED_AT_ERASURE:
        _change_seats(match.opportunity_id, -1)


def _change_seats(opportunity_id: int, delta: int) -> None:
    """One conditional UPDATE, so two people can never take the last seat at once."""
    condition = Opportunity.seats_taken < Opportunity.seats if delta > 0 else Opportunity.seats_taken > 0
    result = db.session.execute(
        update(Opportunity).where(Opportunity.id == opportunity_id, condition)
        .values(seats_taken=Opportunity.seats_taken + delta)
        .execution_options(synchronize_session=False))
    if result.rowcount == 0 and delta > 0:
        db.session.rollback()
        raise NoSeatsLeft(opportunity_id)
