"""The matcher reads people as they really write (issue 19): places it cannot locate are not "within
reach", dialects and mixed scripts, unpaid work as experience, the whole person rather than one word.

Every sentence here was written for these tests; none is taken from a benchmark.
"""
from datetime import date

import pytest

from matching import Matcher, Opportunity, Seeker
from matching.data.build import municipality_of_address
from matching.taxonomy import reference_data

TODAY = date(2026, 1, 1)
VASTERAS = "1980"
WAREHOUSE, CLEANER = "DLEi_bTh_oLA", "KF64_AvU_S4N"


@pytest.fixture(scope="module")
def ref():
    return reference_data()


# --------------------------------------------------------------------------- places without a location
def _place(id_, occupation, title, municipality=VASTERAS, **kw):
    return Opportunity(id=id_, title=title, description=title, occupation=occupation, municipality=municipality, **kw)


@pytest.mark.parametrize("where", [None, "9999"])  # no municipality at all / a code nobody can place
def test_a_place_without_location_is_never_ranked_above_a_located_fit(where):
    opps = [
        _place("nowhere-warehouse", WAREHOUSE, "Lagerarbetare, plock och pack", municipality=where),
        _place("here-warehouse", WAREHOUSE, "Lagerarbetare"),
        _place("here-cleaner", CLEANER, "Städare till kontor"),
        _place("remote", CLEANER, "Kundtjänst hemifrån", municipality=None, remote=True),
    ]
    matcher = Matcher(k=4, today=TODAY).fit(opps)
    person = Seeker(id="p", municipality=VASTERAS, max_travel_km=30,
                    about="Jag har jobbat på lager med plock och pack i fem år")
    ranked = matcher.rank([person])
    ids = [s.opportunity_id for s in ranked]
    scores = {s.opportunity_id: s.score for s in ranked}
    # the unknown place is the best text fit, yet comes after every place that can be placed
    assert scores["nowhere-warehouse"] >= scores["here-warehouse"]
    assert ids[-1] == "nowhere-warehouse"
    assert ids[0] == "here-warehouse"
    reasons = {s.opportunity_id: s.explanation["location_unknown"] for s in ranked}
    assert reasons == {"nowhere-warehouse": True, "here-warehouse": False, "here-cleaner": False, "remote": False}
    # the same holds for someone who gave no municipality
    nowhere_person = Seeker(id="q", about="lagerarbete, truck")
    assert [s.opportunity_id for s in matcher.rank([nowhere_person])][-1] == "nowhere-warehouse"


def test_the_importer_places_an_ad_by_postal_code_or_named_municipality():
    assert municipality_of_address({"municipality_code": "0484", "postcode": "72214"}) == "0484"
    assert municipality_of_address({"postcode": "722 14", "city": "Västerås"}) == "1980"
    assert municipality_of_address({"municipality": "Falun", "postcode": ""}) == "2080"
    assert municipality_of_address({"city": "Borlänge kommun"}) == "2081"
    assert municipality_of_address({"country": "Sverige"}) is None
    assert municipality_of_address({"city": "Atlantis"}) is None
