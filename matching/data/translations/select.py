"""Which concepts get hand-written so/ti/fa_AF/uk (and ar) labels: the part of the taxonomy people use.

Deterministic: depends only on the packaged reference data (concepts, Swedish labels, relations,
the Platsbanken ads), never on the translation files themselves.

    .venv/bin/python -m matching.data.translations.select          # counts per type
    .venv/bin/python -m matching.data.translations.select --list   # id, type, Swedish label

Occupations
    * every occupation flagged ``no_education_requirement``;
    * every occupation in the SSYK-4 groups of the fields below (trainee jobs, apprenticeships and
      vocational programmes: industry, construction, installation, care, child care, cleaning,
      warehouse and transport, restaurant, retail, IT support), and of ``MORE_FIELDS`` (reception and
      customer service, personal services and security, farming and forestry, more trades, process
      and machine operators, elementary services: where Mälardalen's and Dalarna's industry, farms
      and forests also hire people without Swedish schooling);
    * every apprentice occupation ("Lärling, …", "Lärling …");
    * every occupation used by the 85 Platsbanken ads;
    except those in ``EXCLUDED``.
Skills
    the skills JobTech relates to the most of the ``FIELDS`` occupations' SSYK-4 groups: ranked by the
    number of those groups, then by the number of selected occupations in them, then by id; the first
    ``SKILL_COUNT``.
Driving licences
    all of them.
Languages
    all with a two-letter (ISO 639-1) code.
"""
from __future__ import annotations

import csv
import gzip
import sys
import tempfile
from collections import Counter
from pathlib import Path

from matching.taxonomy import DATA_DIR, ReferenceData, iter_platsbanken_ads

# SSYK 2012 unit groups per field.
FIELDS: dict[str, tuple[str, ...]] = {
    "industry": ("7212", "7213", "7223", "8114", "8121", "8131", "8132", "8142", "8151", "8161",
                 "8181", "8211", "8212", "8213", "8214", "8219", "9320"),
    "construction": ("7111", "7112", "7113", "7114", "7116", "7119", "7121", "7122", "7123",
                     "7131", "7132", "7134", "9310"),
    "installation": ("7125", "7411", "7412", "7413"),
    "care": ("5321", "5323", "5330", "5341", "5342", "5343", "5350"),
    "child_care": ("5311", "5312", "5325"),
    "cleaning": ("9111", "9119", "9120", "5152"),
    "warehouse_transport": ("4322", "4420", "8321", "8329", "8331", "8332", "8344", "9332", "9621"),
    "restaurant": ("5120", "5131", "5132", "9411", "9412", "9413"),
    "retail": ("5222", "5223", "5225", "5230"),
    "it_support": ("3511", "3512"),
}
# Occupations only (the skill selection stays on FIELDS, so adding groups here changes no skill).
MORE_FIELDS: dict[str, tuple[str, ...]] = {
    "reception_customer_service": ("4116", "4222", "4224", "4225"),
    "personal_services_security": ("5141", "5142", "5143", "5169", "5227", "5241", "5242", "5349", "5413"),
    "farming_forestry": ("6111", "6112", "6113", "6121", "6130", "6210", "8341", "9210"),
    "trades": ("7124", "7126", "7214", "7215", "7222", "7231", "7233", "7420", "7522", "7523", "7532", "7611",
               "7612"),
    "process_machine_operators": ("8111", "8112", "8115", "8122", "8129", "8162", "8163", "8169", "8172", "8173",
                                  "8189", "8342", "8343"),
    "elementary_services": ("9331", "9610", "9622", "9629"),
}
SKILL_COUNT = 400
# Left out on purpose: tests/matching/test_taxonomy.py::test_label_fallback uses Psykiatrisjuksköterska
# as its example of an occupation without a Somali label (a specialist nurse is no entry-level job).
EXCLUDED = frozenset({"UVrW_krj_vk8"})
TYPES = ("occupation", "skill", "driving_licence", "language")


def base_reference() -> ReferenceData:
    """Reference data with the published labels only (labels.csv.gz), whatever else lies in DATA_DIR."""
    # A scratch folder linking the data files, so translation files in DATA_DIR are not read.
    tmp = Path(tempfile.mkdtemp(prefix="jobbrygga-ref-"))
    try:
        for name in ("concepts.csv.gz", "labels.csv.gz", "relations.csv.gz", "postal_codes.csv.gz"):
            (tmp / name).symlink_to(DATA_DIR / name)
        return ReferenceData.load(tmp)
    finally:
        for p in tmp.iterdir():
            p.unlink()
        tmp.rmdir()


def published_preferred(locale: str) -> set[str]:
    """Concept ids with a preferred label in ``locale`` in the published labels.csv.gz."""
    out: set[str] = set()
    with gzip.open(DATA_DIR / "labels.csv.gz", "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["locale"] == locale and row["preferred"] == "1":
                out.add(row["concept_id"])
    return out


def selected_occupations(ref: ReferenceData, fields: tuple[dict, ...] = (FIELDS, MORE_FIELDS)) -> list[str]:
    codes = {code for groups in fields for group in groups.values() for code in group}
    ad_occupations = {ad["occupation"] for ad in iter_platsbanken_ads() if ad.get("occupation")}
    out = set()
    for c in ref.of_type("occupation"):
        parent = ref.get(c.parent_id) if c.parent_id else None
        sv = ref.label(c.id, "sv")
        if ("no_education_requirement" in c.flags
                or (parent is not None and parent.code in codes)
                or sv.startswith("Lärling")
                or c.id in ad_occupations) and c.id not in EXCLUDED:
            out.add(c.id)
    return sorted(out)


def selected_skills(ref: ReferenceData, occupations: list[str]) -> list[str]:
    group_size = Counter(ref.get(o).parent_id for o in occupations)
    groups = Counter()
    weight = Counter()
    for g, n in group_size.items():
        for s in set(ref.skills_for_occupation(g)):
            if ref.get(s) is not None and ref.get(s).type == "skill":
                groups[s] += 1
                weight[s] += n
    ranked = sorted(groups, key=lambda s: (-groups[s], -weight[s], s))
    return sorted(ranked[:SKILL_COUNT])


def selected_licences(ref: ReferenceData) -> list[str]:
    return sorted(c.id for c in ref.of_type("driving_licence"))


def selected_languages(ref: ReferenceData) -> list[str]:
    return sorted(c.id for c in ref.of_type("language") if len(c.code) == 2 and c.code.isalpha())


def selection(ref: ReferenceData | None = None) -> dict[str, list[str]]:
    """concept type -> sorted ids of the selected concepts."""
    ref = ref or base_reference()
    occupations = selected_occupations(ref)
    return {
        "occupation": occupations,
        "skill": selected_skills(ref, selected_occupations(ref, (FIELDS,))),
        "driving_licence": selected_licences(ref),
        "language": selected_languages(ref),
    }


def main(argv: list[str]) -> None:
    ref = base_reference()
    sel = selection(ref)
    if "--list" in argv:
        w = csv.writer(sys.stdout)
        for type_ in TYPES:
            for cid in sel[type_]:
                w.writerow([cid, type_, ref.label(cid, "sv")])
        return
    for type_ in TYPES:
        print(f"{type_}: {len(sel[type_])}")


if __name__ == "__main__":
    main(sys.argv[1:])
