"""Spellings people type interchangeably read as the same word; different words stay different."""
import pytest

from matching.lexicon import lexicon_for
from matching.taxonomy import reference_data
from matching.text import fold


@pytest.mark.parametrize("typed, written", [
    ("مدرسة", "مدرسه"),             # Arabic teh marbuta typed as heh
    ("أحمد", "احمد"),               # alef with hamza
    ("ﮐﺎرگر", "کارگر"),              # presentation forms (NFKD)
    ("نان\u200cوایی", "نانوایی"),    # Dari zero-width non-joiner
    ("м'ясо", "мясо"),              # Ukrainian apostrophe
    ("ሠራሕተኛ", "ሰራሕተኛ"),            # Ge'ez homophones (ሠ/ሰ)
    ("ጸገና", "ፀገና"),                # (ጸ/ፀ)
    ("ጋራዥ", "ጋራጅ"),                # Tigrinya loanword letters: zh/j ("garage")
    ("ቬትሮ", "ቤትሮ"),                # v/b
])
def test_variants_fold_to_one_word(typed, written):
    assert fold(typed) == fold(written)


@pytest.mark.parametrize("one, other", [("ጋራጅ", "ጋራ"), ("ብዙሕ", "ዝብዙሕ"), ("склад", "скла")])
def test_different_words_stay_different(one, other):
    assert fold(one) != fold(other)


def test_a_garage_spelled_either_way_means_vehicle_mechanics():
    ref = reference_data()
    lexicon = lexicon_for(ref)
    mechanics = ref.by_code("ssyk4", "7231").id
    for spelling in ("ጋራዥ", "ጋራጅ"):
        understood = lexicon.understand([(f"ኣብ {spelling} ክሰርሕ እደሊ", 1.0)])
        assert mechanics in understood.groups, spelling


@pytest.mark.parametrize("text, code", [
    ("Jag har jobbat i skogen med röjsåg och plantering", "6210"),       # forestry
    ("Jag vill jobba på ett sågverk", "8173"),                          # sawmill
    ("I worked in a sawmill stacking boards", "8173"),
    ("اشتغلت في منجم فحم تحت الارض", "8111"),                           # mining
    ("در معدن ذغال سنگ کار کردم", "8111"),
    ("Waxaan ka shaqeeyay dekedda Berbera, rarista konteenarada", "9331"),  # port work
    ("ኣብ ወደብ ምጽዋዕ ሰሪሐ", "9331"),
    ("Працював на заправці оператором", "5225"),                        # petrol station
])
def test_work_in_dalarnas_and_malardalens_industries_is_understood_in_every_language(text, code):
    """Everyday words (data/cues.csv) for mines, forests, sawmills, ports and petrol stations reach their group."""
    ref = reference_data()
    assert ref.by_code("ssyk4", code).id in lexicon_for(ref).understand([(text, 1.0)]).groups
