"""The compact reference data in matching/data and its loader (matching/taxonomy.py)."""
import filecmp
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from matching.taxonomy import ReferenceData, iter_platsbanken_ads, reference_data

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "matching" / "data"
SHARED = REPO.parent / "shared"

VASTERAS, ESKILSTUNA = "1980", "0484"
PSYKIATRISJUKSKOTERSKA = "UVrW_krj_vk8"


@pytest.fixture(scope="module")
def ref():
    return reference_data()


def test_counts(ref):
    occupations = ref.of_type("occupation")
    assert len(occupations) >= 2400
    assert len(ref.of_type("skill")) == 6657
    municipalities = ref.of_type("municipality")
    assert len(municipalities) == 290
    assert all(m.lat is not None and m.lon is not None for m in municipalities)
    assert all(55 < m.lat < 69.1 and 10.9 < m.lon < 24.2 for m in municipalities)  # inside Sweden
    assert len(ref.of_type("county")) == 21
    assert len(ref.of_type("ssyk4")) == 400
    assert len(ref.postal_codes) > 15000


def test_every_occupation_chains_up_to_ssyk1(ref):
    for occ in ref.of_type("occupation"):
        chain = ref.ancestors(occ.id)
        assert [c.type for c in chain] == ["ssyk4", "ssyk3", "ssyk2", "ssyk1"], occ.id
        codes = [c.code for c in chain]
        assert [len(c) for c in codes] == [4, 3, 2, 1]
        assert all(codes[i].startswith(codes[i + 1]) for i in range(3)), codes


def test_no_education_requirement_flag(ref):
    flagged = [c for c in ref.of_type("occupation") if "no_education_requirement" in c.flags]
    assert len(flagged) == 112


def test_distance_between_municipality_seats(ref):
    # Västerås–Eskilstuna is about 28 km as the crow flies between the two seats
    # (about 40 km by road); the data stores straight-line seat coordinates.
    d = ref.distance_km(VASTERAS, ESKILSTUNA)
    assert 24 < d < 35
    assert ref.distance_km(ESKILSTUNA, VASTERAS) == pytest.approx(d)
    assert ref.distance_km(VASTERAS, VASTERAS) == 0
    assert ref.distance_km(VASTERAS, "9999") is None
    assert ref.distance_km(None, VASTERAS) is None
    assert 1300 < ref.distance_km("1280", "2584") < 1500  # Malmö–Kiruna


def test_label_fallback(ref):
    assert ref.label(PSYKIATRISJUKSKOTERSKA, "sv") == "Psykiatrisjuksköterska"
    assert "so" not in ref.labels[PSYKIATRISJUKSKOTERSKA]
    assert ref.label(PSYKIATRISJUKSKOTERSKA, "so") == "Psykiatrisjuksköterska"
    assert ref.label(PSYKIATRISJUKSKOTERSKA, "ti", fallback=()) == PSYKIATRISJUKSKOTERSKA
    assert ref.label("no-such-id", "sv") == "no-such-id"
    # a municipality has only Swedish labels: English falls back too
    assert ref.label(VASTERAS, "en") == "Västerås"


def test_labels_in_english_and_arabic(ref):
    swedish = ref.by_code("language", "sv")
    assert ref.label(swedish.id, "en") == "Swedish"
    assert ref.label(swedish.id, "sv") == "Svenska"
    for code in ("ar", "so", "ti", "fa", "uk", "en"):
        assert ref.by_code("language", code) is not None, code
    occupations = ref.of_type("occupation")
    with_en = sum(1 for c in occupations if ref.labels.get(c.id, {}).get("en"))
    with_ar = sum(1 for c in occupations if ref.labels.get(c.id, {}).get("ar"))
    assert with_en > 1200 and with_ar > 1200  # the rest have no ESCO occupation match
    for c in occupations:
        for lab in ref.labels_for(c.id, "sv"):
            assert 0 < len(lab) <= 60 or lab == ref.label(c.id, "sv")


def test_of_type_sorted_by_swedish_label(ref):
    names = [ref.label(c.id) for c in ref.of_type("municipality")]
    assert names[0] == "Ale"
    assert names[-3:] == ["Östra Göinge", "Överkalix", "Övertorneå"]
    assert names.index("Åre") < names.index("Älmhult") < names.index("Örebro")


