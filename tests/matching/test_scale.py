"""The fast paths of the matcher (word-wise n-grams, one product per chunk, argpartition, explanations
for the final k only) against their plain definitions; bench and compass commands; fairness at the
record level."""
import dataclasses
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.estimator_checks import check_estimator

from matching import Matcher, Opportunity, Seeker, violations
from matching.__main__ import main
from matching._synthetic import synthetic_opportunities, synthetic_seekers
from matching.features import CharNgramTfidf
from matching.taxonomy import reference_data

TODAY = date(2026, 1, 1)
COMPASS_CASES = Path("/work/shared/data/eval/compass_infer_occupation_test_cases.jsonl")
TEXTS = ["Lagerarbetare till vårt lager i Västerås", "Städare  sökes\tför kontor", "عملت في مستودع",
         "Працював на складі", "a bb ccc dddd eeeee", "lager lager lager", ""]


@pytest.fixture(scope="module")
def ref():
    return reference_data()


def test_char_ngram_tfidf_equals_sklearn():
    ours = CharNgramTfidf(ngram_range=(3, 5))
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=False)
    a, b = ours.fit_transform(TEXTS[:5]), theirs.fit_transform(TEXTS[:5])
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert abs(a - b).max() < 1e-12
    assert abs(ours.transform(TEXTS) - theirs.transform(TEXTS)).max() < 1e-12
    assert abs(ours.transform(TEXTS) - ours.transform(TEXTS)).max() == 0  # cached words give the same rows


def test_char_ngram_tfidf_max_df_drops_common_ngrams():
    docs = ["lager och kök", "städ och kök", "vård och omsorg"]
    vocabulary = CharNgramTfidf(max_df=0.5).fit(docs).vocabulary_
    assert " och " not in vocabulary and "lag" in vocabulary
    assert CharNgramTfidf(max_df=0.5).fit(["bara en"]).vocabulary_  # a cut that leaves nothing is not made


API_CHECKS = ("check_no_attributes_set_in_init", "check_parameters_default_constructible",
              "check_get_params_invariance", "check_set_params", "check_estimator_repr", "check_estimator_cloneable",
              "check_do_not_raise_errors_in_init_or_set_params", "check_valid_tag_types", "check_mixin_order")


@pytest.mark.parametrize("estimator", [CharNgramTfidf(), Matcher()], ids=["CharNgramTfidf", "Matcher"])
def test_estimator_checks_that_apply(estimator):
    """``check_estimator`` declines estimators whose input is text (it only generates numeric arrays):
    it warns "Can't test estimator … which requires input of type … string=True" and runs nothing. The
    checks of the estimator API that need no numeric input are run one by one instead."""
    import sklearn.utils.estimator_checks as checks
    from sklearn.exceptions import SkipTestWarning

    if isinstance(estimator, CharNgramTfidf):
        with pytest.warns(SkipTestWarning, match="requires input"):
            check_estimator(estimator)
    for name in API_CHECKS:
        getattr(checks, name)(type(estimator).__name__, estimator)


def test_fit_in_processes_gives_the_same_model(ref, monkeypatch):
    """Reading opportunities in forked processes (n_jobs > 1) changes nothing but the time it takes."""
    import matching.features as features

    monkeypatch.setattr(features, "PARALLEL_MIN_OPPORTUNITIES", 10)
    opps = synthetic_opportunities(ref, 300, random_state=3)
    people = synthetic_seekers(ref, 20, random_state=3)
    one, two = Matcher(k=5, today=TODAY, n_jobs=1).fit(opps), Matcher(k=5, today=TODAY, n_jobs=2).fit(opps)
    assert (one.opportunity_matrix_ != two.opportunity_matrix_).nnz == 0
    assert one.opportunity_concepts_ == two.opportunity_concepts_
    assert one.rank(people) == two.rank(people)


def test_rank_equals_exhaustive_ranking(ref):
    """argpartition + mask + per-pair shares give what sorting every eligible score would."""
    opps = synthetic_opportunities(ref, 400, random_state=5)
    people = synthetic_seekers(ref, 40, random_state=5)
    m = Matcher(k=7, today=TODAY, chunk_size=16).fit(opps)
    parts, _ = m.score_blocks(people)
    scores = parts.sum(axis=0, dtype=np.float64) + m.score_bonus(people)  # bonus: people who name no trade
    got = m.rank(people)
    for i, person in enumerate(people):
        eligible = [j for j, o in enumerate(opps) if not violations(person, o, ref.distance_km, TODAY)]
        best = sorted(eligible, key=lambda j: (-round(scores[i, j], 6), j))[:7]
        mine = [s for s in got if s.seeker_id == person.id]
        assert [round(s.score, 5) for s in mine] == pytest.approx([round(scores[i, j], 5) for j in best], abs=2e-5)
        for s in mine:
            j = next(j for j, o in enumerate(opps) if o.id == s.opportunity_id)
            share = parts[:, i, j] / max(parts[:, i, j].sum(), 1e-12)
            for b, name in enumerate(("occupation", "skills", "text", "language", "education")):
                assert s.explanation["blocks"].get(name, 0.0) == pytest.approx(share[b], abs=2e-3)
    threaded = Matcher(k=7, today=TODAY, chunk_size=16, n_jobs=2).fit(opps).rank(people)
    assert threaded == got


