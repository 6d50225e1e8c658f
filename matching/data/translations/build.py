"""Build ``matching/data/labels_translated.csv.gz`` and ``COVERAGE.md`` from the hand-written CSVs.

    .venv/bin/python -m matching.data.translations.build

Input: ``matching/data/translations/<locale>.csv`` (columns ``concept_id,label,synonyms``, synonyms
``|``-joined), one per locale: so, ti, fa_AF, uk, ar. Everything in them was written by hand, not
yet reviewed by a native speaker: ``reviewed=0``.

Languages (every ``language`` concept with a two-letter code) also get their name from CLDR via
Babel (``babel.Locale.parse(locale).languages``; fa_AF falls back to fa): published data, so the
CLDR name is the preferred label with ``reviewed=1``.

Published labels keep priority: where a concept already has a preferred label in the locale (a CLDR
language name, or a published label in ``labels.csv.gz`` such as the ESCO Arabic occupation labels),
the CSV row's label and synonyms are written as non-preferred alternatives (``preferred=0``), e.g.
everyday Arabic words next to a formal ESCO title. Otherwise the CSV label is the preferred label.

Output columns ``concept_id,locale,label,preferred,reviewed`` (preferred=1 for the label, 0 for
synonyms), sorted by concept id, locale, preferred first, then the order in the CSV; gzip with
mtime=0, so the same input gives the same bytes.
"""
from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

from babel import Locale

from matching.taxonomy import DATA_DIR, ReferenceData

from .select import TYPES, base_reference, published_preferred, selection

HERE = Path(__file__).resolve().parent
LOCALES = ("so", "ti", "fa_AF", "uk", "ar")
LOCALE_NAMES = {"so": "Somali", "ti": "Tigrinya", "fa_AF": "Dari (Afghan Persian)", "uk": "Ukrainian",
                "ar": "Arabic"}
CLDR_FALLBACK = {"fa_AF": ("fa_AF", "fa")}
OUTPUT = DATA_DIR / "labels_translated.csv.gz"
COVERAGE = HERE / "COVERAGE.md"
HEADER = ["concept_id", "label", "synonyms"]


class SourceError(ValueError):
    pass


def read_locale_csv(path: Path) -> dict[str, tuple[str, list[str]]]:
    """concept id -> (label, [synonyms]) from one hand-written locale file (strict)."""
    out: dict[str, tuple[str, list[str]]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != HEADER:
            raise SourceError(f"{path.name}: header must be {','.join(HEADER)}, got {header}")
        for n, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) != 3:
                raise SourceError(f"{path.name}:{n}: expected 3 columns, got {len(row)}")
            cid, label, synonyms = (cell.strip() for cell in row)
            if not cid or not label:
                raise SourceError(f"{path.name}:{n}: empty concept_id or label")
            if cid in out:
                raise SourceError(f"{path.name}:{n}: duplicate concept_id {cid}")
            out[cid] = (" ".join(label.split()), [" ".join(s.split()) for s in synonyms.split("|") if s.strip()])
    return out


