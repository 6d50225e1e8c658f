"""Answers on time: when a person says yes, the organisation answers within a number of working days.

The deadline counts Swedish working days (no weekends, public holidays from the `holidays` library, and
midsummer eve, Christmas eve and New Year's eve, which are days off in practice). The municipality of the
person sets the numbers (MunicipalitySettings.reply_working_days, close_after_days; issue 17's page edits
them). The daily run (`flask employers daily`) reminds the organisation before the deadline, tells it when it is
late, and after close_after_days closes the case with a kind notice to the person. `today` is a parameter
everywhere, so tests and the command can move time.
"""
import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import (JobseekerProfile, Match, MatchEvent, MatchStatus, MunicipalitySettings, Opportunity,
                        Organisation, ReplyReminder, Role, User)
from app.services import cases, notices

DEFAULT_REPLY_WORKING_DAYS = 10
DEFAULT_CLOSE_AFTER_DAYS = 90
REMIND_WORKING_DAYS_BEFORE = 2
SMALLEST_GROUP = 5  # figures about fewer cases than this are not shown (they could point at one person)
NO_REPLY = "no_reply"  # reason code of a case closed because the organisation never answered
ANSWERS = frozenset({MatchStatus.INTERVIEW, MatchStatus.PLACED, MatchStatus.NOT_PLACED})


@lru_cache(maxsize=32)
def days_off(year: int) -> frozenset[date]:
    official = holidays.Sweden(years=year, include_sundays=False)
    days = set(official)
    midsummer = next(day for day, name in official.items() if "Midsommar" in name or "Midsummer" in name)
    days |= {midsummer - timedelta(days=1), date(year, 12, 24), date(year, 12, 31)}
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after start (start itself does not count)."""
    day = start
    while n > 0:
        day += timedelta(days=1)
        n -= is_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after start up to and including end (0 when end is not after start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


@dataclass(frozen=True)
class ReplyRules:
    reply_working_days: int
    close_after_days: int


def rules_for(municipality_code: str | None) -> ReplyRules:
    row = db.session.get(MunicipalitySettings, municipality_code) if municipality_code else None
    if row is None:
        return ReplyRules(DEFAULT_REPLY_WORKING_DAYS, DEFAULT_CLOSE_AFTER_DAYS)
    return ReplyRules(row.reply_working_days or DEFAULT_REPLY_WORKING_DAYS,
                      row.close_after_days or DEFAULT_CLOSE_AFTER_DAYS)


def introduced_at(match: Match) -> datetime | None:
    """When the person said yes (the last move to INTRODUCED)."""
    at = db.session.scalar(select(func.max(MatchEvent.at)).where(
        MatchEvent.match_id == match.id, MatchEvent.to_status == MatchStatus.INTRODUCED))
    if at is None and match.status == MatchStatus.INTRODUCED:
        return match.updated_at
    return at


def reply_due(match: Match) -> date | None:
    """The day the organisation should have answered by; None when no answer is awaited."""
    if match.status != MatchStatus.INTRODUCED:
        return None
    at = introduced_at(match)
    if at is None:
        return None
    return add_working_days(at.date(), rules_for(match.profile.municipality_code).reply_working_days)


def _awaiting(municipality_code: str | None = None):
    query = (select(Match).join(JobseekerProfile).where(Match.status == MatchStatus.INTRODUCED)
             .options(selectinload(Match.profile), selectinload(Match.opportunity)))
    if municipality_code:
        query = query.where(JobseekerProfile.municipality_code == municipality_code)
    return db.session.scalars(query.order_by(Match.id)).all()


def overdue_cases(viewer: User, today: date | None = None) -> list[tuple[Match, date, int]]:
    """Cases in the viewer's municipality whose answer is late: (case, due day, working days late), latest first."""
    today = today or date.today()
    found = []
    for match in _awaiting(None if viewer.role == Role.ADMIN else viewer.municipality_code):
        due = reply_due(match)
        if due is not None and due < today:
            found.append((match, due, working_days_between(due, today)))
    return sorted(found, key=lambda row: (row[1], row[0].id))


def _done(match: Match, kind: str) -> bool:
    """Claim one step for a case; False when it was taken before (by this run or an earlier one)."""
    exists = db.session.scalar(select(ReplyReminder.id).where(ReplyReminder.match_id == match.id,
                                                              ReplyReminder.kind == kind))
    if exists:
        return False
    db.session.add(ReplyReminder(match_id=match.id, kind=kind))
    return True


