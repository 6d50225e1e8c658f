"""The caseworkers' and managers' dashboard: aggregates only, every count through suppress_small.

A caseworker sees their own municipality (cases of its people, seats of its opportunities), an
administrator everything. No figure names or points at a person, so reading the dashboard is not a
read of personal data and is not written to the audit trail.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timezone

import numpy as np
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.presentation.labels import KIND_LABELS, OUTCOME_GROUP_LABELS, OUTCOME_GROUP_SHORT
from app.models import (Concept, JobseekerProfile, Match, MatchEvent, MatchStatus, Opportunity, OpportunityStatus,
                        Role, User)
from app.services.concepts import labels_for
from app.services.exports import csv_text, xlsx_bytes
from app.services.statistics import suppress_small

S = MatchStatus
# Outcome columns: the statuses a case can be in, grouped the way a manager reads them.
OUTCOMES = (
    ("waiting", (S.SUGGESTED,)),
    ("approved", (S.APPROVED,)),
    ("rejected", (S.REJECTED,)),
    ("declined", (S.DECLINED,)),
    ("in_progress", (S.INTRODUCED, S.INTERVIEW)),
    ("placed", (S.PLACED, S.FOLLOWED_UP_3M, S.FOLLOWED_UP_6M)),
    ("not_placed", (S.NOT_PLACED,)),
)
DECIDED = (S.APPROVED, S.REJECTED)
MONTHS = 12
SUGGESTION_BUCKETS = ((0, 0), (1, 1), (2, 3), (4, 6), (7, 10), (11, None))


@dataclass(frozen=True)
class Scope:
    """Whose figures, over which period: municipalities (None: every one) and cases since a day (None: all)."""

    municipalities: tuple[str, ...] | None
    since: date | None = None
    months: int = MONTHS

    @property
    def role(self) -> str:  # a Scope stands in for the viewer in the builders below
        return Role.ADMIN if self.municipalities is None else Role.CASEWORKER


PERIODS = (3, 6, 12, 24)  # months a dashboard can look back


def scope_for(viewer: User, area: str | None = None, months: int | None = None, today: date | None = None) -> Scope:
    """The scope a viewer asked for, within what they may see: a caseworker their municipality ("mine", the
    default) or its shared pool ("pool"); an administrator everything (default), a pool ("pool:NAME") or one
    municipality (its code). Anything else falls back to the default; months must be one of PERIODS."""
    from app.services.scope import SHARED_POOLS, pool_of

    if viewer.role == Role.ADMIN:
        if area and area.startswith("pool:") and area[5:] in SHARED_POOLS:
            codes = SHARED_POOLS[area[5:]]
        elif area and area.isascii() and area.isdigit() and len(area) == 4:
            codes = (area,)
        else:
            codes = None
    else:
        codes = pool_of(viewer.municipality_code) if area == "pool" else (viewer.municipality_code,)
    months = months if months in PERIODS else MONTHS
    today = today or date.today()
    return Scope(codes, _months_back(today, months), months)


def _months_back(today: date, months: int) -> date:
    year, month = today.year, today.month - months + 1
    while month < 1:
        year, month = year - 1, month + 12
    return date(year, month, 1)


def _scope(viewer) -> Scope:
    """A viewer (User: their municipality, or everything for an administrator, over all time) or a Scope."""
    if isinstance(viewer, Scope):
        return viewer
    return Scope(None if viewer.role == Role.ADMIN else (viewer.municipality_code,), None, MONTHS)


def _since(scope: Scope) -> datetime | None:
    return datetime.combine(scope.since, datetime.min.time()) if scope.since else None


@dataclass(frozen=True)
class Table:
    """One dashboard figure: rows of a group label and values (None: fewer than 5, not shown)."""

    key: str
    title: str
    description: str
    group: str  # heading of the label column
    columns: list[str]
    rows: list[tuple[str, list[float | int | None]]]
    charted: tuple[int, ...] = (0,)  # value columns drawn in the chart
    decimals: int = 0
    short: tuple[str, ...] = ()  # abbreviated column headings for narrow screens (the full ones stay for readers)


def _scope_cases(viewer, *, by_creation: bool = True):
    """Cases of the scope's people; with by_creation, only those suggested within the period."""
    scope = _scope(viewer)
    query = select(Match).join(JobseekerProfile)
    if scope.municipalities is not None:
        query = query.where(JobseekerProfile.municipality_code.in_(scope.municipalities))
    if by_creation and scope.since:
        query = query.where(Match.created_at >= _since(scope))
    return query


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def _days(start: datetime, end: datetime) -> float:
    return (_utc(end) - _utc(start)).total_seconds() / 86400


def _suppressed(values: list) -> list:
    return [suppress_small(v) for v in values]


