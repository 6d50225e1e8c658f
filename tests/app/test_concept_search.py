"""Autocomplete: finds occupations and skills from what people type, with typos and without diacritics."""
import pytest

from matching.search import LabelEntry, LabelIndex


@pytest.mark.parametrize("query, expected", [
    ("lagerarb", "DLEi_bTh_oLA"),  # beginning of the label
    ("terminalarbetare", "DLEi_bTh_oLA"),  # beginning of a later word
    ("LAGERARBETRE", "DLEi_bTh_oLA"),  # a typo, in capitals
    ("truckforare", "GQSf_fnq_kjF"),  # no diacritics
])
def test_search_endpoint_finds_occupations(browser, query, expected):
    response = browser.get(f"/concepts/search?type=occupation&q={query}")
    assert response.status_code == 200 and response.is_json
    ids = [hit["id"] for hit in response.get_json()]
    assert expected in ids[:5] or (expected == "GQSf_fnq_kjF" and "MrcX_RDn_N53" in ids[:5])


def test_search_endpoint_refuses_nothing_and_returns_nothing_for_junk(browser):
    for url in ("/concepts/search", "/concepts/search?type=person&q=lager", "/concepts/search?q=" + "x" * 5000,
                "/concepts/search?type=skill&q=%00", "/concepts/search?type=skill&limit=abc&q=svets"):
        response = browser.get(url)
        assert response.status_code == 200 and isinstance(response.get_json(), list)


def test_label_shown_in_the_readers_language_with_what_matched():
    index = LabelIndex([
        LabelEntry("c1", "occupation", "sv", "Svetsare"),
        LabelEntry("c1", "occupation", "en", "welder"),
        LabelEntry("c1", "occupation", "ar", "لحّام"),
        LabelEntry("c2", "occupation", "sv", "Kock"),
    ])
    hit = index.search("welder", "occupation", locales=("ar", "sv"))[0]
    assert (hit.concept_id, hit.label, hit.matched) == ("c1", "لحّام", "welder")
    assert index.search("لحام", "occupation", locales=("sv",))[0].concept_id == "c1"  # without the shadda
    assert index.search("", "occupation") == [] and index.search("kock", "skill") == []


WAREHOUSE, CLEANER = "DLEi_bTh_oLA", "KF64_AvU_S4N"  # Lagerarbetare, Städare


@pytest.mark.parametrize("locale, query, expected, shown", [
    ("ar", "عامل نظافه", CLEANER, "عامل نظافة"),  # teh marbuta typed as heh, as on many keyboards
    ("ar", "منظّف", CLEANER, "عامل نظافة"),  # with a shadda the label does not have
    ("fa_AF", "کارگر گدام", WAREHOUSE, "کارگر گدام"),  # Dari, as written
    ("fa_AF", "كارگر گدام", WAREHOUSE, "کارگر گدام"),  # Arabic kaf from an Arabic keyboard
    ("fa_AF", "صفاكار", CLEANER, "صفاکار"),
    ("ti", "ሰራሕተኛ መኽዘ", WAREHOUSE, "ሰራሕተኛ መኽዘን"),  # Tigrinya, still typing
    ("ti", "ኣጽራ", CLEANER, "ኣጽራዪ"),
    ("uk", "прибиральн", CLEANER, "Прибиральник"),
    ("uk", "комирник", WAREHOUSE, "Працівник складу"),  # и for і: a typo on a Russian keyboard layout
    ("so", "nadiifiye", CLEANER, "Nadiifiye"),
    ("ti", "städare", CLEANER, "ኣጽራዪ"),  # a Swedish word still finds it, shown in the reader's language
])
def test_autocomplete_in_the_readers_script(browser, locale, query, expected, shown):
    browser.submit(f"/language/{locale}", {}, page="/")
    hits = browser.get("/concepts/search", query_string={"type": "occupation", "q": query}).get_json()
    assert expected in [hit["id"] for hit in hits[:5]], (query, hits[:5])
    assert next(hit["label"] for hit in hits if hit["id"] == expected) == shown


def _group_of(occupation_id):
    from matching.taxonomy import reference_data

    group = reference_data().ancestor_of_type(occupation_id, "ssyk4")
    return group.code if group is not None else None


@pytest.mark.parametrize("locale, query, groups", [
    ("ti", "ሸፈር", {"8332", "8329", "8321", "8331"}),  # everyday Tigrinya for a driver (from 'chauffeur')
    ("ti", "ግንበኛ", {"7112", "7113"}),  # Amharic 'mason' inside Tigrinya
    ("ar", "7adad", {"7221", "7212", "7214", "7215"}),  # Arabizi: 7 for ح (smith, welder, sheet metal)
    ("ar", "كهربجي", {"7411", "7412", "7413"}),  # Levantine 'electrician'
    ("uk", "слесарем", {"7231", "7233"}),  # Russian word in Ukrainian text
    ("so", "dirawal", {"8332", "8329", "8321", "8331"}),  # Somali loan for a driver
])
def test_autocomplete_understands_everyday_words_like_the_matcher(browser, locale, query, groups):
    """The occupation search reads what is typed with the matcher's lexicon: words that are no label's beginning."""
    browser.submit(f"/language/{locale}", {}, page="/")
    hits = browser.get("/concepts/search", query_string={"type": "occupation", "q": query}).get_json()
    assert hits and _group_of(hits[0]["id"]) in groups, (query, hits[:5])
    assert hits[0]["matched"] in (query, None)
