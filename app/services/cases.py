"""The life of a match: who may move it where, and the seat it takes when a person is introduced."""
from sqlalchemy import update

from app.extensions import db
from app.models import Match, MatchEvent, MatchStatus, Opportunity, Role, User
from app.services.profiles import is_minor

S = MatchStatus
STAFF = frozenset({Role.CASEWORKER, Role.ADMIN})
ORGANISATIONS = frozenset({Role.EMPLOYER, Role.EDUCATION_PROVIDER}) | STAFF

# from → {to: roles allowed to make that move}. Anything not listed is impossible.
TRANSITIONS = {
    S.SUGGESTED: {S.APPROVED: STAFF, S.REJECTED: STAFF},
    S.APPROVED: {S.INTRODUCED: {Role.JOBSEEKER}, S.DECLINED: {Role.JOBSEEKER}},
    # INTRODUCED → DECLINED: the person withdraws their consent before the employer records an outcome.
    S.INTRODUCED: {S.INTERVIEW: ORGANISATIONS, S.PLACED: ORGANISATIONS, S.NOT_PLACED: ORGANISATIONS,
                   S.DECLINED: {Role.JOBSEEKER}},
    S.INTERVIEW: {S.PLACED: ORGANISATIONS, S.NOT_PLACED: ORGANISATIONS},
}
# A case in one of these statuses holds a seat: entering one takes it, leaving them all gives it back.
HOLDS_SEAT = frozenset({S.INTRODUCED, S.INTERVIEW, S.PLACED})
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
