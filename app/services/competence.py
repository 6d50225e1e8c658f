"""The region's competence: demand (open places, stated needs) beside supply (the people registered), the people
one step away, which programmes to open, and the region's goals. Aggregates only: every count passes through
suppress_small (app/services/statistics.py) before it is shown or exported, so no figure points at a person.

Demand is the one place selection matching uses (services/matching.open_opportunities, programmes left out: they
are roads in, not work) plus the active stated needs (CompetenceNeed). Supply is the active people of the area who
aim at an occupation (their wished occupations) or could do it (experience entries naming it). Whether a person is
eligible, or one step away, is the matcher's own judgement: matching.gaps gives the person-side constraint codes
an opportunity breaks, matching.one_step says when they are exactly one thing a person can gain.

An area is None (every municipality), a county (2 digits: its municipalities, as app/jobs.municipalities_in) or a
municipality (4 digits).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from sqlalchemy import Text, cast, func, select

import matching
from app.extensions import db
from app.models import JobseekerProfile, Match, MatchEvent, MatchStatus, Opportunity, ProfileStatus
from app.models.need import HORIZONS, CompetenceNeed, NeedStatus, RegionalGoal
from app.models.opportunity import OpportunityKind, ProgrammeKind
from app.services.concepts import labels_for
from app.services.dashboard import Table, occupation_fields
from app.services.statistics import SMALLEST_GROUP, suppress_small

PERIODS = (4, 8, 12)  # quarters a view can look back
TOP = 12  # occupations shown one by one in a figure; the rest are summed in one row
QUARTERS = 8
STEP_LABELS = {"swedish": _l("A Swedish level"), "licence": _l("A driving licence"),
               "programme": _l("Training in the occupation")}
# What a new cohort of each kind of programme gives its students: the steps it closes.
PROGRAMME_GIVES = {
    ProgrammeKind.YRKESVUX: ("programme", "licence"),  # vocational adult education; driver programmes include C/CE
    ProgrammeKind.LARLINGSVUX: ("programme",),
    ProgrammeKind.YH: ("programme",),
    ProgrammeKind.SFI_YRKE: ("swedish",),  # Swedish for immigrants with a vocational slant
    ProgrammeKind.FOLKHOGSKOLA: ("swedish", "programme"),
}
PROGRAMME_LABELS = {ProgrammeKind.YRKESVUX: _l("Vocational adult education (yrkesvux)"),
                    ProgrammeKind.LARLINGSVUX: _l("Adult apprenticeship (lärlingsvux)"),
                    ProgrammeKind.YH: _l("Higher vocational education (YH)"),
                    ProgrammeKind.SFI_YRKE: _l("Vocational Swedish for immigrants (SFI)"),
                    ProgrammeKind.FOLKHOGSKOLA: _l("Folk high school")}
PLACED = (MatchStatus.PLACED, MatchStatus.FOLLOWED_UP_3M, MatchStatus.FOLLOWED_UP_6M)


# ---------------------------------------------------------------------------------------------------- areas

def municipalities(area: str | None) -> tuple[str, ...] | None:
    """The municipalities of an area: None for every one."""
    if not area:
        return None
    from app.services.scope import municipalities_in

    return tuple(municipalities_in(area))


def _within(column, codes):
    return True if codes is None else column.in_(codes)


def quarter_of(moment) -> tuple[int, int]:
    return moment.year, (moment.month - 1) // 3 + 1


def quarters_back(today: date, n: int) -> list[tuple[int, int]]:
    year, q = quarter_of(today)
    out = []
    for _i in range(n):
        out.append((year, q))
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    return out[::-1]


def quarter_label(year_quarter: tuple[int, int]) -> str:
    return f"{year_quarter[0]} Q{year_quarter[1]}"


def _quarter_start(year_quarter: tuple[int, int]) -> datetime:
    return datetime(year_quarter[0], 3 * (year_quarter[1] - 1) + 1, 1)


# ------------------------------------------------------------------------------------------------- analysis

@dataclass
class Occupation:
    """What one occupation's figures are made of (raw counts: suppress before showing)."""

    places: int = 0  # free seats of open places
    needs: Counter = field(default_factory=Counter)  # horizon → headcount
    programme_needs: int = 0  # headcount of needs that would take someone from a programme (or did not say)
    aim: int = 0
    experienced: int = 0
    supply: int = 0
    eligible: int = 0
    steps: Counter = field(default_factory=Counter)  # step code → people one step away
    step_places: dict = field(default_factory=lambda: defaultdict(Counter))  # step → municipality → people

    @property
    def demand(self) -> int:
        return self.places + sum(self.needs.values())

    @property
    def one_step(self) -> int:
        return sum(self.steps.values())