def waiting_times(viewer) -> Table:
    cases = _scope_cases(viewer).subquery()
    rows = db.session.execute(
        select(MatchEvent.match_id, MatchEvent.from_status, MatchEvent.to_status, MatchEvent.at, cases.c.created_at)
        .join(cases, cases.c.id == MatchEvent.match_id).order_by(MatchEvent.at, MatchEvent.id)).all()
    decided, introduced, approved_at = [], [], {}
    for match_id, from_status, to_status, at, created_at in rows:
        if from_status == S.SUGGESTED and to_status in DECIDED:
            decided.append(_days(created_at, at))
            if to_status == S.APPROVED:
                approved_at[match_id] = at
        elif to_status == S.INTRODUCED and match_id in approved_at:
            introduced.append(_days(approved_at[match_id], at))
    out = []
    for label, values in ((_("Suggested → decided"), decided), (_("Approved → introduced"), introduced)):
        if suppress_small(len(values)) is None:
            out.append((label, [None, None, None]))  # fewer than 5 cases: not even their median is shown
        elif values:
            out.append((label, [round(float(np.median(values)), 1), round(float(np.percentile(values, 90)), 1),
                                len(values)]))
    return Table("waiting-times", _("Waiting times"),
                 _("Days from a suggestion to the caseworker's decision, and from approval until the person said yes."),
                 _("Step"), [_("Median, days"), _("90th percentile, days"), _("Cases")], out,
                 charted=(0, 1), decimals=1, short=(_("Median"), _("P90"), _("Cases")))


def _outcome_short() -> tuple[str, ...]:
    return tuple(str(OUTCOME_GROUP_SHORT[key]) for key, _statuses in OUTCOMES)


def _outcome_columns() -> list[str]:
    return [str(OUTCOME_GROUP_LABELS[key]) for key, _statuses in OUTCOMES]


def _outcome_rows(counts: dict[str, Counter], labels: dict[str, str]) -> list[tuple[str, list]]:
    rows = []
    for group, by_status in counts.items():
        rows.append((labels.get(group, group), _suppressed([sum(by_status[s] for s in statuses)
                                                            for _key, statuses in OUTCOMES])))
    return sorted(rows, key=lambda row: row[0])


def outcomes_by_kind(viewer) -> Table:
    cases = _scope_cases(viewer).subquery()
    counts: dict[str, Counter] = defaultdict(Counter)
    for kind, status in db.session.execute(select(Opportunity.kind, cases.c.status)
                                           .join(cases, cases.c.opportunity_id == Opportunity.id)):
        counts[kind][status] += 1
    return Table("outcomes-by-kind", _("Outcomes per kind of opportunity"),
                 _("Where the cases stand now, per kind of opportunity."), _("Kind of opportunity"),
                 _outcome_columns(), _outcome_rows(counts, {k: str(v) for k, v in KIND_LABELS.items()}),
                 charted=(5,), short=_outcome_short())


def _occupation_fields(occupation_ids: set[str]) -> dict[str, str]:
    """Occupation id → its SSYK-1 occupation field id, walking up the taxonomy one level per query."""
    field_of, current = {}, {o: o for o in occupation_ids}
    for _level in range(6):
        if not current:
            break
        found = {c.id: c for c in db.session.scalars(select(Concept).where(Concept.id.in_(set(current.values()))))}
        following = {}
        for occupation, concept_id in current.items():
            concept = found.get(concept_id)
            if concept is None:
                continue
            if concept.type == "ssyk1":
                field_of[occupation] = concept.id
            elif concept.parent_id:
                following[occupation] = concept.parent_id
        current = following
    return field_of


occupation_fields = _occupation_fields  # for the queue's filter


def outcomes_by_field(viewer) -> Table:
    cases = _scope_cases(viewer).subquery()
    rows = db.session.execute(select(Opportunity.occupation_id, Opportunity.leads_to, cases.c.status)
                              .join(cases, cases.c.opportunity_id == Opportunity.id)).all()
    occupation = [occ or next(iter(leads or ()), None) for occ, leads, _status in rows]
    field_of = _occupation_fields({o for o in occupation if o})
    unknown = "-"
    counts: dict[str, Counter] = defaultdict(Counter)
    for occ, (_occ, _leads, status) in zip(occupation, rows):
        counts[field_of.get(occ, unknown)][status] += 1
    labels = labels_for([f for f in counts if f != unknown])
    labels[unknown] = _("Occupation field not known")
    return Table("outcomes-by-field", _("Outcomes per occupation field"),
                 _("Where the cases stand now, per occupation field (SSYK main group) of the opportunity."),
                 _("Occupation field"), _outcome_columns(), _outcome_rows(counts, labels), charted=(5,),
                 short=_outcome_short())


