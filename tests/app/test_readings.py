"""The person's words made useful: the concepts read from the text, each once, in the caseworker's language, with
the words they came from highlighted; a caseworker's correction (remove, take back, add) is kept for the person,
changes what the caseworker sees and what the matcher reads, and counts as feedback."""
import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ConceptCorrection, Role
from app.services import readings
from app.services.deletion import erase_person
from app.services.matching import seeker_record, seeker_records
from tests import factories as f
from matching.features import FeatureSpace
from matching.taxonomy import reference_data

CLEANER_TEXT = "Jag har jobbat som städare på ett hotell i två år."


@pytest.fixture
def caseworker():
    return f.user(Role.CASEWORKER, municipality_code=f.VASTERAS, locale="en")


def _understood(profile) -> set[str]:
    space = FeatureSpace(reference_data())
    u = space.understand_seeker(seeker_record(profile))
    return set(u.occupations) | set(u.groups) | set(u.skills)


def _read(profile):
    return readings.reading_for(profile, "sv")


def test_the_reading_shows_each_concept_once_with_its_words(app, caseworker):
    person = f.profile(None, about=CLEANER_TEXT, wanted_occupations=[])
    with app.test_request_context():
        reading = _read(person)
    assert reading.concepts, "the lexicon reads a cleaner from 'städare'"
    labels = [c.label for c in reading.concepts]
    assert len(labels) == len(set(labels))  # each once
    assert any("städare" in c.words for c in reading.concepts)
    assert ("städare", True) in reading.segments  # highlighted in the original text
    assert "".join(text for text, _marked in reading.segments) == CLEANER_TEXT  # nothing lost or changed


def test_a_correction_changes_what_the_caseworker_and_the_matcher_see(app, browser, caseworker):
    person = f.profile(None, about=CLEANER_TEXT, wanted_occupations=[], full_name="Läst Person")
    with app.test_request_context():
        wrong = _read(person).concepts[0]
    assert wrong.concept_id in _understood(person)
    browser.login(caseworker.email, f.PASSWORD)
    page = browser.get(f"/caseworker/people/{person.id}").get_data(as_text=True)
    assert "<mark>städare</mark>" in page and wrong.label in page
    response = browser.submit(f"/caseworker/people/{person.id}/reading",
                              {"concept_id": wrong.concept_id, "action": "removed"}, page=f"/caseworker/people/{person.id}")
    assert response.status_code == 302 and response.headers["Location"].endswith("#reading")
    # The caseworker sees it as removed, with a way to take it back …
    page = browser.get(f"/caseworker/people/{person.id}").get_data(as_text=True)
    assert f"<s>{wrong.label}</s>" in page and 'value="restored"' in page
    # … and the matcher no longer reads it from the text.
    assert wrong.concept_id not in _understood(person)
    assert seeker_records([person])[0].excluded_concepts == (wrong.concept_id,)

    # Adding an occupation the reading missed: the matcher takes it as one the person wants.
    browser.submit(f"/caseworker/people/{person.id}/reading", {"kind": "occupation", "term": "Lagerarbetare"},
                   page=f"/caseworker/people/{person.id}")
    assert f.WAREHOUSE_WORKER in seeker_record(person).occupations
    page = browser.get(f"/caseworker/people/{person.id}").get_data(as_text=True)
    assert "added by a caseworker" in page
    # Taking the removal back makes the reading count again.
    browser.submit(f"/caseworker/people/{person.id}/reading", {"concept_id": wrong.concept_id, "action": "restored"},
                   page=f"/caseworker/people/{person.id}")
    assert wrong.concept_id in _understood(person)
    # Feedback across people: what was removed or added, by how many people.
    assert (f.WAREHOUSE_WORKER, "added", 1) in readings.feedback()


def test_bad_corrections_are_refused_and_other_municipalities_are_404(browser, caseworker):
    person = f.profile(None, about=CLEANER_TEXT)
    elsewhere = f.profile(None, about=CLEANER_TEXT, municipality_code=f.ESKILSTUNA)
    browser.login(caseworker.email, f.PASSWORD)
    url = f"/caseworker/people/{person.id}/reading"
    assert browser.submit(url, {"concept_id": "x", "action": "drop table"}, page="/caseworker/").status_code == 400
    response = browser.submit(url, {"kind": "occupation", "term": "inget sådant yrke alls"}, page="/caseworker/")
    assert response.status_code == 302
    assert browser.submit(f"/caseworker/people/{elsewhere.id}/reading", {"concept_id": "x", "action": "removed"},
                          page="/caseworker/").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(ConceptCorrection)) == 0


def test_corrections_are_erased_with_the_person(caseworker):
    person = f.profile(None, about=CLEANER_TEXT)
    readings.correct(person, f.WAREHOUSE_WORKER, readings.ADDED, caseworker)
    erase_person(profile=person)
    assert db.session.scalar(select(func.count()).select_from(ConceptCorrection)) == 0
