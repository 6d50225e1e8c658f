"""``python -m matching compass PATH``: occupation accuracy@k on compass-style test cases.

Each case (JSONL) gives an English experience title and responsibilities and the expected ESCO
occupation code(s) (``expected_occupations_found[].code``). The text is read exactly as the matcher
reads a person: the title as an experience title (weight ``EXPERIENCE_WEIGHT``), the responsibilities
as free text (``ABOUT_WEIGHT``), through the same multilingual lexicon (``FeatureSpace.understand_seeker``).
JobTech occupations are then ranked by the matcher's own occupation block: the cosine between the
person's occupation features (occupations and SSYK-4 groups understood, spread along the SSYK
hierarchy and substitutability, IDF over occupations) and each occupation's features.

A case is a **hit** when any of the top-k JobTech occupations is linked by the crosswalk in
``matching/data`` (relations ``esco_exact``, ``esco_close``, ``esco_narrow``, ``esco_broad`` from a
JobTech occupation to an ``esco_occupation`` concept) to an ESCO occupation whose ``code`` equals an
expected code. Expected codes that no ESCO occupation in the reference data carries (the compass
set's ``I…`` codes for unpaid work, from ICATUS) cannot be hit this way; they count as misses in the
strict figure and are reported separately. A second, clearly separate figure counts a hit at
ISCO-08 unit-group level, using ``UNPAID_TO_ISCO`` below (a hand-written table of the paid unit
groups doing the same work) for the ``I…`` codes.
"""
from __future__ import annotations

import json
from collections import defaultdict

import numpy as np

ESCO_RELATIONS = ("esco_exact", "esco_close", "esco_narrow", "esco_broad")

# ICATUS unpaid-work codes of the compass set → ISCO-08 unit groups (or prefixes) of paid work like it
UNPAID_TO_ISCO = {
    "I31_0": ("5120", "9411", "9412"), "I5131_0": ("5120", "9411", "9412"), "I52_2": ("5120", "9411", "9412"),
    "I32_0": ("9111", "9112", "6113", "9214"), "I5132_0": ("9111", "9112", "6113", "9214"),
    "I33_0": ("71", "7411", "9313"), "I5133_0": ("71", "7411", "9313"),
    "I34_0": ("9121", "8157", "7531", "9111"), "I5134_0": ("9121", "8157", "7531", "9111"),
    "I41_0": ("5311", "2342", "5312"), "I5141_0": ("5311", "2342", "5312"), "I52_5": ("5311", "2342", "5312"),
    "I42_0": ("5321", "5322"), "I5142_0": ("5321", "5322"),
    "I43_0": ("5321", "5322"), "I5143_0": ("5321", "5322"),
    "I44_0": ("5322", "5311"), "I51_5": ("9111", "5322"),
    "I52_1": ("9312", "9313", "9112"), "I52_3": ("3422", "2354"), "I52_4": ("4110", "4120", "4132"),
}


def read_cases(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class OccupationRanker:
    """Ranks JobTech occupations for a text with the matcher's lexicon and occupation block."""

    def __init__(self, reference=None):
        from matching.features import FeatureSpace, _ConceptBlock
        from matching.taxonomy import reference_data

        self.reference = reference if reference is not None else reference_data()
        self.features = FeatureSpace(self.reference)
        self.occupations = [c.id for c in self.reference.of_type("occupation")]
        rows = [self.features.occupation_features({o: 1.0}, {}) for o in self.occupations]
        self.block = _ConceptBlock().fit(rows)
        self.matrix = self.block.transform(rows).T.tocsr()
        self.esco_codes: dict[str, set[str]] = defaultdict(set)  # JobTech occupation → ESCO codes
        for kind in ESCO_RELATIONS:
            for source, targets in self.reference.relations.get(kind, {}).items():
                for target, _ in targets:
                    concept = self.reference.get(target)
                    if concept is not None and concept.type == "esco_occupation" and concept.code:
                        self.esco_codes[source].add(concept.code)
        self.known_codes = {code for codes in self.esco_codes.values() for code in codes}

    def rank(self, title: str, responsibilities: list[str], k: int = 5) -> list[str]:
        from matching.schema import Seeker

        person = Seeker(id="case", about=" ".join(responsibilities), experience=({"title": title},))
        u = self.features.understand_seeker(person)
        vector = self.block.transform([self.features.occupation_features(u.occupations, u.groups)])
        if not vector.nnz:
            return []
        scores = (vector @ self.matrix).toarray().ravel()
        top = np.flatnonzero(scores > 0)
        top = top[np.lexsort((top, -scores[top]))][:k]
        return [self.occupations[i] for i in top]


def evaluate(path: str, k: int = 5, reference=None) -> dict:
    ranker = OccupationRanker(reference)
    cases = read_cases(path)
    strict = group = reachable = reachable_hits = 0
    per_code: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        expected = {e["code"] for e in case.get("expected_occupations_found") or ()}
        top = ranker.rank(case.get("given_experience_title") or "", case.get("given_responsibilities") or [], k)
        codes = set().union(*(ranker.esco_codes.get(o, set()) for o in top)) if top else set()
        hit = bool(codes & expected)
        isco = {c.split(".")[0] for c in codes}
        wanted = {p for e in expected for p in (UNPAID_TO_ISCO.get(e) or (e.split(".")[0],))}
        group_hit = any(i.startswith(p) for i in isco for p in wanted)
        strict += hit
        group += group_hit
        if expected & ranker.known_codes:
            reachable += 1
            reachable_hits += hit
        for e in expected:
            per_code[e][0] += hit
            per_code[e][1] += 1
    n = len(cases)
    return {
        "cases": n, "k": k,
        f"accuracy@{k}": round(strict / n, 4) if n else None, "hits": strict,
        "cases_with_esco_code_in_reference": reachable,
        f"accuracy@{k}_on_those": round(reachable_hits / reachable, 4) if reachable else None,
        f"isco_group_accuracy@{k}": round(group / n, 4) if n else None,
        "per_expected_code": {c: f"{h}/{t}" for c, (h, t) in sorted(per_code.items())},
    }
