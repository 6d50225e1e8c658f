"""Reference data for matching: JobTech/ESCO concepts, labels, relations, geography and ads.

Pure Python (standard library only); reads the compact files in ``matching/data`` that
``python -m matching.data.build`` writes. Nothing here reads the shared raw data.

    from matching.taxonomy import reference_data
    ref = reference_data()                      # loaded once per process
    ref.label("UVrW_krj_vk8", "en")             # preferred label, falls back to sv, en, id
    ref.distance_km("1980", "0484")             # Västerås–Eskilstuna, km between seats
    ref.skills_for_occupation("UVrW_krj_vk8")   # skill ids of its SSYK-4 group

Concept ids: JobTech concept ids for JobTech concepts, 4-digit SCB codes for municipalities,
2-digit codes for counties, URIs for ESCO concepts. See ``matching/data/README.md``.
"""
from __future__ import annotations

import csv
import functools
import gzip
import io
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from matching.text import normalise

DATA_DIR = Path(__file__).resolve().parent / "data"
EARTH_RADIUS_KM = 6371.0  # same as the benchmark (shared/eval/common.py)

_EMPTY: frozenset = frozenset()


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    type: str
    code: str
    parent_id: str | None
    lat: float | None
    lon: float | None
    flags: frozenset = _EMPTY


def _open_csv(path: Path) -> Iterator[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)  # header
        yield from reader


_SV_ORDER = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "é": "e", "è": "e",
                           "ü": "y", "á": "a", "à": "a", "í": "i", "ó": "o", "ú": "u", "ç": "c"})


def swedish_sort_key(text: str) -> str:
    """Sort key putting å, ä, ö after z, as in Swedish."""
    return text.casefold().translate(_SV_ORDER)


def _locale_key(locale: str) -> str:
    return locale.replace("-", "_")


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


