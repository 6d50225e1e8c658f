"""The case pipeline: exactly the allowed moves exist, for exactly the right roles, each one recorded; seats are
never overbooked, not even by eight people saying yes to the last seats at the same moment (SQLite and PostgreSQL),
and the database itself refuses a seat count outside 0..seats."""
import threading
from itertools import product

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Match, MatchEvent, MatchStatus, Opportunity, Role, User
from app.services import cases
from tests import factories as f

S = MatchStatus
CW, ADMIN, JS, EMP, EDU = Role.CASEWORKER, Role.ADMIN, Role.JOBSEEKER, Role.EMPLOYER, Role.EDUCATION_PROVIDER
ORGS = {EMP, EDU, CW, ADMIN}

# Written out by hand (not read from cases.TRANSITIONS), so a change to the rules must change this table too.
ALLOWED = {
    (S.SUGGESTED, S.APPROVED): {CW, ADMIN},
    (S.SUGGESTED, S.REJECTED): {CW, ADMIN},
    (S.APPROVED, S.INTRODUCED): {JS},
    (S.APPROVED, S.DECLINED): {JS},
    (S.INTRODUCED, S.INTERVIEW): ORGS,
    (S.INTRODUCED, S.PLACED): ORGS,
    (S.INTRODUCED, S.NOT_PLACED): ORGS,
    (S.INTRODUCED, S.DECLINED): {JS},
    (S.DECLINED, S.INTRODUCED): {JS},  # a change of mind while the place is open (checked by the consent service)
    (S.INTERVIEW, S.PLACED): ORGS,
    (S.INTERVIEW, S.NOT_PLACED): ORGS,
    (S.PLACED, S.FOLLOWED_UP_3M): {CW},
    (S.FOLLOWED_UP_3M, S.FOLLOWED_UP_6M): {CW},
}
HOLDS_A_SEAT = {S.INTRODUCED, S.INTERVIEW, S.PLACED, S.FOLLOWED_UP_3M, S.FOLLOWED_UP_6M}
FINAL = {S.REJECTED, S.NOT_PLACED, S.FOLLOWED_UP_6M}


def _actors() -> dict:
    org = f.organisation()
    return {CW: f.user(CW), ADMIN: f.user(ADMIN), JS: f.user(JS), EMP: f.member(org),
            EDU: f.member(f.organisation(kind="education_provider"))}


def _case(status: str, opp: Opportunity) -> Match:
    """A case in `status` on opp; one that holds a seat has taken it."""
    match = f.match(f.profile(f.user(), birth_year=1990), opp, status=status)
    if status in HOLDS_A_SEAT:
        db.session.execute(update(Opportunity).where(Opportunity.id == opp.id)
                           .values(seats_taken=Opportunity.seats_taken + 1))
        db.session.commit()
    return match


def test_the_table_is_the_rule():
    """Every status is a key of TRANSITIONS and the statuses with no way on are exactly the final ones."""
    assert set(cases.TRANSITIONS) == set(S)
    assert {s for s, moves in cases.TRANSITIONS.items() if not moves} == FINAL
    assert {(a, b): roles for a, moves in cases.TRANSITIONS.items() for b, roles in moves.items()} == ALLOWED
    assert max(len(s.value) for s in S) <= Match.__table__.c.status.type.length


@pytest.mark.parametrize("from_status", list(S))
def test_every_allowed_move_works_for_its_roles_and_nothing_else_does(from_status):
    actors = _actors()
    opp = f.opportunity(seats=50)
    for to_status, role in product(S, actors):
        if role in ALLOWED.get((from_status, to_status), ()):
            match = _case(from_status, opp)
            seats_before = db.session.get(Opportunity, opp.id).seats_taken
            cases.move(match, to_status, actors[role], reason_code="other", note="why")
            db.session.expire_all()
            match = db.session.get(Match, match.id)
            assert match.status == to_status
            event = match.events[-1]
            assert (event.from_status, event.to_status, event.actor_id, event.reason_code, event.note) == (
                from_status, to_status, actors[role].id, "other", "why")
            assert event.at is not None
            expected = seats_before + (to_status in HOLDS_A_SEAT) - (from_status in HOLDS_A_SEAT)
            assert db.session.get(Opportunity, opp.id).seats_taken == expected, (from_status, to_status)
        else:
            match = _case(from_status, opp)
            events_before = db.session.scalar(select(func.count()).select_from(MatchEvent))
            with pytest.raises(cases.TransitionError):
                cases.move(match, to_status, actors[role])
            db.session.rollback()
            assert db.session.get(Match, match.id).status == from_status, (to_status, role)
            assert db.session.scalar(select(func.count()).select_from(MatchEvent)) == events_before