@lru_cache(maxsize=100_000)
def _distance(a, b):
    return matching.reference_data().distance_km(a, b)  # the matcher's own municipality coordinates


def _need_record(need) -> matching.Opportunity:
    """A need as the matcher reads an opportunity: an ordinary job unless the employer takes a road in (a trainee,
    an apprentice …); taking people "from a programme" still asks for the training the programme gives."""
    roads = sorted(k for k in need.would_take or () if k not in (OpportunityKind.JOB,
                                                                 OpportunityKind.VOCATIONAL_PROGRAMME))
    return matching.Opportunity(id="", kind=roads[0] if roads else str(OpportunityKind.JOB),
                                occupation=need.occupation_id, min_swedish=need.min_swedish,
                                driving_licence=tuple(sorted(need.driving_licences or ())),
                                municipality=need.municipality_code)


def _place_rows(codes, today: date):
    """(occupation, kind, min_swedish, licences, municipality, seats left) of the open places (not programmes)."""
    from app.services.matching import open_opportunities_query

    query = open_opportunities_query(today).where(Opportunity.occupation_id.is_not(None),
                                                  Opportunity.kind != OpportunityKind.VOCATIONAL_PROGRAMME,
                                                  _within(Opportunity.municipality_code, codes))
    return db.session.execute(query.with_only_columns(
        Opportunity.occupation_id, Opportunity.kind, Opportunity.min_swedish, Opportunity.driving_licences,
        Opportunity.municipality_code, Opportunity.seats - Opportunity.seats_taken)).all()


def _active_needs(codes):
    N = CompetenceNeed
    return db.session.execute(select(N.occupation_id, N.headcount, N.horizon_months, N.would_take, N.min_swedish,
                                     N.driving_licences, N.municipality_code).where(
        N.status == NeedStatus.ACTIVE, _within(N.municipality_code, codes))).all()


def _people_rows(codes):
    """The active people's constraint facts; JSON columns as text, so that only what is needed gets parsed (a region
    has tens of thousands of people)."""
    P = JobseekerProfile
    return db.session.execute(select(
        P.municipality_code, P.travel_km, P.swedish_level, cast(P.languages, Text), cast(P.driving_licences, Text),
        cast(P.wanted_occupations, Text), cast(P.experience, Text)).where(
        P.status == ProfileStatus.ACTIVE, P.hidden_at.is_(None), _within(P.municipality_code, codes))).all()


def _json(text, default=()):
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def _seeker(municipality, travel_km, swedish_level, languages_text, licences) -> matching.Seeker:
    """The constraint side of the person as services/matching.seeker_record builds it (travel, languages with the
    Swedish level last, licences); what they want and when they can start are about a place, not the person."""
    spoken = []
    if languages_text and '"sv"' in languages_text:  # a Swedish entry among the languages is read first
        spoken = [dict(entry) for entry in _json(languages_text) if isinstance(entry, dict)]
    if swedish_level:
        spoken.append({"code": "sv", "level": swedish_level})
    return matching.Seeker(id="", municipality=municipality, max_travel_km=travel_km or 0, languages=tuple(spoken),
                           driving_licences=licences)


def _experienced_in(experience_text) -> set[str]:
    """Occupations the person's experience entries name (entries picked from the taxonomy carry its id)."""
    if not experience_text or '"occupation"' not in experience_text:
        return set()
    return {e["occupation"] for e in _json(experience_text) if isinstance(e, dict)
            and isinstance(e.get("occupation"), str)}


