"""Multilingual lexicon: free text in any supported language → occupation, skill and education concepts.

Built from whatever labels the reference data holds (sv/en/ar today, more locales when a
``labels_*.csv.gz`` arrives), ESCO labels followed to JobTech concepts, and the hand-written cue
lexicon ``data/cues.csv`` (everyday words in all seven languages → SSYK-4 groups). Matching works on
folded words (matching/text.py) with light morphology: inflection suffixes, Arabic proclitics
(و ف ب ل ك ال), and word-internal cues for compounds and agglutinating scripts.
"""
from __future__ import annotations

import csv
import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from matching.arabizi import ArabiziReader, is_arabizi
from matching.taxonomy import DATA_DIR, ReferenceData
from matching.text import words

CUES_FILE = DATA_DIR / "cues.csv"
EDUCATION_LEVELS = ("basic", "secondary", "higher")  # coarse levels the education block compares

_ESCO_WEIGHT = {"esco_exact": 0.9, "esco_close": 0.7, "esco_narrow": 0.6, "esco_broad": 0.5}
_MAX_TARGETS = {1: 8, 2: 20}  # a label naming more concepts than this says too little to keep
_MIN_SINGLE_WORD = 4  # single-word labels shorter than this are too ambiguous across languages
_INFLECTION = 3  # letters a label word may grow by (Swedish -en/-na/-erna, English -s, Arabic -ات)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال")
_PARENS = re.compile(r"\([^)]*\)")
_LATIN = re.compile(r"^[a-z]+$")

Rule = tuple[str, str]  # (kind, word): kind is exact | inflect | prefix | infix
Target = tuple[str, str]  # (type, id): type is occupation | group | skill | education


@dataclass
class Understanding:
    """Concepts read from one text, each with a weight in (0, 1]."""

    occupations: dict[str, float] = field(default_factory=dict)
    groups: dict[str, float] = field(default_factory=dict)  # SSYK-4 concept ids
    skills: dict[str, float] = field(default_factory=dict)
    education: dict[str, float] = field(default_factory=dict)
    # unpaid and informal experience (matching/informal.py): category → strength, and the SSYK-4 groups it
    # leads to (kept apart from ``groups`` so that it is never mistaken for a job the person had)
    informal: dict[str, float] = field(default_factory=dict)
    informal_groups: dict[str, float] = field(default_factory=dict)
    # occupations and groups read from clauses that state a wish ("I want to work in elderly care")
    wanted: dict[str, float] = field(default_factory=dict)

    def by_type(self, type_: str) -> dict[str, float]:
        return {"occupation": self.occupations, "group": self.groups, "skill": self.skills,
                "education": self.education}[type_]


def _variants(token: str) -> tuple[str, ...]:
    """The token and, for Arabic script, the token without its proclitics."""
    if not _ARABIC.search(token):
        return (token,)
    found = [token]
    stem = token[1:] if token[:1] in ("و", "ف") and len(token) > 4 else token
    if stem != token:
        found.append(stem)
    for pre in _PROCLITICS:
        if stem.startswith(pre) and len(stem) - len(pre) >= 3:
            found.append(stem[len(pre):])
            break
    else:
        if stem[:1] in ("ب", "ل", "ك") and len(stem) >= 5:
            found.append(stem[1:])
    return tuple(dict.fromkeys(found))


def _rule_matches(rule: Rule, variants: tuple[str, ...]) -> bool:
    kind, w = rule
    for v in variants:
        if kind == "exact" and v == w:
            return True
        if kind == "inflect" and v.startswith(w) and len(v) - len(w) <= _INFLECTION:
            return True
        if kind == "prefix" and v.startswith(w):
            return True
        if kind == "infix" and w in v:
            return True
    return False


def _parse_pattern(pattern: str) -> tuple[Rule, ...] | None:
    """'lager*' → prefix, '*städ*' → infix, '=vakt' → exact, 'kock' → inflect (see data/cues.csv)."""
    rules = []
    for raw in pattern.split():
        exact = raw.startswith("=")
        raw = raw.lstrip("=")
        lead, trail = raw.startswith("*"), raw.endswith("*")
        parts = words(raw.strip("*"))
        if not parts:
            continue
        for i, w in enumerate(parts):
            first, last = i == 0, i == len(parts) - 1
            if lead and first:
                kind = "infix"
            elif trail and last:
                kind = "prefix"
            elif exact or len(w) < _MIN_SINGLE_WORD:
                kind = "exact"
            else:
                kind = "inflect"
            rules.append((kind, w))
    return tuple(rules) or None


