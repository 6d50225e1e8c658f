"""Synthetic but realistic people and opportunities drawn from the taxonomy, for timing (``bench``) and tests.

Region-sized: municipalities of Mälardalen and Dalarna, occupations weighted towards jobs without
education requirements, texts built from labels in whatever locales the reference data holds.
"""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from matching.schema import CEFR_LEVELS, KINDS, Opportunity, Seeker

REGION_COUNTIES = ("03", "04", "19", "20", "18")  # Uppsala, Södermanland, Västmanland, Dalarna, Örebro
_FILLER = {
    "sv": "Vi söker dig som vill lära dig arbetet. Introduktion och handledare ingår.",
    "en": "I am motivated, reliable and want to learn. I can start soon.",
    "ar": "أنا شخص مجتهد وأحب العمل مع الناس وأريد أن أتعلم.",
}


def _region(ref):
    counties = {c.id for c in ref.of_type("county") if c.code in REGION_COUNTIES}
    return [c.id for c in ref.of_type("municipality") if c.parent_id in counties] or \
        [c.id for c in ref.of_type("municipality")]


def _occupations(ref):
    occs = ref.of_type("occupation")
    easy = [o.id for o in occs if "no_education_requirement" in o.flags]
    return easy, [o.id for o in occs]


def synthetic_opportunities(ref, n: int, random_state: int = 0) -> list[Opportunity]:
    """n opportunities (about a tenth vocational programmes), deterministic for a random_state."""
    rng = np.random.default_rng(random_state)
    municipalities = _region(ref)
    easy, every = _occupations(ref)
    out = []
    for i in range(n):
        occ = easy[rng.integers(len(easy))] if rng.random() < 0.6 else every[rng.integers(len(every))]
        skills = ref.skills_for_occupation(occ)
        picked = list(rng.choice(skills, size=min(3, len(skills)), replace=False)) if skills and rng.random() < 0.4 else []
        kind = KINDS[rng.integers(len(KINDS))]
        label = ref.label(occ, "sv")
        description = " ".join([label, _FILLER["sv"], *(ref.label(s, "sv") for s in picked)])
        programme = kind == "vocational_programme"
        out.append(Opportunity(
            id=f"syn-o-{i}", kind=kind, title=("Utbildning till " if programme else "") + label,
            description=description, occupation=None if programme else occ,
            leads_to=(occ,) if programme else (), skills_required=tuple(picked[:1]), skills_nice=tuple(picked[1:]),
            min_swedish=CEFR_LEVELS[rng.integers(4)] if rng.random() < 0.5 else None,
            driving_licence=("B",) if rng.random() < 0.1 else (),
            municipality=municipalities[rng.integers(len(municipalities))], seats=int(rng.integers(1, 5)),
            start=date(2026, 1, 1) + timedelta(days=int(rng.integers(0, 240))),
            eligible_age=(16, 29) if programme and rng.random() < 0.3 else None))
    return out


def synthetic_seekers(ref, n: int, random_state: int = 0) -> list[Seeker]:
    """n people writing in sv, en or ar, with the constraints people live with."""
    rng = np.random.default_rng(random_state + 1)
    municipalities = _region(ref)
    easy, _ = _occupations(ref)
    locales = ("sv", "en", "ar")
    out = []
    for i in range(n):
        locale = locales[rng.integers(len(locales))]
        past = [easy[rng.integers(len(easy))] for _ in range(int(rng.integers(0, 3)))]
        titles = [ref.label(o, locale, alternatives=True) for o in past]
        about = " ".join([_FILLER[locale], *titles])
        wants = tuple(rng.choice(KINDS, size=int(rng.integers(0, 3)), replace=False))
        out.append(Seeker(
            id=f"syn-s-{i}", municipality=municipalities[rng.integers(len(municipalities))],
            max_travel_km=float(rng.choice([10, 25, 40, 60])), about=about, text_language=locale,
            experience=tuple({"title": t, "years": int(rng.integers(1, 6))} for t in titles),
            occupations=(easy[rng.integers(len(easy))],) if rng.random() < 0.3 else (),
            languages=({"code": "sv", "level": CEFR_LEVELS[rng.integers(6)]},
                       {"code": locale, "level": "native"}),
            driving_licences=("B",) if rng.random() < 0.3 else (), wants=wants,
            available_from=date(2026, 1, 1) + timedelta(days=int(rng.integers(0, 200))),
            birth_year=int(rng.integers(1970, 2009))))
    return out
