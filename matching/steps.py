"""One step away: what stands between a person and an opportunity, read from the hard constraints' own codes.

``violations`` (constraints.py) says which constraints an opportunity breaks for a person. Some of them are about
the place at this moment (the kind the person asked for, its start date, its free seats), the rest about the
person. ``gaps`` keeps the person's side only, so that a region can count who would be eligible with one thing
more: a Swedish level (``swedish``), a driving licence (``licence``) or training in the occupation
(``programme``: the opportunity is an ordinary job and the person is neither experienced nor trained in it).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from matching.constraints import DistanceFn, violations
from matching.schema import Opportunity, Seeker, level_rank

# Codes about the place at this moment, not about the person: never a step the person could take.
PLACE_BOUND = frozenset({"kind", "start", "seats"})
# Codes a person can meet by gaining one thing (a course, a licence, a programme).
STEPS = ("swedish", "licence", "programme")
# Opportunities that ask for someone already able to do the work; every other kind is a road in.
TRAINED_KINDS = frozenset({"job"})


def gaps(seeker: Seeker, opp: Opportunity, distance_km: DistanceFn, today: date | None = None, *,
         trained: bool = True) -> tuple[str, ...]:
    """The person-side constraint codes opp breaks for seeker: () when the person is eligible.

    trained: the person has experience of, or a programme towards, opp's occupation; when False and opp is an
    ordinary job (TRAINED_KINDS), "programme" is one of the gaps."""
    found = [code for code in violations(seeker, opp, distance_km, today) if code not in PLACE_BOUND]
    if not trained and opp.kind in TRAINED_KINDS:
        found.append("programme")
    return tuple(found)


def one_step(found: tuple[str, ...]) -> str | None:
    """The one step (a code of STEPS) when gaps found are exactly one thing a person can gain, else None."""
    return found[0] if len(found) == 1 and found[0] in STEPS else None


def judge(seekers: Sequence[Seeker], trained: Sequence[bool], opportunities: Sequence[Opportunity],
          distance_km: DistanceFn, today: date | None = None) -> list[tuple[bool, str | None]]:
    """For each person: (eligible for one of opportunities, else the one step that would make them so).

    The same person-side constraints as ``gaps``, vectorised over every person × opportunity pair (a region has
    tens of thousands of people); ``gaps`` stays the reference and tests/matching/test_steps.py holds the two
    equal. When several opportunities are one step away, the step comes first in STEPS order."""
    import numpy as np

    if not seekers:
        return []
    opps = list(opportunities)
    if not opps:
        return [(False, None)] * len(seekers)
    if any(o.eligible_age for o in opps) and any(s.birth_year for s in seekers):  # rare: take the reference path
        return [_judge_one(s, t, opps, distance_km, today) for s, t in zip(seekers, trained)]
    places = sorted({s.municipality for s in seekers if s.municipality} | {o.municipality for o in opps if o.municipality})
    index = {m: i for i, m in enumerate(places)}
    km = np.full((len(places) + 1, len(places) + 1), np.nan)  # the last row and column: place not known
    for a in {s.municipality for s in seekers if s.municipality}:
        for b in {o.municipality for o in opps if o.municipality and not o.remote}:
            value = distance_km(a, b)
            km[index[a], index[b]] = np.nan if value is None else value
    unknown = len(places)
    person_place = np.array([index.get(s.municipality, unknown) if s.municipality else unknown for s in seekers])
    opp_place = np.array([unknown if o.remote or not o.municipality else index[o.municipality] for o in opps])
    distance = km[person_place][:, opp_place]
    travel = np.array([s.max_travel_km for s in seekers], dtype=float)
    with np.errstate(invalid="ignore"):
        far = ~np.isnan(distance) & (distance > travel[:, None])
    licence_names = sorted({x for o in opps for x in o.driving_licence})
    bit = {name: 1 << i for i, name in enumerate(licence_names)}
    held = np.array([sum(bit.get(x, 0) for x in set(s.driving_licences)) for s in seekers], dtype=np.int64)
    asked = np.array([sum(bit[x] for x in set(o.driving_licence)) for o in opps], dtype=np.int64)
    licence = (asked[None, :] & ~held[:, None]) != 0
    swedish = (np.array([level_rank(s.swedish_level) for s in seekers])[:, None]
               < np.array([level_rank(o.min_swedish) for o in opps])[None, :])
    programme = (~np.array(trained, dtype=bool))[:, None] & np.array([o.kind in TRAINED_KINDS for o in opps])[None, :]
    count = far.astype(np.int8) + licence + swedish + programme
    eligible = (count == 0).any(axis=1)
    single = count == 1
    step_of = {"swedish": (single & swedish).any(axis=1), "licence": (single & licence).any(axis=1),
               "programme": (single & programme).any(axis=1)}
    out = []
    for i in range(len(seekers)):
        if eligible[i]:
            out.append((True, None))
        else:
            out.append((False, next((step for step in STEPS if step_of[step][i]), None)))
    return out


def _judge_one(seeker, trained, opps, distance_km, today):
    steps = []
    for opp in opps:
        found = gaps(seeker, opp, distance_km, today, trained=trained)
        if not found:
            return True, None
        if one_step(found):
            steps.append(found[0])
    return False, min(steps, key=STEPS.index) if steps else None