def close_unanswered(match: Match) -> None:
    """Close a case the organisation never answered: not hired, reason no_reply, its seat given back; commits."""
    cases.release_seat_at_erasure(match)  # an introduced case holds a seat: give it back
    db.session.add(MatchEvent(match=match, from_status=match.status, to_status=MatchStatus.NOT_PLACED,
                              actor_id=None, reason_code=NO_REPLY))
    match.status = MatchStatus.NOT_PLACED
    match.reason_code = NO_REPLY
    notices.notify_case_closed(match)
    db.session.commit()


def run_daily(today: date | None = None) -> dict[str, int]:
    """Remind before the deadline, tell the organisation when it is late, close after the long limit.

    Each step is taken once per case (ReplyReminder), so running twice a day, or again after a failure, is safe.
    """
    today = today or date.today()
    counts = {"reminded": 0, "overdue": 0, "closed": 0}
    for match in _awaiting():
        at = introduced_at(match)
        if at is None:
            continue
        rules = rules_for(match.profile.municipality_code)
        due = add_working_days(at.date(), rules.reply_working_days)
        if today >= at.date() + timedelta(days=rules.close_after_days):
            if _done(match, "closed"):
                close_unanswered(match)
                counts["closed"] += 1
            continue
        if today > due:
            if _done(match, "overdue"):
                notices.notify_reply_overdue(match, due)
                counts["overdue"] += 1
        elif working_days_between(today, due) <= REMIND_WORKING_DAYS_BEFORE:
            if _done(match, "before"):
                notices.notify_reply_reminder(match, due)
                counts["reminded"] += 1
        db.session.commit()
    return counts


@dataclass(frozen=True)
class ReplyFigures:
    organisation: str
    introduced: int
    answered: int
    on_time: int
    median_working_days: float | None

    @property
    def answered_share(self) -> float:
        return self.answered / self.introduced if self.introduced else 0.0


def reply_figures(municipality_code: str | None, today: date | None = None) -> tuple[list[ReplyFigures], int]:
    """Per organisation: people introduced, answered, answered on time, median working days to the answer.

    Organisations with fewer than SMALLEST_GROUP introductions are left out; the second value says how many.
    municipality_code None: every municipality (administrators).
    """
    today = today or date.today()
    introductions = (select(MatchEvent.match_id, func.min(MatchEvent.at).label("at"))
                     .where(MatchEvent.to_status == MatchStatus.INTRODUCED).group_by(MatchEvent.match_id).subquery())
    answers = (select(MatchEvent.match_id, func.min(MatchEvent.at).label("at"))
               .where(MatchEvent.from_status == MatchStatus.INTRODUCED, MatchEvent.to_status.in_(ANSWERS),
                      MatchEvent.actor_id.is_not(None))
               .group_by(MatchEvent.match_id).subquery())
    query = (select(Organisation.name, Organisation.id, JobseekerProfile.municipality_code, introductions.c.at,
                    answers.c.at)
             .select_from(introductions).join(Match, Match.id == introductions.c.match_id)
             .join(JobseekerProfile, JobseekerProfile.id == Match.profile_id)
             .join(Opportunity, Opportunity.id == Match.opportunity_id)
             .join(Organisation, Organisation.id == Opportunity.organisation_id)
             .outerjoin(answers, answers.c.match_id == Match.id))
    if municipality_code:
        query = query.where(JobseekerProfile.municipality_code == municipality_code)
    groups: dict[int, list] = {}
    for name, org_id, code, introduced, answered in db.session.execute(query):
        groups.setdefault(org_id, [name, []])[1].append((code, introduced, answered))
    shown, hidden = [], 0
    for name, rows in groups.values():
        if len(rows) < SMALLEST_GROUP:
            hidden += 1
            continue
        days, on_time = [], 0
        for code, introduced, answered in rows:
            if answered is None:
                continue
            taken = working_days_between(introduced.date(), answered.date())
            days.append(taken)
            on_time += taken <= rules_for(code).reply_working_days
        shown.append(ReplyFigures(name, len(rows), len(days), on_time,
                                  statistics.median(days) if days else None))
    return sorted(shown, key=lambda f: f.organisation), hidden
