"""Hard constraints: what makes a suggestion useless. They filter; they never score."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np

from matching.schema import Opportunity, Seeker, level_rank

START_SLACK_DAYS = 31  # an opportunity may start at most a month before the person can

DistanceFn = Callable[[str, str], float | None]


def violations(seeker: Seeker, opp: Opportunity, distance_km: DistanceFn, today: date | None = None) -> list[str]:
    """Codes of the constraints opp breaks for seeker; empty when it is usable."""
    broken = []
    if seeker.wants and opp.kind not in seeker.wants:
        broken.append("kind")
    if not opp.remote and opp.municipality and seeker.municipality:
        km = distance_km(seeker.municipality, opp.municipality)
        if km is not None and km > seeker.max_travel_km:
            broken.append("distance")
    if not set(opp.driving_licence) <= set(seeker.driving_licences):
        broken.append("licence")
    if level_rank(seeker.swedish_level) < level_rank(opp.min_swedish):
        broken.append("swedish")
    if opp.start and seeker.available_from and (seeker.available_from - opp.start).days > START_SLACK_DAYS:
        broken.append("start")
    if opp.eligible_age and seeker.birth_year:
        year = (today or date.today()).year
        if not opp.eligible_age[0] <= year - seeker.birth_year <= opp.eligible_age[1]:
            broken.append("age")
    if opp.seats <= 0:
        broken.append("seats")
    return broken


def checks_passed(seeker: Seeker, opp: Opportunity) -> list[str]:
    """The constraint codes that actually applied to this pair (for explanations)."""
    passed = []
    if seeker.wants:
        passed.append("kind")
    if opp.municipality and seeker.municipality and not opp.remote:
        passed.append("distance")
    if opp.driving_licence:
        passed.append("licence")
    if opp.min_swedish:
        passed.append("swedish")
    if opp.start and seeker.available_from:
        passed.append("start")
    if opp.eligible_age:
        passed.append("age")
    return passed


class EligibilityIndex:
    """The same hard constraints as ``violations``, vectorised over all opportunities at once.

    Used to filter whole score matrices before ranking; ``violations`` stays the reference and the
    matcher re-checks every suggestion with it.
    """

    def __init__(self, opportunities, coordinates: dict[str, tuple[float, float]]):
        opps = list(opportunities)
        self.coordinates = coordinates
        self.n = len(opps)
        # kinds, places and licence sets are few: store codes, decide per distinct value, gather
        self.kind_names = sorted({o.kind for o in opps})
        kind_code = {k: i for i, k in enumerate(self.kind_names)}
        self.kind = np.array([kind_code[o.kind] for o in opps], dtype=np.int32)
        located = [(not o.remote and o.municipality in coordinates) for o in opps]
        self.located = np.array(located, dtype=bool)
        # where the work happens is not known (no municipality, or one without coordinates) and it is not
        # remote: not "within reach" of anyone; the matcher ranks these after every place it can place
        self.unplaced = np.array([not o.remote and not ok for o, ok in zip(opps, located)], dtype=bool)
        self.places = sorted({o.municipality for o, ok in zip(opps, located) if ok})
        place_code = {m: i for i, m in enumerate(self.places)}
        self.place = np.array([place_code[o.municipality] if ok else 0 for o, ok in zip(opps, located)],
                              dtype=np.int32)
        self.lat = np.radians(np.array([coordinates[m][0] for m in self.places], dtype=float))
        self.lon = np.radians(np.array([coordinates[m][1] for m in self.places], dtype=float))
        licence_sets = sorted({frozenset(o.driving_licence) for o in opps}, key=sorted)
        licence_code = {ls: i for i, ls in enumerate(licence_sets)}
        self.licence_sets = licence_sets
        self.licence = np.array([licence_code[frozenset(o.driving_licence)] for o in opps], dtype=np.int32)
        self.needs_licence = any(licence_sets)
        self.min_swedish = np.array([level_rank(o.min_swedish) for o in opps])
        self.start = np.array([o.start.toordinal() if o.start else np.iinfo(np.int64).max for o in opps],
                              dtype=np.int64)
        self.age_min = np.array([o.eligible_age[0] if o.eligible_age else -10**6 for o in opps])
        self.age_max = np.array([o.eligible_age[1] if o.eligible_age else 10**6 for o in opps])
        self.has_age = np.array([bool(o.eligible_age) for o in opps], dtype=bool)
        self.seats = np.array([o.seats > 0 for o in opps], dtype=bool)

    def closeness(self, seeker: Seeker) -> np.ndarray | None:
        """Per opportunity, 1 at the person's door falling to 0 at their travel limit (0 where unplaced); None
        when the person's place is unknown. Remote places count as at the door."""
        here = self.coordinates.get(seeker.municipality) if seeker.municipality else None
        if here is None or not self.places:
            return None
        lat1, lon1 = np.radians(here[0]), np.radians(here[1])
        h = (np.sin((self.lat - lat1) / 2) ** 2
             + np.cos(lat1) * np.cos(self.lat) * np.sin((self.lon - lon1) / 2) ** 2)
        km = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
        near = np.clip(1.0 - km / max(seeker.max_travel_km, 1.0), 0.0, 1.0)
        return np.where(self.located, near[self.place], np.where(self.unplaced, 0.0, 1.0))

    def licence_used(self, seeker: Seeker) -> np.ndarray:
        """True where the opportunity asks for a licence and the person holds it (their licence is put to use)."""
        held = set(seeker.driving_licences)
        return np.array([bool(ls) and ls <= held for ls in self.licence_sets] or [False], dtype=bool)[self.licence]

    def mask(self, seeker: Seeker, today: date | None = None) -> np.ndarray:
        """True where the opportunity breaks no hard constraint for this person."""
        ok = self.seats.copy()
        if seeker.wants:
            wanted = np.array([k in seeker.wants for k in self.kind_names] or [False], dtype=bool)
            ok &= wanted[self.kind]
        here = self.coordinates.get(seeker.municipality) if seeker.municipality else None
        if here is not None and self.places:
            lat1, lon1 = np.radians(here[0]), np.radians(here[1])
            h = (np.sin((self.lat - lat1) / 2) ** 2
                 + np.cos(lat1) * np.cos(self.lat) * np.sin((self.lon - lon1) / 2) ** 2)
            km = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
            near = km <= seeker.max_travel_km + 1e-9
            ok &= ~self.located | near[self.place]
        if self.needs_licence:
            held = set(seeker.driving_licences)
            ok &= np.array([ls <= held for ls in self.licence_sets], dtype=bool)[self.licence]
        ok &= level_rank(seeker.swedish_level) >= self.min_swedish
        if seeker.available_from:
            ok &= (seeker.available_from.toordinal() - self.start) <= START_SLACK_DAYS
        if seeker.birth_year:
            age = (today or date.today()).year - seeker.birth_year
            ok &= ~self.has_age | ((self.age_min <= age) & (age <= self.age_max))
        return ok