def analyse(codes: tuple[str, ...] | None, today: date | None = None) -> dict[str, Occupation]:
    """Occupation id → its demand, supply, eligible and one-step-away people in the area."""
    today = today or date.today()
    result: dict[str, Occupation] = defaultdict(Occupation)
    # distinct requirements per occupation: the matcher judges each kind of requirement once, not each place
    requirements: dict[str, set] = defaultdict(set)
    for occupation, kind, swedish, licences, place, free in _place_rows(codes, today):
        result[occupation].places += free
        requirements[occupation].add(matching.Opportunity(
            id="", kind=kind, occupation=occupation, min_swedish=swedish,
            driving_licence=tuple(sorted(licences or ())), municipality=place))
    for need in _active_needs(codes):
        result[need.occupation_id].needs[need.horizon_months] += need.headcount
        if not need.would_take or OpportunityKind.VOCATIONAL_PROGRAMME in need.would_take:
            result[need.occupation_id].programme_needs += need.headcount
        requirements[need.occupation_id].add(_need_record(need))
    seekers, homes, members = [], [], defaultdict(list)
    licence_sets: dict[str, tuple] = {}
    for municipality, travel_km, swedish, languages, licences, wanted, experience in _people_rows(codes):
        wanted = {o for o in _json(wanted) if isinstance(o, str) and o in requirements}
        experienced = {o for o in _experienced_in(experience) if o in requirements}
        if not wanted and not experienced:
            continue
        if licences not in licence_sets:
            licence_sets[licences] = tuple(sorted(x for x in _json(licences) if isinstance(x, str)))
        person = len(seekers)
        seekers.append(_seeker(municipality, travel_km, swedish, languages, licence_sets[licences]))
        homes.append(municipality)
        for occupation in wanted | experienced:
            members[occupation].append((person, occupation in experienced, occupation in wanted))
    for occupation, people in members.items():
        row = result[occupation]
        verdicts = matching.judge_steps([seekers[p] for p, _t, _w in people], [t for _p, t, _w in people],
                                        list(requirements[occupation]), _distance, today)
        for (person, trained, aims), (eligible, step) in zip(people, verdicts):
            row.supply += 1
            row.aim += aims
            row.experienced += trained
            if eligible:
                row.eligible += 1
            elif step:
                row.steps[step] += 1
                row.step_places[step][homes[person]] += 1
    return dict(result)


# A region's analysis reads every active person in it: pages share one result per area while the data stays the
# same. The version is read on every call (three aggregate queries); FRESH_SECONDS bounds what it cannot see
# (an organisation suspended, a bulk update that leaves updated_at alone).
FRESH_SECONDS = 60
_CACHE: dict = {}
_CACHE_SIZE = 64


def _version(codes) -> tuple:
    P, N, O = JobseekerProfile, CompetenceNeed, Opportunity
    people = db.session.execute(select(func.count(), func.max(P.updated_at)).where(
        _within(P.municipality_code, codes))).one()
    needs = db.session.execute(select(func.count(), func.max(N.updated_at)).where(
        _within(N.municipality_code, codes))).one()
    places = db.session.execute(select(func.count(), func.sum(O.seats_taken), func.max(O.published_at),
                                       func.max(O.closed_at), func.max(O.created_at)).where(
        _within(O.municipality_code, codes))).one()
    return tuple(people) + tuple(needs) + tuple(places)


def cached_analysis(codes, today: date | None = None) -> dict[str, Occupation]:
    """analyse(codes), reused while the area's people, needs and places are unchanged (and for FRESH_SECONDS)."""
    import time

    today = today or date.today()
    key = (db.engine.url.render_as_string(), codes, today)
    version = _version(codes)
    found = _CACHE.get(key)
    if found and found[0] == version and time.monotonic() - found[1] < FRESH_SECONDS:
        return found[2]
    result = analyse(codes, today)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (version, time.monotonic(), result)
    return result


# ---------------------------------------------------------------------------------------------------- tables

def _s(values):
    return [suppress_small(v) for v in values]