def test_follow_up_moves_the_hire_on_and_records_the_answer():
    caseworker = f.user(CW)
    match = _case(S.PLACED, f.opportunity())
    cases.follow_up(match, caseworker, still_working=False, note="Slutade efter en månad")
    assert (match.status, match.events[-1].reason_code) == (S.FOLLOWED_UP_3M, "not_working")
    cases.follow_up(match, caseworker, still_working=True)
    assert (match.status, match.events[-1].reason_code) == (S.FOLLOWED_UP_6M, "still_working")
    with pytest.raises(cases.TransitionError):
        cases.follow_up(match, caseworker, still_working=True)
    with pytest.raises(cases.TransitionError):
        cases.follow_up(_case(S.INTERVIEW, f.opportunity()), caseworker, still_working=True)
    with pytest.raises(cases.TransitionError):  # an administrator does not do a caseworker's follow-up
        cases.follow_up(_case(S.PLACED, f.opportunity()), f.user(ADMIN), still_working=True)


def test_no_seat_left_changes_nothing():
    opp = f.opportunity(seats=1)
    _case(S.INTRODUCED, opp)
    match = _case(S.APPROVED, opp)
    with pytest.raises(cases.NoSeatsLeft):
        cases.move(match, S.INTRODUCED, match.profile.user)
    db.session.expire_all()
    assert db.session.get(Match, match.id).status == S.APPROVED
    assert db.session.get(Opportunity, opp.id).seats_taken == 1
    assert db.session.scalar(select(func.count()).select_from(MatchEvent)) == 0


THREADS = 8


def test_eight_people_saying_yes_to_the_last_three_seats_at_once_fill_exactly_three(app):
    opp = f.opportunity(seats=5)
    for _ in range(2):
        _case(S.INTRODUCED, opp)  # two seats already taken: three left
    caseworker = f.user(CW)
    waiting = [f.match(f.profile(f.user(), birth_year=1990), opp) for _ in range(THREADS)]
    for match in waiting:
        cases.move(match, S.APPROVED, caseworker)
    ids = [(m.id, m.profile.user_id) for m in waiting]
    opp_id = opp.id
    db.session.remove()

    barrier = threading.Barrier(THREADS)
    outcomes, errors = [], []

    def say_yes(match_id: int, user_id: int) -> None:
        with app.app_context():  # its own session and connection, as in a separate request
            try:
                match, person = db.session.get(Match, match_id), db.session.get(User, user_id)
                barrier.wait(timeout=30)
                cases.move(match, S.INTRODUCED, person)
                outcomes.append("introduced")
            except cases.NoSeatsLeft:
                outcomes.append("no seat")
            except Exception as error:  # anything else fails the test below, with the error shown
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=say_yes, args=pair) for pair in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(outcomes) == ["introduced"] * 3 + ["no seat"] * (THREADS - 3)
    opp = db.session.get(Opportunity, opp_id)
    assert (opp.seats_taken, opp.seats) == (5, 5)
    statuses = db.session.scalars(select(Match.status).where(Match.id.in_([i for i, _u in ids]))).all()
    assert sorted(statuses) == [S.APPROVED] * (THREADS - 3) + [S.INTRODUCED] * 3
    introductions = db.session.scalar(select(func.count()).select_from(MatchEvent)
                                      .where(MatchEvent.to_status == S.INTRODUCED))
    assert introductions == 3  # the refused ones left no trace in the history


@pytest.mark.parametrize("seats_taken", [-1, 4], ids=["below zero", "above seats"])
def test_the_database_refuses_a_seat_count_outside_0_to_seats(seats_taken):
    """The last line of defence: even a direct UPDATE that skips the services fails."""
    opp = f.opportunity(seats=3)
    with pytest.raises(IntegrityError):
        db.session.execute(update(Opportunity).where(Opportunity.id == opp.id).values(seats_taken=seats_taken))
        db.session.flush()
    db.session.rollback()
    assert db.session.get(Opportunity, opp.id).seats_taken == 0
    db.session.execute(update(Opportunity).where(Opportunity.id == opp.id).values(seats_taken=3))  # the edge is fine
    db.session.commit()
