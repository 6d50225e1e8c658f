"""Hard constraints: what makes a suggestion useless. They filter; they never score."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

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