def with_total(total: int, parts: list[int]) -> tuple[int | None, list[int | None]]:
    """A total and the parts it is the sum of, suppressed so that no hidden part can be worked out by subtraction:
    while what the hidden parts add up to (total minus the parts shown) is 1-4, the smallest part still shown is
    hidden too, and when none is left, the total."""
    shown = _s(parts)
    while 0 < total - sum(v for v in shown if v) < SMALLEST_GROUP:
        visible = [(p, i) for i, (p, v) in enumerate(zip(parts, shown)) if v]
        if not visible:
            return None, shown
        shown[min(visible)[1]] = None
    return suppress_small(total), shown


def _top(analysis: dict[str, Occupation], key, values, parts=()) -> list[tuple[str, list]]:
    """The TOP occupations by key, each a row of values; the rest summed into one row (a chart stays readable
    and a long tail of small groups is counted, not hidden). parts: (column of a total, columns it sums)."""
    def shown(raw):
        out = _s(raw)
        for total, columns in parts:
            out[total], hidden = with_total(raw[total], [raw[c] for c in columns])
            for c, v in zip(columns, hidden):
                out[c] = v
        return out

    labels = labels_for(analysis)
    ranked = sorted(analysis.items(), key=lambda item: (-key(item[1]), labels.get(item[0], "")))
    rows = [(labels.get(occupation, occupation), shown(values(o))) for occupation, o in ranked[:TOP]]
    rest = [values(o) for _occupation, o in ranked[TOP:]]
    if rest:
        rows.append((ngettext("%(num)s other occupation", "%(num)s other occupations", len(rest)),
                     shown([sum(column) for column in zip(*rest)])))
    return rows


def demand_supply(analysis: dict[str, Occupation]) -> Table:
    rows = _top(analysis, lambda o: o.demand, lambda o: [
        o.demand, o.places, *(o.needs[h] for h in HORIZONS), o.supply, o.aim, o.experienced, o.eligible,
        o.one_step], parts=((0, (1, 2, 3, 4)),))
    return Table("demand-supply", _("Demand beside supply"),
                 _("Per occupation: free seats of open places and the people employers said they will need "
                   "(demand), beside the people registered who aim at the occupation or have done it (supply)."),
                 _("Occupation"),
                 [_("Demand"), _("Open seats"), _("Needed within 6 months"), _("Needed within 12 months"),
                  _("Needed within 24 months"), _("Supply"), _("Aim at it"), _("Have done it"), _("Eligible now"),
                  _("One step away")],
                 rows, charted=(0, 5),
                 short=(_("Dem."), _("Seats"), _("6 mo"), _("12 mo"), _("24 mo"), _("Sup."), _("Aim"), _("Done"),
                        _("Elig."), _("1 step")))


def one_step_table(analysis: dict[str, Occupation]) -> Table:
    rows = _top({occupation: o for occupation, o in analysis.items() if o.one_step}, lambda o: o.one_step,
                lambda o: [o.one_step, *(o.steps[s] for s in matching.STEPS)], parts=((0, (1, 2, 3)),))
    return Table("one-step", _("One step away"),
                 _("People who would be eligible for the occupation's places or needs with one thing more, as the "
                   "matcher judges it."), _("Occupation"),
                 [_("One step away"), *(str(STEP_LABELS[s]) for s in matching.STEPS)], rows, charted=(0,),
                 short=(_("1 step"), _("Swed."), _("Lic."), _("Progr.")))


def trend(codes, quarters: int, today: date | None = None) -> Table:
    """Per quarter: needs stated (headcount), places published, placements made, in the area."""
    today = today or date.today()
    periods = quarters_back(today, quarters)
    since = _quarter_start(periods[0])
    needs, places, placed = Counter(), Counter(), Counter()
    for stated_on, headcount in db.session.execute(select(CompetenceNeed.stated_on, CompetenceNeed.headcount).where(
            CompetenceNeed.stated_on >= since.date(), _within(CompetenceNeed.municipality_code, codes))):
        needs[quarter_of(stated_on)] += headcount
    published = func.coalesce(Opportunity.published_at, Opportunity.created_at)
    for (at,) in db.session.execute(select(published).where(
            published >= since, Opportunity.kind != OpportunityKind.VOCATIONAL_PROGRAMME,
            _within(Opportunity.municipality_code, codes))):
        places[quarter_of(at)] += 1
    for at, _occupation in _placements(codes, since):
        placed[quarter_of(at)] += 1
    rows = [(quarter_label(q), _s([needs[q], places[q], placed[q]])) for q in periods]
    return Table("trend", _("Per quarter"), _("Needs stated, places published and people placed in each quarter."),
                 _("Quarter"), [_("Needed (stated)"), _("Places published"), _("Placed")], rows, charted=(0, 1),
                 short=(_("Needed"), _("Places"), _("Placed")))