class Lexicon:
    """Patterns of words → weighted concept targets, and a fast scan of texts for them.

    Parameters
    ----------
    entries : iterable of (rules, {target: weight})
        Each pattern's word rules and the concepts it points at.
    """

    def __init__(self, entries: Iterable[tuple[tuple[Rule, ...], dict[Target, float]]]):
        merged: dict[tuple[Rule, ...], dict[Target, float]] = {}
        for rules, targets in entries:
            slot = merged.setdefault(rules, {})
            for t, w in targets.items():
                slot[t] = max(slot.get(t, 0.0), w)
        self.patterns: list[tuple[tuple[Rule, ...], dict[Target, float]]] = list(merged.items())
        self._first: dict[str, dict[str, list[int]]] = {k: defaultdict(list) for k in
                                                         ("exact", "inflect", "prefix", "infix")}
        for pid, (rules, _) in enumerate(self.patterns):
            kind, w = rules[0]
            self._first[kind][w].append(pid)
        self._max_infix = max((len(w) for w in self._first["infix"]), default=0)
        self._hits = functools.lru_cache(maxsize=500_000)(self._first_hits)
        self._pairs = functools.lru_cache(maxsize=1_000_000)(self._pair_hits)

    # ------------------------------------------------------------------ building
    @classmethod
    def from_reference(cls, ref: ReferenceData, cues: str | Path | None = CUES_FILE) -> Lexicon:
        """Lexicon from every label locale in ``ref`` plus the cue file (None: labels only)."""
        entries: list[tuple[tuple[Rule, ...], dict[Target, float]]] = []
        label_targets: dict[tuple[Rule, ...], dict[Target, float]] = defaultdict(dict)

        def add_label(label: str, target: Target, weight: float):
            for rules in _label_patterns(label):
                slot = label_targets[rules]
                slot[target] = max(slot.get(target, 0.0), weight)

        esco_to_jobtech: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for kind, weight in _ESCO_WEIGHT.items():
            for source, targets in ref.relations.get(kind, {}).items():
                concept = ref.get(source)
                if concept is None or concept.type != "occupation":
                    continue
                for esco, _ in targets:
                    esco_to_jobtech[esco].append((source, weight))

        for cid, per_locale in ref.labels.items():
            concept = ref.get(cid)
            if concept is None:
                continue
            if concept.type in ("occupation", "skill"):
                for labels in per_locale.values():
                    for label in labels:
                        add_label(label, (concept.type, cid), 1.0)
            elif concept.type == "esco_occupation" and cid in esco_to_jobtech:
                for labels in per_locale.values():
                    for label in labels:
                        for occ, weight in esco_to_jobtech[cid]:
                            add_label(label, ("occupation", occ), weight)

        for rules, targets in label_targets.items():
            if len(targets) <= _MAX_TARGETS.get(len(rules), 40):
                n = len(targets)
                entries.append((rules, {t: w / math.sqrt(n) for t, w in targets.items()}))
        if cues is not None:
            entries.extend(_read_cues(Path(cues), ref))
        return cls(entries)

    # ------------------------------------------------------------------ reading texts
    def _first_hits(self, token: str):
        """For one token: summed targets of the one-word patterns it matches, the longer patterns it
        starts (their remaining rules and targets), and its variants (for matching later words)."""
        variants = _variants(token)
        found: list[int] = []
        for v in variants:
            found.extend(self._first["exact"].get(v, ()))
            for cut in range(0, _INFLECTION + 1):
                if len(v) - cut >= 1:
                    found.extend(p for p in self._first["inflect"].get(v[:len(v) - cut], ())
                                 if len(v) - cut >= 1)
            for end in range(1, len(v) + 1):
                found.extend(self._first["prefix"].get(v[:end], ()))
            if self._max_infix:
                for a in range(len(v)):
                    for b in range(a + 1, min(len(v), a + self._max_infix) + 1):
                        found.extend(self._first["infix"].get(v[a:b], ()))
        single: dict[Target, float] = defaultdict(float)
        longer = []
        for pid in sorted(set(found)):
            rules, targets = self.patterns[pid]
            if len(rules) == 1:
                for t, w in targets.items():
                    single[t] += w
            else:
                longer.append((rules[1:], tuple(targets.items())))
        return tuple(single.items()), tuple(longer), variants

    def _pair_hits(self, first: str, second: str):
        """For two tokens in a row: summed targets of the two-word patterns they form, and the longer
        patterns still open after them (remaining rules, targets)."""
        _, longer, _ = self._hits(first)
        variants = self._hits(second)[2]
        done: dict[Target, float] = defaultdict(float)
        still = []
        for tail, targets in longer:
            if _rule_matches(tail[0], variants):
                if len(tail) == 1:
                    for t, w in targets:
                        done[t] += w
                else:
                    still.append((tail[1:], targets))
        return tuple(done.items()), tuple(still)

    @functools.cached_property
    def arabizi(self) -> ArabiziReader:
        """Reads Latin-letter Arabic against the Arabic words of the patterns (built on first use)."""
        return ArabiziReader(w for rules, _ in self.patterns for _, w in rules if _ARABIC.search(w))

    def _arabic_reading(self, token: str, latin_arabic: bool) -> str:
        """An Arabizi word as the Arabic word it stands for; other words unchanged.

        Words with the digits Arabizi uses for letters are always read; plain Latin words only when the
        person writes Arabic (``latin_arabic``) and the word means nothing as it stands.
        """
        if is_arabizi(token) or (latin_arabic and _LATIN.match(token) and len(token) >= 4
                                 and not any(self._hits(token)[:2])):
            return self.arabizi.read(token) or token
        return token

    def scan(self, text: str, latin_arabic: bool = False) -> dict[Target, float]:
        """Summed weight per target over every pattern found in ``text``.

        ``latin_arabic``: the person writes Arabic, so Latin-letter words unknown as such may be Arabizi.
        """
        toks = [self._arabic_reading(t, latin_arabic) for t in words(text)]
        hits = [self._hits(t) for t in toks]
        n = len(toks)
        totals: dict[Target, float] = defaultdict(float)
        for i, (single, longer, _) in enumerate(hits):
            for t, w in single:
                totals[t] += w
            if not longer or i + 1 >= n:
                continue
            done, still = self._pairs(toks[i], toks[i + 1])
            for t, w in done:
                totals[t] += w
            for tail, targets in still:
                if i + 1 + len(tail) >= n or not all(
                        _rule_matches(rule, hits[i + 2 + j][2]) for j, rule in enumerate(tail)):
                    continue
                for t, w in targets:
                    totals[t] += w
        return totals

    def understand(self, texts: Iterable[tuple[str, float]], latin_arabic: bool = False) -> Understanding:
        """Concepts in weighted texts (e.g. experience titles count more than chat); weights saturate at 1."""
        sums: dict[Target, float] = defaultdict(float)
        for text, weight in texts:
            if text:
                for t, w in self.scan(text, latin_arabic).items():
                    sums[t] += weight * w
        out = Understanding()
        for (type_, cid), s in sorted(sums.items()):
            out.by_type(type_)[cid] = 1.0 - math.exp(-s)
        return out


