"""Explanations of a suggestion as codes and numbers: block shares, skills, occupation fit, checks."""
from __future__ import annotations

import numpy as np

from matching.constraints import checks_passed
from matching.features import BLOCKS
from matching.lexicon import Understanding
from matching.schema import Opportunity, Seeker

SKILL_EVIDENCE = 0.3  # a skill read from text counts as held from this weight on
MAX_LISTED = 10
MAX_UNDERSTOOD = 5


def block_shares(parts: np.ndarray, weights: dict[str, float]) -> dict[str, float]:
    """Each block's share of the score (sums to 1); by block weight when nothing contributed."""
    values = {name: max(float(v), 0.0) for name, v in zip(BLOCKS, parts)}
    total = sum(values.values())
    if total <= 0:
        values = {name: w for name, w in weights.items() if w > 0} or {"text": 1.0}
        total = sum(values.values())
    shares = {name: round(v / total, 4) for name, v in values.items() if v > 0}
    # rounding must not break the sum: give the remainder to the largest block
    top = max(shares, key=shares.get)
    shares[top] = round(shares[top] + 1.0 - sum(shares.values()), 4)
    return shares


def _groups(ids, reference) -> set[str]:
    out = set()
    for cid in ids:
        g = reference.ancestor_of_type(cid, "ssyk4")
        if g is not None:
            out.add(g.id)
    return out


def _placed(municipality: str | None, reference) -> bool:
    concept = reference.get(municipality) if municipality else None
    return concept is not None and concept.lat is not None


class PersonContext:
    """What an explanation needs to know about one person, worked out once for all their suggestions."""

    __slots__ = ("seeker", "held", "person_occ", "person_groups", "understood", "informal", "wanted_groups",
                 "_reference", "_group_cache")

    def __init__(self, seeker: Seeker, person: Understanding, reference):
        self.seeker = seeker
        self._reference = reference
        self.held = {s for s, w in person.skills.items() if w >= SKILL_EVIDENCE}
        self.person_occ = {o for o, w in person.occupations.items() if w >= SKILL_EVIDENCE}
        self.person_groups = _groups(self.person_occ, reference) | {
            g for g, w in person.groups.items() if w >= SKILL_EVIDENCE}
        ranked = sorted(((w, c) for c, w in [*person.occupations.items(), *person.groups.items()]),
                        key=lambda wc: (-wc[0], wc[1]))
        self.understood = [c for _, c in ranked[:MAX_UNDERSTOOD]]
        self.informal = person.informal
        wanted = {c for c, w in person.wanted.items() if w >= SKILL_EVIDENCE}
        self.wanted_groups = _groups(wanted, reference) | {c for c in wanted if c in person.groups}

    def informal_towards(self, occupation: str) -> list[str]:
        """Categories of the person's unpaid experience that lead to this occupation's SSYK-4 group."""
        if not self.informal:
            return []
        from matching.informal import informal_reader_for

        groups = _groups([occupation], self._reference)
        leads = informal_reader_for(self._reference).categories_of_group
        return sorted({c for g in groups for c in leads.get(g, ()) if c in self.informal})

    def reaches(self, occupation: str) -> bool:
        """The person has this occupation, or one in its SSYK-4 group."""
        return occupation in self.person_occ or bool(_groups([occupation], self._reference) & self.person_groups)

    def explain(self, opp: Opportunity, parts: np.ndarray, weights: dict[str, float], offer: Understanding) -> dict:
        seeker, reference = self.seeker, self._reference
        structured = set(opp.skills_required) | set(opp.skills_nice)
        offered = structured or {s for s, w in offer.skills.items() if w >= SKILL_EVIDENCE}
        targets = [opp.occupation] if opp.occupation else list(opp.leads_to)
        distance = None
        if opp.municipality and seeker.municipality and not opp.remote:
            distance = reference.distance_km(seeker.municipality, opp.municipality)
        out = {
            "blocks": block_shares(parts, weights),
            "matched_skills": sorted(self.held & offered)[:MAX_LISTED],
            "missing_skills": sorted(set(opp.skills_required or opp.skills_nice) - self.held)[:MAX_LISTED],
            "occupation_match": any(self.reaches(t) for t in targets),
            "checks": checks_passed(seeker, opp),
            "distance_km": round(distance, 1) if distance is not None else None,
            "understood_occupations": list(self.understood),
            # where the place is, is not known: ranked after every place that could be placed (reason for the page)
            "location_unknown": not opp.remote and not _placed(opp.municipality, reference),
        }
        # unpaid work at home or in the community that builds towards this place (reason for the page;
        # never years of employment): e.g. ["children"] → "You have cared for children at home"
        out["informal_experience"] = sorted({c for t in targets for c in self.informal_towards(t)})
        # the person said they want this kind of work (a wish, not only a past job)
        out["wanted"] = bool(self.wanted_groups) and bool(_groups(targets, reference) & self.wanted_groups)
        if opp.kind == "vocational_programme":
            out["pathway_to"] = sorted(t for t in opp.leads_to if self.reaches(t))
        return out


def explain(seeker: Seeker, opp: Opportunity, parts: np.ndarray, weights: dict[str, float],
            person: Understanding, offer: Understanding, reference) -> dict:
    """The explanation dict stored with a suggestion (keys documented in the matching README/report)."""
    return PersonContext(seeker, person, reference).explain(opp, parts, weights, offer)