def _placements(codes, since: datetime):
    """(when, occupation) of each case that reached placed, for places in the area."""
    rows = db.session.execute(
        select(MatchEvent.at, Opportunity.occupation_id, Opportunity.leads_to)
        .join(Match, Match.id == MatchEvent.match_id).join(Opportunity, Opportunity.id == Match.opportunity_id)
        .where(MatchEvent.to_status == MatchStatus.PLACED, MatchEvent.at >= since,
               _within(Opportunity.municipality_code, codes))).all()
    return [(at, occupation or next(iter(leads or ()), None)) for at, occupation, leads in rows]


def tables(codes, quarters: int = QUARTERS, today: date | None = None) -> list[Table]:
    analysis = cached_analysis(codes, today)
    return [demand_supply(analysis), one_step_table(analysis), trend(codes, quarters, today)]


# -------------------------------------------------------------------------------------------- programmes

@dataclass
class Proposal:
    """A programme worth opening: kind, occupation, who it would make eligible, which needs it would meet."""

    kind: str
    occupation: str
    occupation_label: str
    eligible: int  # raw: people one step away whose step this kind closes
    needs: int  # raw: headcount of stated needs for the occupation that take people from a road in or a programme
    reasons: list = field(default_factory=list)  # (step label, people, [(municipality name, people)]), raw

    @property
    def met(self) -> int:
        return min(self.eligible, self.needs) if self.needs else 0

    @property
    def shown(self) -> tuple[int | None, int | None, list]:
        """(eligible, needs, reasons) as they may be shown: every group under 5 hidden, also from subtraction."""
        eligible, per_step = with_total(self.eligible, [people for _label, people, _where in self.reasons])
        reasons = []
        for (label, people, where), step_shown in zip(self.reasons, per_step):
            _total, places = with_total(people, [n for _name, n in where])
            reasons.append((label, step_shown, [(name, n) for (name, _n), n in zip(where, places)]))
        return eligible, suppress_small(self.needs), reasons


def programmes(codes, today: date | None = None, analysis: dict[str, Occupation] | None = None) -> list[Proposal]:
    """Ranked: the needs a cohort would meet, then the people it would make eligible."""
    analysis = analysis if analysis is not None else cached_analysis(codes, today)
    labels = labels_for(analysis)
    place_names = labels_for({m for o in analysis.values() for per in o.step_places.values() for m in per})
    out = []
    step_labels = {step: str(label) for step, label in STEP_LABELS.items()}
    for occupation, o in analysis.items():
        for kind, gives in PROGRAMME_GIVES.items():
            people = sum(o.steps[s] for s in gives)
            if not people:
                continue
            reasons = []
            for step in gives:
                if o.steps[step]:
                    where = sorted(o.step_places[step].items(), key=lambda item: -item[1])
                    reasons.append((step_labels[step], o.steps[step],
                                    [(place_names.get(m, m), n) for m, n in where]))
            out.append(Proposal(str(kind), occupation, labels.get(occupation, occupation), people,
                                o.programme_needs, reasons))
    out.sort(key=lambda p: (-p.met, -p.eligible, p.occupation_label, p.kind))
    return out


