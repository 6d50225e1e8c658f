"""The learned text → occupation reading (matching/textclf.py) beside the lexicon (issue 19, item 2).

Words here were written for these tests (misspellings a person might type); none is taken from a benchmark.
"""
import random
from datetime import date

import numpy as np
import pytest

from matching import Matcher, Opportunity, Seeker
from matching.data.build_textclf import split_of
from matching.features import FeatureSpace
from matching.lexicon import Understanding
from matching.noise import KINDS, corrupt
from matching.taxonomy import reference_data
from matching.textclf import MODEL_FILE, REPORT_FILE, TextOccupationModel, fill_in, model, person_texts

TODAY = date(2026, 1, 1)
VASTERAS = "1980"
CARPENTER_PLACE, CLEANER, BUS_DRIVER = "4Z7F_oBG_vMG", "KF64_AvU_S4N", "6zL8_YYP_1eR"


@pytest.fixture(scope="module")
def ref():
    return reference_data()


@pytest.fixture(scope="module")
def spaces(ref):
    return FeatureSpace(ref, text_model=False), FeatureSpace(ref)


def _codes(ref, u: Understanding) -> list[str]:
    """SSYK-4 codes read, strongest first (an occupation counts for its group)."""
    scores = {}
    for gid, w in u.groups.items():
        scores[ref.get(gid).code] = max(scores.get(ref.get(gid).code, 0.0), w)
    for occ, w in u.occupations.items():
        code = ref.ancestor_of_type(occ, "ssyk4").code
        scores[code] = max(scores.get(code, 0.0), w)
    return [c for c, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))]


# a misspelled trade word the lexicon cannot read, and the group it means
MISSPELLED = [
    ("snickre", "sv", "7111"),  # snickare: carpenters
    ("hairdreser", "en", "5141"),  # hairdresser
    ("mekanic", "en", "7231"),  # mechanic: vehicle mechanics
]


@pytest.mark.parametrize("text,language,code", MISSPELLED)
def test_a_misspelled_trade_word_the_lexicon_cannot_read_is_read_by_the_model(spaces, ref, text, language, code):
    lexicon_only, with_model = spaces
    person = Seeker(id="p", experience=({"title": text},), text_language=language)
    assert _codes(ref, lexicon_only.understand_seeker(person)) == []
    assert _codes(ref, with_model.understand_seeker(person))[0] == code


def test_the_lexicon_keeps_precedence_where_it_is_sure(spaces, ref):
    lexicon_only, with_model = spaces
    sure = model().thresholds["lexicon_sure"]
    person = Seeker(id="p", experience=({"title": "Frisörska"},))
    u = lexicon_only.understand_seeker(person)
    assert max(u.occupations.values()) >= sure  # the lexicon knows the word outright
    assert with_model.understand_seeker(person).groups == u.groups
    # a picked occupation is sure too: the model adds nothing beside it
    picked = Seeker(id="q", experience=({"title": "snickre"},), occupations=(CLEANER,))
    assert with_model.classifier_fill_in([picked], [lexicon_only._read_words(picked)]) == [{}]


def test_fill_in_adds_only_confident_groups_and_never_lowers_the_lexicon(ref):
    group = {c.code: c.id for c in ref.of_type("ssyk4")}
    u = Understanding(groups={group["7111"]: 0.3})
    predictions = [({"7111": 0.2, "7125": 0.8, "9111": 0.34}, 1.0), ({"5120": 0.9}, 0.6)]
    added = fill_in(u, predictions, group, lexicon_sure=0.75, min_probability=0.35)
    assert added == {group["7125"]: 0.8, group["5120"]: pytest.approx(0.54)}
    assert u.groups[group["7111"]] == 0.3  # the lexicon's own reading stays
    assert group["9111"] not in u.groups  # below the threshold
    sure = Understanding(groups={group["7111"]: 0.8})
    assert fill_in(sure, predictions, group, lexicon_sure=0.75, min_probability=0.35) == {}
    assert sure.groups == {group["7111"]: 0.8}
    half = Understanding(groups={group["7111"]: 0.5})
    assert fill_in(half, predictions, group, 0.75, 0.35, yield_=1.0)[group["7125"]] == pytest.approx(0.4)


