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


# Each informal-work category of the compass set (ICATUS codes) → the Swedish occupation groups (SSYK 2012,
# 4 digits) a caseworker would accept as a fitting first step for someone with that experience. Written for
# Jobbrygga from the category names, not from the cases' texts; check it here.
SWEDISH_GROUPS = {
    "cooking meals": ("5120", "9412", "9411", "9413", "3452", "7612"),
    # kockar, restaurang- och köksbiträden, pizzabagare, kafébiträden, storhushåll, bagare
    "cleaning or gardening": ("9111", "9119", "9120", "6113", "9210", "5152", "9610", "9622"),
    # städare, hemservice, fönsterputsare, trädgårdsanläggare, plantörer, fastighetsskötare, återvinning, vaktmästare
    "fixing or building things": ("5152", "9310", "7111", "7119", "7131", "7231", "7233", "7411", "7420", "7125",
                                  "9622"),
    # fastighetsskötare, grovarbetare, snickare, övriga bygg, målare, fordonsmekaniker, underhåll, elektriker,
    # elektronikreparatörer, VVS, vaktmästare
    "washing or fixing clothes": ("7531", "7532", "7534", "8151", "9119", "9111"),
    # skräddare, sömmare, skomakare, tvätteri, hemservice, städare
    "caring for and teaching children": ("5311", "5312", "5325", "2343", "2342", "9119", "3423"),
    # barnskötare, elevassistenter, barnsköterskor, förskollärare, fritidspedagoger, barnvakt, fritidsledare
    "caring for adults who are sick": ("5321", "5330", "5343", "5323", "5342", "5349", "5341"),
    "caring for adults who are not sick": ("5321", "5330", "5343", "5342", "9119"),
    "accompanying own children and/or dependent adults": ("5343", "5311", "9119", "5321", "5330"),
    "helping": ("5343", "5330", "5321", "9119", "3423", "9629"),
    "cleaning or fixing roads or buildings": ("9310", "9111", "9610", "5152", "7114", "7119"),
    "helping with sports, music or other cultural activities": ("3423", "3422", "3439", "3449"),
    "helping administrative/office work": ("4119", "4111", "4222", "4225", "4113"),
    "caring for and teaching children in the community": ("5311", "5312", "3423", "2343", "2342", "9119"),
}
# ICATUS codes of the compass set → category above (I51xx/I52x are the same work for others or as a volunteer)
ICATUS_CATEGORY = {
    "I31_0": "cooking meals", "I5131_0": "cooking meals", "I52_2": "cooking meals",
    "I32_0": "cleaning or gardening", "I5132_0": "cleaning or gardening",
    "I33_0": "fixing or building things", "I5133_0": "fixing or building things",
    "I34_0": "washing or fixing clothes", "I5134_0": "washing or fixing clothes",
    "I41_0": "caring for and teaching children", "I5141_0": "caring for and teaching children",
    "I42_0": "caring for adults who are sick", "I5142_0": "caring for adults who are sick",
    "I43_0": "caring for adults who are not sick", "I5143_0": "caring for adults who are not sick",
    "I44_0": "accompanying own children and/or dependent adults",
    "I51_5": "helping", "I52_1": "cleaning or fixing roads or buildings",
    "I52_3": "helping with sports, music or other cultural activities",
    "I52_4": "helping administrative/office work",
    "I52_5": "caring for and teaching children in the community",
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

    def rank(self, title: str, responsibilities: list[str], k: int = 5, unpaid: bool = False) -> list[str]:
        """The k best JobTech occupations for an experience; ``unpaid``: the entry is unpaid work (as a form asks)."""
        from matching.features import _with_informal
        from matching.schema import Seeker

        person = Seeker(id="case", about=" ".join(responsibilities),
                        experience=({"title": title, "tasks": " ".join(responsibilities), "unpaid": unpaid},))
        u = self.features.understand_seeker(person)
        vector = self.block.transform([self.features.occupation_features(u.occupations, _with_informal(u))])
        if not vector.nnz:
            return []
        scores = (vector @ self.matrix).toarray().ravel()
        top = np.flatnonzero(scores > 0)
        top = top[np.lexsort((top, -scores[top]))][:k]
        return [self.occupations[i] for i in top]

    def groups_in_order(self, occupations: list[str]) -> list[str]:
        """SSYK-4 codes of ranked occupations, each once, in the order first reached."""
        out: list[str] = []
        for occupation in occupations:
            code = _group_code(self.reference, occupation)
            if code and code not in out:
                out.append(code)
        return out


def _group_code(reference, occupation: str) -> str | None:
    group = reference.ancestor_of_type(occupation, "ssyk4")
    return group.code if group is not None else None


def evaluate(path: str, k: int = 5, reference=None) -> dict:
    ranker = OccupationRanker(reference)
    cases = read_cases(path)
    strict = group = reachable = reachable_hits = 0
    per_code: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_category: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # hits@1, hits@3, cases
    read_as: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # category → first group → cases
    for case in cases:
        expected = {e["code"] for e in case.get("expected_occupations_found") or ()}
        unpaid = str(case.get("given_work_type") or "").lower().startswith("unpaid")
        title, tasks = case.get("given_experience_title") or "", case.get("given_responsibilities") or []
        top = ranker.rank(title, tasks, k, unpaid=unpaid)
        categories = {ICATUS_CATEGORY[e] for e in expected if e in ICATUS_CATEGORY}
        if categories:
            groups = ranker.groups_in_order(ranker.rank(title, tasks, 50, unpaid=unpaid))
            for category in categories:
                right = SWEDISH_GROUPS[category]
                slot = per_category[category]
                slot[0] += bool(groups[:1]) and groups[0] in right
                slot[1] += any(g in right for g in groups[:3])
                slot[2] += 1
                read_as[category][groups[0] if groups else "-"] += 1
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
    informal_cases = sum(v[2] for v in per_category.values())
    return {
        "cases": n, "k": k,
        f"accuracy@{k}": round(strict / n, 4) if n else None, "hits": strict,
        "cases_with_esco_code_in_reference": reachable,
        f"accuracy@{k}_on_those": round(reachable_hits / reachable, 4) if reachable else None,
        f"isco_group_accuracy@{k}": round(group / n, 4) if n else None,
        "per_expected_code": {c: f"{h}/{t}" for c, (h, t) in sorted(per_code.items())},
        # informal work read against Swedish occupation groups (SWEDISH_GROUPS above): accuracy of the first
        # SSYK-4 group and of the first three, and which group came first how often
        "informal_work_swedish_groups": {
            category: {"cases": n_, "acc@1": round(h1 / n_, 4), "acc@3": round(h3 / n_, 4),
                       "first_group": dict(sorted(read_as[category].items(), key=lambda kv: (-kv[1], kv[0]))),
                       "accepted": list(SWEDISH_GROUPS[category])}
            for category, (h1, h3, n_) in sorted(per_category.items())},
        "informal_work_overall": {
            "cases": informal_cases,
            "acc@1": round(sum(v[0] for v in per_category.values()) / max(1, informal_cases), 4),
            "acc@3": round(sum(v[1] for v in per_category.values()) / max(1, informal_cases), 4)},
    }