OPPORTUNITIES = [
    Opportunity(id="o-lager", title="Lagerarbetare", description="Plock och pack", occupation="DLEi_bTh_oLA",
                municipality="1980"),
    Opportunity(id="o-kok", title="Restaurangbiträde", description="Disk i köket", occupation="yXRQ_Ad9_E8V",
                municipality="1980"),
    Opportunity(id="o-unga", kind="vocational_programme", title="Lagerutbildning för unga", municipality="1980",
                leads_to=("DLEi_bTh_oLA",), eligible_age=(16, 24)),
]


@pytest.mark.parametrize("change", [
    {"name": "Oleksandr Petrenko"}, {"gender": "female"}, {"gender": "male"}, {"gender": "non-binary"},
    {"birth_country": "Somalia"}, {"birth_country": "Sverige"}, {"birth_year": 1960}, {"birth_year": 1975},
    {"name": "Amina", "gender": "female", "birth_country": "Syria", "birth_year": 1980},
])
def test_protected_grounds_at_record_level_change_no_score(change):
    """Name, gender and birth country are not fields of Seeker: records carrying them are accepted and
    they are ignored; an age change that stays outside the programme's window (16-24) changes nothing."""
    m = Matcher(k=10, today=TODAY).fit(OPPORTUNITIES)
    record = {"id": "p", "name": "Anna Svensson", "gender": "female", "birth_country": "Sverige",
              "about": "Jag vill jobba i lager eller kök", "municipality": "1980", "birth_year": 1990,
              "languages": [{"code": "sv", "level": "B1"}], "text_language": "sv"}
    base, changed = Seeker.from_record(record), Seeker.from_record({**record, **change})
    if "birth_year" not in change:
        assert changed == base
    parts_a, _ = m.score_blocks([base])
    parts_b, _ = m.score_blocks([changed])
    assert np.array_equal(parts_a, parts_b)  # every score, not only the top k
    assert m.rank([base]) == m.rank([changed])


def test_bench_cli_small(capsys):
    assert main(["bench", "--opportunities", "300", "--seekers", "20", "--latency-samples", "5",
                 "--fetch", "50", "--json"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    report = json.loads(out[-1])
    names = [r["name"] for r in report["results"]]
    assert names == ["matcher", "brute"]
    for r in report["results"]:
        assert "error" not in r
        assert r["fit"]["s"] > 0 and r["rank_one"]["p95_ms"] >= r["rank_one"]["p50_ms"] > 0
        assert r["batch"]["suggestions"] > 0
    assert any(line.startswith("matcher ") for line in out) and any(line.startswith("brute ") for line in out)


def test_compass_cli_on_a_small_file(tmp_path, capsys):
    cases = [{"given_experience_title": "Bread Baker", "given_responsibilities": ["I baked bread and pastries."],
              "expected_occupations_found": [{"code": "7512.1", "preferred_label": "baker"}]},
             {"given_experience_title": "Kid Caretaker", "given_responsibilities": ["I looked after children."],
              "expected_occupations_found": [{"code": "I41_0", "preferred_label": "caring for children"}]}]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in cases), encoding="utf-8")
    assert main(["compass", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["cases"] == 2 and report["hits"] == 1 and report["accuracy@5"] == 0.5
    assert report["cases_with_esco_code_in_reference"] == 1 and report["accuracy@5_on_those"] == 1.0
    assert 0.5 <= report["isco_group_accuracy@5"] <= 1.0  # the baker at least; unpaid codes via UNPAID_TO_ISCO


@pytest.mark.skipif(not COMPASS_CASES.exists(), reason="compass test cases not available here")
def test_compass_cases_if_present():
    from matching.compass import evaluate

    report = evaluate(str(COMPASS_CASES))
    assert report["cases"] > 100
    assert report["accuracy@5_on_those"] == 1.0  # the baker cases, the ones the crosswalk can answer