def test_texts_that_name_no_work_are_not_read_as_work():
    m = model()
    for text in ("jag bor i Västerås sedan 2021", "I can start on Monday", "عندي رخصة سواقة",
                 "waxaan leeyahay laba caruur", "мені 30 років"):
        assert all(p < m.thresholds["min_probability"] for p in m.predict([text])[0].values()), text


def test_the_model_reads_titles_and_short_clauses_but_not_unpaid_entries():
    person = Seeker(id="p", about="Jag har jobbat som snickre. " + "Sedan kom jag hit och " * 5 + "läste svenska.",
                    experience=({"title": "Städare"}, {"title": "matlagning för familjen", "unpaid": True}))
    texts = [t for t, _ in person_texts(person, 0.6, 1.0)]
    assert texts == ["Städare", "jag har jobbat som snickre"]  # clauses as the lexicon folds them
    side = person_texts(Seeker(id="q", about="Jag lagade bilar, ibland svetsade jag"), 0.6, 1.0)
    assert side == [("jag lagade bilar", 0.6), ("ibland svetsade jag", pytest.approx(0.24))]


def test_a_weak_lexicon_reading_is_sharpened_not_replaced(spaces, ref):
    lexicon_only, with_model = spaces
    person = Seeker(id="p", experience=({"title": "svetsre"},))  # svetsare, one letter dropped
    before = _codes(ref, lexicon_only.understand_seeker(person))
    after = _codes(ref, with_model.understand_seeker(person))
    assert "7212" in before and after[0] == "7212"  # welders, among the metal trades the stem also names
    assert set(before) <= set(after)


def test_the_model_is_deterministic_and_small():
    texts = ["snickre", "elektrikr", "7addad", "svetsare i fem år"]
    a, b = TextOccupationModel.load(), TextOccupationModel.load()
    assert a.predict(texts) == b.predict(texts) == model().predict(texts)
    assert np.array_equal(a.decision_function(texts), b.decision_function(texts))
    assert MODEL_FILE.stat().st_size < 6_000_000 and REPORT_FILE.exists()
    # the seeded corruptions behind the training augmentation and the robustness set repeat exactly
    for kind in KINDS:
        assert corrupt("سباك", kind, random.Random(7), "ar") == corrupt("سباك", kind, random.Random(7), "ar")


def test_the_split_is_a_function_of_the_folded_text():
    assert split_of("Snickare") == split_of("snickare") == split_of("SNICKARE")
    assert {split_of(f"word{i}") for i in range(200)} == {"train", "calibrate", "test"}


def test_the_matcher_offers_the_trade_a_misspelled_title_names():
    opps = [Opportunity(id=i, title=t, description=t, occupation=o, municipality=VASTERAS)
            for i, t, o in (("wood", "Snickare till byggföretag", CARPENTER_PLACE),
                            ("clean", "Städare", CLEANER), ("bus", "Bussförare", BUS_DRIVER))]
    person = Seeker(id="p", municipality=VASTERAS, experience=({"title": "snickre", "years": 4},))
    with_model = Matcher(k=3, today=TODAY).fit(opps).rank([person])
    assert with_model[0].opportunity_id == "wood"
    without = Matcher(k=3, today=TODAY, text_model=False).fit(opps).rank([person])
    assert [s.opportunity_id for s in without][0] != "wood" or without[0].score < with_model[0].score


def test_on_held_out_corrupted_words_the_model_reads_more_right_and_little_more_wrong():
    """`python -m matching robustness`: the test split, which neither training nor thresholds saw."""
    from matching.robustness import NONE_ALLOWANCE, evaluate

    report = evaluate()
    before, after = report["lexicon_only"], report["lexicon_and_text_model"]
    assert after["all"]["acc@1"] >= before["all"]["acc@1"] + 0.03
    assert after["all"]["acc@3"] >= before["all"]["acc@3"] + 0.03
    assert after["by_kind"]["typo"]["acc@1"] > before["by_kind"]["typo"]["acc@1"]
    assert after["by_kind"]["clean"]["acc@1"] >= before["by_kind"]["clean"]["acc@1"]
    assert after["none_texts_read_as_work"] <= before["none_texts_read_as_work"] + NONE_ALLOWANCE
