"""One step away: what stands between a person and an opportunity, read from the hard constraints' own codes.

``violations`` (constraints.py) says which constraints an opportunity breaks for a person. Some of them are about
the place at this moment (the kind the person asked for, its start date, its free seats), the rest about the
person. ``gaps`` keeps the person's side only, so that a region can count who would be eligible with one thing
more: a Swedish level (``swedish``), a driving licence (``licence``) or training in the occupation
(``programme``: the opportunity is an ordinary job and the person is neither experienced nor trained in it).
"""
from __future__ import annotations

from datetime import date

from matching.constraints import DistanceFn, violations
from matching.schema import Opportunity, Seeker

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