def _label_patterns(label: str) -> list[tuple[Rule, ...]]:
    """Word rules for a taxonomy label and its parts ('Lagerarbetare/Terminalarbetare', 'X, Y')."""
    label = _PARENS.sub(" ", label)
    alternatives = set()
    for part in label.split("/"):
        alternatives.add(part.replace(",", " "))
        if "," in part:
            alternatives.add(part.split(",")[0])
    out = []
    for alt in sorted(alternatives):
        toks = words(alt)
        if not toks or len(toks) > 6 or (len(toks) == 1 and len(toks[0]) < _MIN_SINGLE_WORD):
            continue
        out.append(tuple(("inflect" if len(w) >= _MIN_SINGLE_WORD else "exact", w) for w in toks))
    return out


def _read_cues(path: Path, ref: ReferenceData) -> list[tuple[tuple[Rule, ...], dict[Target, float]]]:
    entries = []
    with open(path, encoding="utf-8", newline="") as f:
        rows = [line for line in f if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(rows):
        targets = []
        for code in row["target"].split("|"):
            if code.startswith("edu:"):
                targets.append(("education", code[4:]))
            elif code.isdigit():
                group = ref.by_code("ssyk4", code)
                if group is not None:
                    targets.append(("group", group.id))
            elif ref.get(code) is not None:
                targets.append(("occupation", code))
        if not targets:
            continue
        for pattern in row["patterns"].split(";"):
            pattern, _, weight = pattern.strip().partition("^")
            rules = _parse_pattern(pattern)
            if rules:
                w = float(weight) if weight else 1.0
                entries.append((rules, {t: w / math.sqrt(len(targets)) for t in targets}))
    return entries


@functools.lru_cache(maxsize=4)
def lexicon_for(ref: ReferenceData) -> Lexicon:
    """The lexicon of a reference data set, built once per process."""
    return Lexicon.from_reference(ref)
