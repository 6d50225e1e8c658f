"""One suggestion service for every road: pools, free seats, existing pairs; the matcher fitted once per run."""
from sqlalchemy import select

import matching
from app.background import batches
from app.extensions import db
from app.models import Match, MatchStatus
from app.services.suggestions import SuggestionRun, suggest_for_area
from tests import factories as f

FALUN = "2080"


def _pairs():
    db.session.expire_all()
    return {(m.profile_id, m.opportunity_id) for m in db.session.scalars(select(Match))}


def test_the_background_run_fits_the_matcher_once_for_all_its_chunks(app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", None)
    org = f.organisation()
    for i in range(4):
        f.opportunity(org, title=f"Lagerarbetare {i}", seats=5)
    for _ in range(7):
        f.profile(f.user())
    fits = []
    original = matching.Matcher.fit
    monkeypatch.setattr(matching.Matcher, "fit", lambda self, *a, **k: fits.append(1) or original(self, *a, **k))
    batch = batches.start_matching(f.VASTERAS, chunk_size=2)  # four chunks
    assert batches.progress(batch).chunks == 4 and len(_pairs()) == 7 * 4
    assert len(fits) == 1


def test_every_road_keeps_to_the_pool_and_to_free_seats():
    person = f.profile(f.user(), travel_km=300)
    in_pool = f.opportunity(municipality_code=f.ESKILSTUNA, seats=1)  # Mälardalen shares one pool
    elsewhere = f.opportunity(municipality_code=FALUN)  # within reach, but not in the pool
    full = f.opportunity(seats=1)
    f.match(f.profile(f.user()), full, status=MatchStatus.SUGGESTED)  # its one seat is waiting for a decision
    pool = SuggestionRun().opportunities_for(("1980", "0484", "0486", "0381"))
    assert in_pool in pool and elsewhere not in pool and full not in pool
    assert suggest_for_area(f.VASTERAS) >= 1
    mine = {o for p, o in _pairs() if p == person.id}
    assert in_pool.id in mine and elsewhere.id not in mine and full.id not in mine
    assert in_pool not in SuggestionRun().opportunities_for(("1980",))  # its seat now waits for a decision
    assert suggest_for_area(f.VASTERAS) == 0  # nothing twice


def test_the_matcher_is_told_which_language_a_person_writes_in(app):
    """Latin-letter Arabic without digits ("hadad") is read as Arabic only for a person who writes Arabic."""
    from app.services.matching import seeker_record

    arabic = f.profile(f.user(), languages=[{"code": "ar", "level": "native"}])
    unknown = f.profile(f.user(), languages=[])
    assert seeker_record(arabic).text_language == "ar" and seeker_record(unknown).text_language == "sv"