def write_locale_csv(path: Path, rows: dict[str, tuple[str, list[str]]]) -> None:
    """Write a locale file in its canonical form (sorted by concept id)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for cid in sorted(rows):
        label, synonyms = rows[cid]
        w.writerow([cid, label, "|".join(synonyms)])
    path.write_text(buf.getvalue(), encoding="utf-8")


def cldr_language_names(ref: ReferenceData, language_ids: list[str], locale: str) -> dict[str, str]:
    names: dict[str, str] = {}
    tables = [Locale.parse(loc).languages for loc in CLDR_FALLBACK.get(locale, (locale,))]
    for cid in language_ids:
        code = ref.get(cid).code
        for table in tables:
            name = table.get(code)
            if name:
                names[cid] = name
                break
    return names


def build_rows(ref: ReferenceData, sel: dict[str, list[str]]) -> list[tuple[str, str, str, int, int]]:
    rows: list[tuple[str, str, str, int, int, int]] = []  # + order within (concept, locale)
    for locale in LOCALES:
        source = read_locale_csv(HERE / f"{locale}.csv")
        unknown = sorted(cid for cid in source if ref.get(cid) is None)
        if unknown:
            raise SourceError(f"{locale}.csv: unknown concept ids {unknown[:5]}")
        cldr = cldr_language_names(ref, sel["language"], locale)
        published = published_preferred(locale)
        for cid in sorted(set(source) | set(cldr)):
            labels: list[tuple[str, int, int]] = []  # (label, preferred, reviewed)
            if cid in cldr:
                labels.append((cldr[cid], 1, 1))
            if cid in source:
                label, synonyms = source[cid]
                has_preferred = cid in cldr or cid in published
                labels.append((label, 0 if has_preferred else 1, 0))
                labels += [(s, 0, 0) for s in synonyms]
            seen: set[str] = set()
            for order, (text, preferred, reviewed) in enumerate(labels):
                key = text.casefold()
                if key in seen:
                    continue
                seen.add(key)
                rows.append((cid, locale, text, preferred, reviewed, order))
    rows.sort(key=lambda r: (r[0], r[1], -r[3], r[5]))
    return [r[:5] for r in rows]


def write_output(rows, path: Path = OUTPUT) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["concept_id", "locale", "label", "preferred", "reviewed"])
    w.writerows(rows)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                                 compresslevel=9) as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def coverage_markdown(ref: ReferenceData, sel: dict[str, list[str]], rows) -> str:
    labelled: dict[str, set[str]] = {loc: set() for loc in LOCALES}  # any label from this build
    counts: dict[str, list[int]] = {loc: [0, 0] for loc in LOCALES}  # preferred, alternatives
    cldr_rows: dict[str, int] = {loc: 0 for loc in LOCALES}
    for cid, locale, _label, pref, reviewed in rows:
        counts[locale][0 if pref else 1] += 1
        labelled[locale].add(cid)
        if reviewed:
            cldr_rows[locale] += 1
    all_occ = {c.id for c in ref.of_type("occupation")}
    all_skill = {c.id for c in ref.of_type("skill")}
    published = {loc: published_preferred(loc) for loc in LOCALES}
    sel_sets = {t: set(ids) for t, ids in sel.items()}

    def pct(part: int, whole: int) -> str:
        return f"{100 * part / whole:.1f} %" if whole else "–"

    lines = [
        "# Translated taxonomy labels: coverage",
        "",
        "Generated by `python -m matching.data.translations.build`; do not edit by hand.",
        "",
        "> **Not yet reviewed by a native speaker.** Every label in `so.csv`, `ti.csv`, `fa_AF.csv`, "
        "`uk.csv` and `ar.csv` was written by hand by a non-native terminologist and carries "
        "`reviewed=0` in `labels_translated.csv.gz`. Only the language names taken from CLDR (via Babel) "
        "are published data (`reviewed=1`). Please have a native speaker check each file (fix a row, "
        "keep the columns) before the labels are shown as authoritative.",
        "",
        "## Selection",
        "",
        "Chosen by `matching/data/translations/select.py` (deterministic; see its docstring):",
        "",
        "| type | selected | of all | share |",
        "|---|---|---|---|",
    ]
    totals = {"occupation": len(all_occ), "skill": len(all_skill),
              "driving_licence": len(ref.of_type("driving_licence")), "language": len(ref.of_type("language"))}
    for t in TYPES:
        lines.append(f"| {t} | {len(sel[t])} | {totals[t]} | {pct(len(sel[t]), totals[t])} |")
    flagged = [c.id for c in ref.of_type("occupation") if "no_education_requirement" in c.flags]
    lines += [
        "",
        f"Occupations include all {len(flagged)} flagged `no_education_requirement`.",
        "",
        "## Selected concepts with a label in labels_translated.csv.gz",
        "",
        "| locale | occupations | skills | driving licences | languages | preferred labels | alternatives "
        "| of which CLDR (reviewed) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for loc in LOCALES:
        cells = [f"{len(labelled[loc] & sel_sets[t])} / {len(sel[t])}" for t in TYPES]
        lines.append(f"| {loc} ({LOCALE_NAMES[loc]}) | " + " | ".join(cells)
                     + f" | {counts[loc][0]} | {counts[loc][1]} | {cldr_rows[loc]} |")
    ar_kept = len(sel_sets["occupation"] & published["ar"])
    lines += [
        "",
        f"`ar`: {ar_kept} of the selected occupations already have a published Arabic (ESCO) label, which "
        "stays the preferred label; for them `ar.csv` adds everyday Arabic words as alternatives "
        "(`preferred=0`). All other labels in the table are preferred labels.",
        "",
        "## Share of all occupations and skills with a label in the locale",
        "",
        "| locale | occupations (this file) | occupations (with published labels) "
        "| skills (this file) | skills (with published labels) |",
        "|---|---|---|---|---|",
    ]
    for loc in LOCALES:
        occ_here = len(labelled[loc] & all_occ)
        skill_here = len(labelled[loc] & all_skill)
        occ_total = len((labelled[loc] | published[loc]) & all_occ)
        skill_total = len((labelled[loc] | published[loc]) & all_skill)
        lines.append(
            f"| {loc} | {occ_here} / {len(all_occ)} ({pct(occ_here, len(all_occ))}) "
            f"| {occ_total} / {len(all_occ)} ({pct(occ_total, len(all_occ))}) "
            f"| {skill_here} / {len(all_skill)} ({pct(skill_here, len(all_skill))}) "
            f"| {skill_total} / {len(all_skill)} ({pct(skill_total, len(all_skill))}) |")
    lines += [
        "",
        "## How to review or extend",
        "",
        "- Edit `<locale>.csv` (UTF-8, `concept_id,label,synonyms`, synonyms `|`-joined, sorted by "
        "concept id), then run `.venv/bin/python -m matching.data.translations.build` and "
        "`.venv/bin/python -m pytest tests/matching/test_translated_labels.py -q`.",
        "- The label is the preferred form people should see (plain, everyday words); synonyms are "
        "other forms people type (spellings without diacritics, Latin-script variants, regional "
        "words) and are used for matching only.",
        "- Where a published label exists (CLDR language names, ESCO Arabic occupation labels) it stays "
        "preferred and the CSV row only adds alternatives.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ref = base_reference()
    sel = selection(ref)
    if "--normalise" in argv:  # rewrite the CSVs in canonical form (sorted, trimmed)
        for locale in LOCALES:
            path = HERE / f"{locale}.csv"
            write_locale_csv(path, read_locale_csv(path))
    rows = build_rows(ref, sel)
    write_output(rows)
    COVERAGE.write_text(coverage_markdown(ref, sel, rows), encoding="utf-8")
    print(f"{OUTPUT.relative_to(DATA_DIR.parent.parent)}: {len(rows)} rows; "
          f"{COVERAGE.relative_to(DATA_DIR.parent.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