def programme_description(proposal: Proposal) -> str:
    """The figures a new cohort's draft place starts with (suppressed as everywhere)."""
    def n(shown):
        return _("fewer than 5") if shown is None else str(shown)

    eligible, needs, reasons = proposal.shown
    lines = [_("Why this programme: %(people)s people in the area are one step away from %(occupation)s, and "
               "employers have said they need %(needs)s.", people=n(eligible),
               occupation=proposal.occupation_label, needs=n(needs))]
    for label, people, _where in reasons:
        lines.append(f"- {label}: {n(people)}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------- goals

@dataclass
class GoalProgress:
    goal: RegionalGoal
    field_label: str
    area_label: str
    table: Table


def goals(area: str | None, today: date | None = None) -> list[GoalProgress]:
    """Each goal of the area (every goal for None) with placements against it per quarter, from the goal's first
    quarter to today."""
    today = today or date.today()
    query = select(RegionalGoal).order_by(RegionalGoal.by_year, RegionalGoal.id)
    if area:
        query = query.where(RegionalGoal.area_code == area)
    found = list(db.session.scalars(query))
    labels = labels_for({g.occupation_field_id for g in found} | {g.area_code for g in found})
    out = []
    for goal in found:
        start = quarter_of(goal.created_at or today)
        periods = [q for q in quarters_back(today, 40) if q >= start] or [quarter_of(today)]
        placements = _placements(municipalities(goal.area_code), _quarter_start(periods[0]))
        fields = occupation_fields({o for _at, o in placements if o})
        per = Counter(quarter_of(at) for at, o in placements if fields.get(o) == goal.occupation_field_id)
        running, rows = 0, []
        for q in periods:
            running += per[q]
            # a running total rounded down to a multiple of SMALLEST_GROUP: the step from one quarter to the
            # next never shows a group smaller than that (an exact total would, by subtraction)
            rows.append((quarter_label(q), _s([running - running % SMALLEST_GROUP, goal.target])))
        title = _("%(field)s, %(area)s: %(target)s by %(year)s", field=labels.get(goal.occupation_field_id, ""),
                  area=labels.get(goal.area_code, goal.area_code), target=goal.target, year=goal.by_year)
        out.append(GoalProgress(goal, labels.get(goal.occupation_field_id, goal.occupation_field_id),
                                labels.get(goal.area_code, goal.area_code),
                                Table(f"goal-{goal.id}", title,
                                      _("People placed in the field since the goal was set, at the end of each "
                                        "quarter, rounded down to a multiple of 5."),
                                      _("Quarter"), [_("Placed so far"), _("Goal")], rows, charted=(0, 1),
                                      short=(_("So far"), _("Goal")))))
    return out


# ------------------------------------------------------------------------------------------------ export

def export_rows(table: Table) -> tuple[list, list[list]]:
    """Header and rows for a spreadsheet: names, numbers as numbers, suppressed cells empty."""
    return [table.group, *table.columns], [[label, *values] for label, values in table.rows]


# ---------------------------------------------------------------- what the pages change

def open_cohort(organisation, proposal: Proposal):
    """A school's draft programme place for proposal, its figures in the description; committed. The school
    checks and publishes it on its own page."""
    from app.models import OpportunityStatus

    place = Opportunity(
        organisation=organisation, kind=OpportunityKind.VOCATIONAL_PROGRAMME, status=OpportunityStatus.DRAFT,
        title=f"{PROGRAMME_LABELS[ProgrammeKind(proposal.kind)]}: {proposal.occupation_label}"[:200],
        description=programme_description(proposal), leads_to=[proposal.occupation],
        programme_kind=proposal.kind, municipality_code=organisation.municipality_code, seats=20)
    db.session.add(place)
    db.session.commit()
    return place


def set_goal(area_code: str, field_id: str, target: int, by_year: int, by) -> RegionalGoal:
    """The area's goal for an occupation field, new or changed (one goal per area and field); committed."""
    goal = db.session.scalar(select(RegionalGoal).where(RegionalGoal.area_code == area_code,
                                                        RegionalGoal.occupation_field_id == field_id))
    goal = goal or RegionalGoal(area_code=area_code, occupation_field_id=field_id, created_by_id=by.id)
    goal.target, goal.by_year = target, by_year
    db.session.add(goal)
    db.session.commit()
    return goal


def remove_goal(goal: RegionalGoal) -> None:
    db.session.delete(goal)
    db.session.commit()