class ReferenceData:
    """All reference data in memory.

    Attributes:
        concepts: id -> Concept
        labels: concept id -> locale -> labels, the preferred one first (when there is one)
        relations: kind -> source id -> [(target id, weight)]
        postal_codes: 5-digit postal code -> 4-digit municipality code
    """

    def __init__(self, concepts, labels, preferred, unreviewed, relations, postal_codes, path):
        self.concepts: dict[str, Concept] = concepts
        self.labels: dict[str, dict[str, list[str]]] = labels
        self.relations: dict[str, dict[str, list[tuple[str, float]]]] = relations
        self.postal_codes: dict[str, str] = postal_codes
        self.path = Path(path)
        self._preferred: set[tuple[str, str]] = preferred  # (concept id, locale) with a preferred label
        self._unreviewed: set[tuple[str, str, str]] = unreviewed
        self._by_type: dict[str, list[Concept]] = {}
        self._by_code: dict[tuple[str, str], Concept] = {}
        self._reverse: dict[str, dict[str, list[tuple[str, float]]]] = {}
        self._municipality_names: dict[str, str] | None = None

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | Path | None = None) -> ReferenceData:
        """Read the data folder (default: the package's ``matching/data``).

        Besides ``labels.csv.gz`` every other ``labels*.csv.gz`` in the folder is read too (in name
        order), e.g. a file of unreviewed translations; earlier files win for the preferred label.
        """
        root = Path(path) if path is not None else DATA_DIR

        concepts: dict[str, Concept] = {}
        flag_sets: dict[str, frozenset] = {"": _EMPTY}
        for cid, type_, code, parent, lat, lon, flags in _open_csv(root / "concepts.csv.gz"):
            fs = flag_sets.get(flags)
            if fs is None:
                fs = flag_sets[flags] = frozenset(flags.split("|"))
            concepts[cid] = Concept(cid, type_, code, parent or None,
                                    float(lat) if lat else None, float(lon) if lon else None, fs)

        labels: dict[str, dict[str, list[str]]] = {}
        preferred: set[tuple[str, str]] = set()
        unreviewed: set[tuple[str, str, str]] = set()
        label_files = [root / "labels.csv.gz"] + sorted(
            p for p in root.glob("labels*.csv.gz") if p.name != "labels.csv.gz")
        for file in label_files:
            for cid, locale, label, pref, reviewed in _open_csv(file):
                locale = _locale_key(locale)
                per = labels.get(cid)
                if per is None:
                    per = labels[cid] = {}
                lst = per.get(locale)
                if lst is None:
                    lst = per[locale] = []
                key = (cid, locale)
                if pref == "1" and key not in preferred:
                    preferred.add(key)
                    if label in lst:
                        lst.remove(label)
                    lst.insert(0, label)
                elif label not in lst:
                    lst.append(label)
                if reviewed != "1":
                    unreviewed.add((cid, locale, label))

        relations: dict[str, dict[str, list[tuple[str, float]]]] = {}
        for source, target, kind, weight in _open_csv(root / "relations.csv.gz"):
            by_source = relations.get(kind)
            if by_source is None:
                by_source = relations[kind] = {}
            lst = by_source.get(source)
            if lst is None:
                lst = by_source[source] = []
            lst.append((target, 1.0 if weight == "1" else float(weight)))

        postal_codes = dict(_open_csv(root / "postal_codes.csv.gz"))
        return cls(concepts, labels, preferred, unreviewed, relations, postal_codes, root)

    # ------------------------------------------------------------------ labels
    def label(self, concept_id: str, locale: str = "sv", fallback: Iterable[str] = ("sv", "en"),
              alternatives: bool = False) -> str:
        """Preferred label in ``locale``, else in the first ``fallback`` locale that has one, else the id.

        With ``alternatives=True`` a locale without a preferred label but with other labels (e.g. the
        English name of a close ESCO match) answers with its first label before falling back.
        """
        per = self.labels.get(concept_id)
        if not per:
            return concept_id
        for loc in (locale, *fallback):
            loc = _locale_key(loc)
            lst = per.get(loc)
            if lst and ((concept_id, loc) in self._preferred or alternatives):
                return lst[0]
        return concept_id

    def labels_for(self, concept_id: str, locale: str) -> list[str]:
        """All labels of a concept in a locale, preferred first; [] when none."""
        return list(self.labels.get(concept_id, {}).get(_locale_key(locale), ()))

    def is_reviewed(self, concept_id: str, locale: str, label: str) -> bool:
        """False for labels from a file marked reviewed=0 (e.g. machine translations)."""
        return (concept_id, _locale_key(locale), label) not in self._unreviewed

    # ------------------------------------------------------------------ concepts
    def get(self, concept_id: str) -> Concept | None:
        return self.concepts.get(concept_id)

    def of_type(self, type_: str) -> list[Concept]:
        """Concepts of one type, sorted by Swedish label (Swedish alphabet order)."""
        found = self._by_type.get(type_)
        if found is None:
            found = [c for c in self.concepts.values() if c.type == type_]
            found.sort(key=lambda c: (swedish_sort_key(self.label(c.id, "sv")), c.id))
            self._by_type[type_] = found
        return list(found)

    def by_code(self, type_: str, code: str) -> Concept | None:
        """A concept by its code, e.g. ("language", "ar"), ("driving_licence", "B"), ("ssyk4", "5321")."""
        if not self._by_code:
            for c in self.concepts.values():
                if c.code:
                    self._by_code.setdefault((c.type, c.code.casefold()), c)
        return self._by_code.get((type_, (code or "").casefold()))

    def ancestors(self, concept_id: str) -> list[Concept]:
        """Parent, grandparent, … (e.g. occupation → ssyk4, ssyk3, ssyk2, ssyk1)."""
        out: list[Concept] = []
        seen = {concept_id}
        c = self.concepts.get(concept_id)
        while c is not None and c.parent_id and c.parent_id not in seen:
            seen.add(c.parent_id)
            c = self.concepts.get(c.parent_id)
            if c is None:
                break
            out.append(c)
        return out

    def ancestor_of_type(self, concept_id: str, type_: str) -> Concept | None:
        c = self.concepts.get(concept_id)
        if c is not None and c.type == type_:
            return c
        return next((a for a in self.ancestors(concept_id) if a.type == type_), None)

    # ------------------------------------------------------------------ geography
    def distance_km(self, mun_a: str | None, mun_b: str | None) -> float | None:
        """Great-circle km between two municipalities' seats; 0 for the same one; None if unknown."""
        if not mun_a or not mun_b:
            return None
        if mun_a == mun_b:
            return 0.0 if mun_a in self.concepts else None
        a, b = self.concepts.get(mun_a), self.concepts.get(mun_b)
        if a is None or b is None or a.lat is None or b.lat is None:
            return None
        return haversine_km((a.lat, a.lon), (b.lat, b.lon))

    def municipality_by_name(self, name: str) -> str | None:
        """'Västerås', 'västerås kommun' or 'Vasteras' -> '1980'; None when unknown or empty."""
        key = normalise(name).removesuffix(" kommun").strip()
        if not key:
            return None
        index = self._municipality_names
        if index is None:
            index = {}
            for concept in self.of_type("municipality"):
                for labels in self.labels.get(concept.id, {}).values():
                    for label in labels:
                        index.setdefault(normalise(label).removesuffix(" kommun").strip(), concept.id)
            self._municipality_names = index
        return index.get(key)

    def municipality_for_postal_code(self, postal_code: str) -> str | None:
        """'722 14' or '72214' -> '1980'; None when unknown."""
        return self.postal_codes.get("".join(str(postal_code or "").split()))

    # ------------------------------------------------------------------ relations
    def related(self, concept_id: str, kind: str) -> list[tuple[str, float]]:
        return list(self.relations.get(kind, {}).get(concept_id, ()))

    def skills_for_occupation(self, occ_id: str) -> list[str]:
        """Skill ids JobTech relates to the occupation's SSYK-4 group (an ssyk4 id works too)."""
        group = self.ancestor_of_type(occ_id, "ssyk4")
        if group is None:
            return []
        return [t for t, _ in self.relations.get("skill", {}).get(group.id, ())]

    def substitutes(self, occ_id: str, min_weight: float = 0.0) -> list[tuple[str, float]]:
        """Occupations whose work people from ``occ_id`` can do, as (id, weight 0.25/0.75), best first.

        This is JobTech's "occ_id substitutes X" (equivalently "X substituted_by occ_id").
        """
        found = [(t, w) for t, w in self.relations.get("substitutable", {}).get(occ_id, ()) if w >= min_weight]
        found.sort(key=lambda tw: (-tw[1], tw[0]))
        return found

    def substituted_by(self, occ_id: str, min_weight: float = 0.0) -> list[tuple[str, float]]:
        """Occupations whose people can do the work of ``occ_id`` (the reverse of ``substitutes``)."""
        rev = self._reverse.get("substitutable")
        if rev is None:
            rev = {}
            for src, targets in self.relations.get("substitutable", {}).items():
                for t, w in targets:
                    rev.setdefault(t, []).append((src, w))
            self._reverse["substitutable"] = rev
        found = [(s, w) for s, w in rev.get(occ_id, ()) if w >= min_weight]
        found.sort(key=lambda sw: (-sw[1], sw[0]))
        return found


@functools.lru_cache(maxsize=1)
def reference_data() -> ReferenceData:
    """The package's reference data, loaded once per process."""
    return ReferenceData.load()


def iter_platsbanken_ads(path: str | Path | None = None) -> Iterator[dict]:
    """The 85 real Platsbanken ads as benchmark opportunity records (plus source fields)."""
    file = Path(path) if path is not None else DATA_DIR / "platsbanken_ads.jsonl.gz"
    with gzip.open(file, "rb") as raw, io.TextIOWrapper(raw, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