def placements_per_month(viewer, today: date | None = None) -> Table:
    today = today or date.today()
    months = []
    year, month = today.year, today.month
    for _i in range(_scope(viewer).months):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    months.reverse()
    cases = _scope_cases(viewer, by_creation=False).subquery()
    counted: Counter = Counter()
    for (at,) in db.session.execute(select(MatchEvent.at).join(cases, cases.c.id == MatchEvent.match_id)
                                    .where(MatchEvent.to_status == S.PLACED)):
        counted[(_utc(at).year, _utc(at).month)] += 1
    return Table("placements", _("Placements per month"), _("People placed in each month of the period."),
                 _("Month"), [_("Placements")],
                 [(f"{y}-{m:02d}", [suppress_small(counted[(y, m)])]) for y, m in months])


def seats(viewer) -> Table:
    scope = _scope(viewer)
    query = select(Opportunity.kind, Opportunity.seats, Opportunity.seats_taken).where(
        Opportunity.status == OpportunityStatus.OPEN)
    if scope.municipalities is not None:
        query = query.where(Opportunity.municipality_code.in_(scope.municipalities))
    filled, free = Counter(), Counter()
    for kind, total, taken in db.session.execute(query):
        filled[kind] += taken
        free[kind] += total - taken
    rows = [(str(KIND_LABELS.get(kind, kind)), _suppressed([filled[kind], free[kind]])) for kind in filled]
    return Table("seats", _("Seats filled and open"), _("Seats of the open opportunities, per kind."),
                 _("Kind of opportunity"), [_("Filled"), _("Open")], sorted(rows, key=lambda row: row[0]),
                 charted=(0, 1))


def suggestions_per_person(viewer) -> Table:
    scope = _scope(viewer)
    people = select(JobseekerProfile.id).where(JobseekerProfile.hidden_at.is_(None))
    if scope.municipalities is not None:
        people = people.where(JobseekerProfile.municipality_code.in_(scope.municipalities))
    per_person = Counter({pid: 0 for pid in db.session.scalars(people)})
    cases = select(Match.profile_id).where(Match.profile_id.in_(people))
    if scope.since:
        cases = cases.where(Match.created_at >= _since(scope))
    for (pid,) in db.session.execute(cases):
        per_person[pid] += 1
    buckets = Counter()
    for n in per_person.values():
        buckets[next(b for b in SUGGESTION_BUCKETS if b[0] <= n and (b[1] is None or n <= b[1]))] += 1
    rows = []
    for low, high in SUGGESTION_BUCKETS:
        label = str(low) if low == high else (f"{low}–{high}" if high else _("%(n)s or more", n=low))
        rows.append((label, [suppress_small(buckets[(low, high)])]))
    return Table("suggestions-per-person", _("Suggestions per person"),
                 _("How many people have had how many suggestions (all statuses)."), _("Suggestions"),
                 [_("People")], rows)


def satisfaction(viewer) -> Table:
    """The one-question survey's NKI index (0–100) per group, from answers given in the period and area."""
    from app.services import satisfaction as survey

    scope = _scope(viewer)
    names = {"jobseeker": _("Jobseekers"), "employer": _("Employers and schools")}
    rows = [(names[f.respondent], [f.index, f.answers]) for f in survey.figures(scope.municipalities, _since(scope))]
    return Table("satisfaction", _("Satisfaction (NKI)"),
                 _("\"How satisfied are you overall?\" on a scale from 1 to 10, asked once a case or a place has ended, "
                   "as an index from 0 to 100 (NKI). Answers given in the period."),
                 _("Who answered"), [_("Satisfaction index, 0–100"), _("Answers")], rows, decimals=1,
                 short=(_("NKI"), _("Answers")))


BUILDERS = {"waiting-times": waiting_times, "outcomes-by-kind": outcomes_by_kind,
            "outcomes-by-field": outcomes_by_field, "placements": placements_per_month, "seats": seats,
            "suggestions-per-person": suggestions_per_person, "satisfaction": satisfaction}


def table(viewer, key: str, today: date | None = None) -> Table:
    """One figure by its key (KeyError for an unknown key)."""
    builder = BUILDERS[key]
    return builder(viewer, today) if builder is placements_per_month else builder(viewer)


def tables(viewer, today: date | None = None) -> list[Table]:
    return [table(viewer, key, today) for key in BUILDERS]


def _export_rows(table: Table) -> tuple[list, list[list]]:
    return [table.group, *table.columns], [[label, *(_("fewer than 5") if v is None else v for v in values)]
                                           for label, values in table.rows]


def table_csv(table: Table) -> str:
    """The table as CSV for Swedish Excel: suppressed cells say so, no cell can start a spreadsheet formula."""
    return csv_text(*_export_rows(table))


def table_xlsx(table: Table) -> bytes:
    """The table as an XLSX workbook: numbers as numbers, suppressed cells in words."""
    return xlsx_bytes(table.title, *_export_rows(table))
