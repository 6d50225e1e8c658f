"""Unpaid and informal experience: caring, cooking, cleaning, growing, sewing, fixing and helping without a job title.

Many newcomers have years of such work at home, for family or in their community. It is read from the
person's texts (``data/informal.csv``, all seven languages) as *categories* of experience, each leading
to the formal occupations (SSYK-4 groups) a caseworker would point to. A category counts only where the
same text also says the work was done at home, for family, for neighbours or as a volunteer (a ``context``
word), or where the experience entry is marked unpaid (``{"title": ..., "unpaid": true}``). It is never
turned into years of formal employment: it only adds occupation evidence (weaker than a job title) and
a reason code (``informal_experience`` in the explanation), so the page can say "You have cared for
children at home — barnskötare builds on that".
"""
from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from matching.lexicon import Lexicon, Rule, Target, _parse_pattern
from matching.taxonomy import DATA_DIR, ReferenceData

INFORMAL_FILE = DATA_DIR / "informal.csv"

# category → (what the person did, in plain English for documentation; SSYK-4 groups it leads to, first = closest)
CATEGORIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "children": ("cared for children", ("5311", "9119", "5312")),  # barnskötare, barnvakt, elevassistent
    "sick": ("cared for someone who was sick or disabled", ("5343", "5330", "5321")),  # personlig assistent
    "elderly": ("cared for old people", ("5321", "5330", "5343")),  # undersköterska hemtjänst, vårdbiträde
    "cooking": ("cooked for many", ("9412", "5120", "9411")),  # restaurang- och köksbiträde, kock
    "cleaning": ("cleaned a home", ("9111", "9119")),  # städare, hemservice
    "gardening": ("kept a garden or grew food", ("6113", "9210", "5152")),  # trädgårdsanläggare
    "clothes": ("washed, sewed or mended clothes", ("7532", "7531", "8151")),  # sömmare, skräddare, tvätteri
    "fixing": ("fixed and built things", ("5152", "9310", "7111")),  # fastighetsskötare, grovarbetare, snickare
    "vehicles": ("repaired vehicles", ("7231",)),  # fordonsmekaniker
    "community": ("helped in the community", ("5343", "3423", "9119")),  # personlig assistent, fritidsledare
    "sports_culture": ("helped with sports, music or culture", ("3423", "3422")),  # fritidsledare, tränare
    "office": ("helped with papers and office work", ("4119", "4222")),  # kontorsassistent, kundtjänst
}
CONTEXT = "context"
# informal evidence is weaker than a job title: the closest group gets this share, the others less
FIRST_GROUP_WEIGHT = 0.7
OTHER_GROUP_WEIGHT = 0.45
MIN_STRENGTH = 0.3  # a category read with less than this is not claimed as experience


def _read(path: Path) -> list[tuple[tuple[Rule, ...], dict[Target, float]]]:
    import csv

    with open(path, encoding="utf-8", newline="") as f:
        rows = [line for line in f if line.strip() and not line.startswith("#")]
    entries = []
    for row in csv.DictReader(rows):
        category = row["category"].strip()
        if category != CONTEXT and category not in CATEGORIES:
            raise ValueError(f"{path.name}: unknown category {category!r}")
        for pattern in row["patterns"].split(";"):
            pattern, _, weight = pattern.strip().partition("^")
            rules = _parse_pattern(pattern)
            if rules:
                entries.append((rules, {("informal", category): float(weight) if weight else 1.0}))
    return entries


class InformalReader:
    """Reads categories of unpaid and informal experience from a person's texts.

    Parameters
    ----------
    reference : ReferenceData
        To turn SSYK-4 codes into group ids.
    path : path, optional
        The pattern file (default ``data/informal.csv``).
    """

    def __init__(self, reference: ReferenceData, path: str | Path = INFORMAL_FILE):
        self.lexicon = Lexicon(_read(Path(path)))
        self.groups: dict[str, tuple[str, ...]] = {}
        for category, (_, codes) in CATEGORIES.items():
            found = [reference.by_code("ssyk4", code) for code in codes]
            self.groups[category] = tuple(g.id for g in found if g is not None)
        self.categories_of_group: dict[str, tuple[str, ...]] = {}
        by_group = defaultdict(list)
        for category, groups in self.groups.items():
            for g in groups:
                by_group[g].append(category)
        self.categories_of_group = {g: tuple(cs) for g, cs in by_group.items()}

    def read(self, segments: Iterable[tuple[str, bool]], latin_arabic: bool = False) -> dict[str, float]:
        """Category → strength in (0, 1] over texts, each with whether it is known to be unpaid work."""
        sums: dict[str, float] = defaultdict(float)
        for text, unpaid in segments:
            if not text:
                continue
            found = self.lexicon.scan(text, latin_arabic)
            if not unpaid and found.get(("informal", CONTEXT), 0.0) <= 0:
                continue
            for (_, category), w in found.items():
                if category != CONTEXT:
                    sums[category] += w
        out = {}
        for category, s in sorted(sums.items()):
            strength = 1.0 - math.exp(-s)
            if strength >= MIN_STRENGTH:
                out[category] = round(strength, 4)
        return out

    def group_weights(self, categories: dict[str, float]) -> dict[str, float]:
        """SSYK-4 group id → weight of the occupation evidence the categories give."""
        out: dict[str, float] = {}
        for category, strength in categories.items():
            for i, g in enumerate(self.groups.get(category, ())):
                w = strength * (FIRST_GROUP_WEIGHT if i == 0 else OTHER_GROUP_WEIGHT)
                out[g] = max(out.get(g, 0.0), w)
        return out


@functools.lru_cache(maxsize=4)
def informal_reader_for(reference: ReferenceData) -> InformalReader:
    """The reader of a reference data set, built once per process."""
    return InformalReader(reference)
