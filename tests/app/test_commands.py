"""flask commands: taxonomy import, demo data, matching run; and the friendly error page."""
from sqlalchemy import func, select

import matching
from app.background import batches
from app.extensions import db
from app.models import Concept, ConceptLabel, Match, Opportunity, Role
from app.services import matching as matching_service
from app.services.taxonomy_import import import_taxonomy
from matching.taxonomy import reference_data
from tests import factories as f


def test_taxonomy_import_is_idempotent():
    types = {"municipality", "county"}
    import_taxonomy(types=types)
    labels = db.session.scalar(select(func.count()).select_from(ConceptLabel))
    again = import_taxonomy(types=types)
    assert again["concepts_added"] == 0 and again["concepts_updated"] == 311
    assert db.session.scalar(select(func.count()).select_from(ConceptLabel)) == labels
    assert db.session.scalar(select(func.count()).where(Concept.type == "municipality")) == 290


def test_seed_demo_then_matching_run(runner):
    result = runner.invoke(args=["seed-demo", "--region-people", "0"])  # the region: tests/app/test_demo_region.py
    assert result.exit_code == 0, result.output
    assert "jobbsokare@demo.jobbrygga.se" in result.output and "Jobbrygga-demo-2026" in result.output
    assert db.session.scalar(select(func.count()).where(Opportunity.external_id.is_not(None))) == 85
    assert "already loaded" in runner.invoke(args=["seed-demo", "--region-people", "0"]).output

    result = runner.invoke(args=["matching", "run", "1980"])
    assert result.exit_code == 0 and "new suggestions:" in result.output
    suggestions = db.session.scalars(select(Match)).all()
    assert suggestions and {m.status for m in suggestions} == {"suggested"}
    reference = reference_data()
    for m in suggestions:  # the matcher never suggests anything that breaks a hard constraint
        seeker = matching_service.seeker_record(m.profile)
        assert matching.violations(seeker, matching_service.opportunity_record(m.opportunity),
                                   reference.distance_km) == []
    # A second run keeps what exists and decided cases are never overwritten.
    assert "new suggestions: 0" in runner.invoke(args=["matching", "run", "1980"]).output


def test_server_error_page_has_an_incident_id_and_saves_nothing(browser, monkeypatch):
    caseworker = f.user(Role.CASEWORKER)
    browser.login(caseworker.email, f.PASSWORD)

    def broken(area, **_):
        db.session.add(Match(profile=f.profile(), opportunity=f.opportunity(), score=1, model_version="x"))
        raise RuntimeError("boom")

    monkeypatch.setattr(batches, "start_matching", broken)
    response = browser.submit("/caseworker/matching/batches", page="/caseworker/")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in body and "boom" not in body
    assert "supporten" in body or "support" in body
    assert db.session.scalar(select(func.count()).select_from(Match)) == 0


def test_not_found_page_in_the_users_language(browser):
    browser.submit("/language/en", page="/auth/login")
    response = browser.get("/no/such/page")
    assert response.status_code == 404 and "We could not find that page" in response.get_data(as_text=True)