def test_skills_and_substitutes(ref):
    skills = ref.skills_for_occupation(PSYKIATRISJUKSKOTERSKA)
    assert skills and all(ref.concepts[s].type == "skill" for s in skills)
    subs = ref.substitutes("17FS_XzU_AQ4")  # Skolvärd
    assert ("Sbzf_iBA_MAS", 0.75) in subs  # Elevassistent
    assert all(ref.concepts[t].type == "occupation" and w in (0.25, 0.75) for t, w in subs)
    back = ref.substituted_by("17FS_XzU_AQ4")
    assert ("rM7G_ge7_XhP", 0.25) in back  # Barnskötare
    for t, w in back:
        assert ("17FS_XzU_AQ4", w) in ref.substitutes(t)


def test_relations_point_at_known_concepts(ref):
    assert set(ref.relations) >= {"skill", "substitutable", "esco_exact", "esco_close", "esco_broad",
                                  "esco_narrow"}
    for kind, by_source in ref.relations.items():
        for source, targets in by_source.items():
            assert source in ref.concepts, (kind, source)
            for target, _ in targets:
                assert target in ref.concepts, (kind, target)
    exact = ref.related(PSYKIATRISJUKSKOTERSKA, "esco_exact") + ref.related(PSYKIATRISJUKSKOTERSKA, "esco_narrow")
    assert exact and all(ref.concepts[t].type in ("esco_occupation", "isco_group") for t, _ in exact)


def test_codes_and_postal_codes(ref):
    assert ref.by_code("driving_licence", "B").type == "driving_licence"
    assert ref.by_code("driving_licence", "CE") is not None
    assert ref.by_code("ssyk4", "5321") is not None
    assert ref.concepts[VASTERAS].parent_id == "19"
    assert ref.municipality_for_postal_code("722 14") == VASTERAS


def test_platsbanken_ads():
    ads = list(iter_platsbanken_ads())
    assert len(ads) == 85
    assert len({a["id"] for a in ads}) == 85
    for a in ads:
        assert a["id"].startswith("pb-") and a["title"] and a["description"]
        assert "municipality" in a and "occupation" in a
        assert a["kind"] == "job" and a["published"]
        assert "[e-post borttagen]" not in a["title"]
    assert sum(1 for a in ads if a["municipality"]) == 84  # one ad gives no workplace
    ref = reference_data()
    assert all(ref.concepts[a["occupation"]].type == "occupation" for a in ads)
    assert all(a["municipality"] in ref.concepts for a in ads if a["municipality"])


def test_loads_without_shared_data_and_fast(tmp_path):
    """Load in a fresh process from /tmp; record every file it opens: nothing outside matching/data."""
    script = textwrap.dedent(f"""
        import json, sys, time
        opened = []
        sys.addaudithook(lambda ev, args: opened.append(str(args[0])) if ev == "open" and args else None)
        from matching.taxonomy import ReferenceData, iter_platsbanken_ads
        t = time.perf_counter()
        ref = ReferenceData.load()
        elapsed = time.perf_counter() - t
        n_ads = sum(1 for _ in iter_platsbanken_ads())
        data = [p for p in opened if {str(DATA)!r} in p]
        shared = [p for p in opened if "/shared/" in p or p.startswith("..")]
        print(json.dumps({{"elapsed": elapsed, "data": data, "shared": shared, "n": len(ref.concepts), "ads": n_ads}}))
    """)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", script], cwd="/tmp", env=env, capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["shared"] == []
    assert result["data"], "loader read nothing from matching/data"
    assert result["n"] > 20000 and result["ads"] == 85
    assert result["elapsed"] < 3.0  # target < 1.5 s; generous here for slow CI machines


def test_explicit_path_and_cache(ref):
    assert reference_data() is ref
    again = ReferenceData.load(DATA)
    assert again.concepts.keys() == ref.concepts.keys()


def test_data_is_lean():
    total = sum(p.stat().st_size for p in DATA.iterdir() if p.is_file())
    assert total < 5 * 1024 * 1024


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="raw shared data not available")
def test_build_is_deterministic_and_up_to_date(tmp_path):
    subprocess.run([sys.executable, "-m", "matching.data.build", "--shared", str(SHARED), "--out", str(tmp_path)],
                   cwd=REPO, check=True, capture_output=True)
    for name in ("concepts.csv.gz", "labels.csv.gz", "relations.csv.gz", "postal_codes.csv.gz",
                 "platsbanken_ads.jsonl.gz", "cues_fa_isco.csv", "README.md"):
        assert filecmp.cmp(tmp_path / name, DATA / name, shallow=False), f"{name} is stale: rebuild"
