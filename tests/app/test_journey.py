"""The whole journey through the test client: register → profile → post → match → approve → yes → outcome."""
from datetime import date, timedelta

from sqlalchemy import select

from app.background import jobqueue
from app.extensions import db
from app.models import Match, MatchEvent, Opportunity, Organisation, Role, User
from app.services import registration
from app.services.candidates import candidate_reference
from tests import factories as f

SOON = date.today() + timedelta(days=14)


def test_the_whole_journey(browser, app):
    # 1. A jobseeker registers, chooses Arabic… then fills the profile in Swedish for this test's asserts.
    response = browser.submit("/auth/register", {"locale": "sv", "full_name": "Amal Hassan", "email": "amal@example.se"})
    assert response.status_code == 302  # the link that completes the account comes by e-mail
    jobqueue.wait_for_background()
    link = f"/auth/register/{registration.make_token('amal@example.se', 'Amal Hassan', 'sv')}"
    response = browser.submit(link, {"password": "en lång mening som lösenord",
                                     "confirm": "en lång mening som lösenord"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/profile")
    response = browser.submit("/me/profile", {
        "full_name": "Amal Hassan", "phone": "070-123 45 67", "birth_year": "1995",
        "municipality_code": f.VASTERAS, "travel_km": "40", "swedish_level": "B1",
        "languages-0-code": "ar", "languages-0-level": "native",
        "education_level": "", "experience-0-title": "Lagerarbetare i Aleppo", "experience-0-years": "3",
        "wanted_occupations": "Lagerarbetare/Terminalarbetare", "skills": "",
        "wanted_kinds": ["trainee_job", "vocational_programme"], "available_from": str(SOON),
        "about": "Jag har jobbat på lager med plock och pack och vill lära mig köra truck.",
    })
    assert response.status_code == 302, response.get_data(as_text=True)
    seeker = db.session.scalar(select(User).where(User.email == "amal@example.se"))
    assert seeker.profile.wanted_occupations == [f.WAREHOUSE_WORKER]
    assert seeker.profile.languages == [{"code": "ar", "level": "native"}]
    browser.logout()

    # 2. An employer registers the organisation and posts a trainee job.
    response = browser.submit("/auth/register/organisation", {
        "kind": "employer", "organisation_name": "Mälarlager AB", "org_number": "556016-0680",
        "municipality": f.VASTERAS, "full_name": "Peter Holm", "email": "peter@malarlager.se",
        "phone": "021-10 20 30", "password": "ett starkt lösenord 42", "confirm": "ett starkt lösenord 42",
        "locale": "sv"})
    assert response.status_code == 302
    response = browser.submit("/organisation/opportunities/new", {
        "kind": "trainee_job", "title": "Trainee lagerarbetare",
        "description": "Plock, pack och inleverans på lagret. Truckkort under traineetiden.",
        "occupation": "Lagerarbetare/Terminalarbetare", "skills_required": "", "min_swedish": "A2",
        "municipality_code": f.VASTERAS, "seats": "1", "start_date": str(SOON + timedelta(days=7)), "deadline": str(SOON)})
    assert response.status_code == 302, response.get_data(as_text=True)
    opportunity = db.session.scalar(select(Opportunity).where(Opportunity.title == "Trainee lagerarbetare"))
    assert opportunity.occupation_id == f.WAREHOUSE_WORKER
    assert db.session.scalar(select(Organisation.org_number).where(Organisation.name == "Mälarlager AB")) \
        == "556016-0680"
    employer_email = "peter@malarlager.se"
    browser.logout()

    # … and an education provider posts a programme that leads to the same occupation.
    browser.submit("/auth/register/organisation", {
        "kind": "education_provider", "organisation_name": "Västerås Yrkesvux", "org_number": "202100-6297",
        "municipality": f.VASTERAS, "full_name": "Lena Ek", "email": "lena@yrkesvux.se",
        "password": "ett starkt lösenord 43", "confirm": "ett starkt lösenord 43", "locale": "sv"})
    response = browser.submit("/organisation/opportunities/new", {
        "kind": "vocational_programme", "programme_kind": "yrkesvux", "title": "Lager och logistik – yrkesvux",
        "description": "20 veckor med truckkort och lagerhantering.",
        "leads_to": "Lagerarbetare/Terminalarbetare", "municipality_code": f.VASTERAS, "seats": "20"})
    assert response.status_code == 302, response.get_data(as_text=True)
    programme = db.session.scalar(select(Opportunity).where(Opportunity.kind == "vocational_programme"))
    assert programme.leads_to == [f.WAREHOUSE_WORKER]
    browser.logout()

    # 3. A caseworker in Västerås vets the new organisations (matching takes only vetted organisations' places),
    # runs matching and approves the suggestion.
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    browser.login(caseworker.email, f.PASSWORD)
    employer_org = opportunity.organisation
    assert "Mälarlager AB" in browser.get("/caseworker/organisations").get_data(as_text=True)
    for org in (employer_org, programme.organisation):
        response = browser.submit(f"/caseworker/organisations/{org.id}/approve", page="/caseworker/organisations")
        assert response.status_code == 302
    db.session.refresh(employer_org)
    assert employer_org.vetted_at is not None and employer_org.vetted_by_id == caseworker.id
    assert browser.submit("/caseworker/matching/batches", page="/caseworker/").status_code == 302
    queue = browser.get("/caseworker/").get_data(as_text=True)
    assert "Amal Hassan" in queue and "Trainee lagerarbetare" in queue
    job_match = db.session.scalar(select(Match).where(Match.opportunity_id == opportunity.id))
    assert job_match.status == "suggested" and job_match.explanation["checks"]

    response = browser.submit(f"/caseworker/matches/{job_match.id}/decide", {"decision": "approved"},
                              page="/caseworker/")
    assert response.status_code == 302
    browser.logout()
    browser.login(employer_email, "ett starkt lösenord 42")
    page = browser.get(f"/organisation/opportunities/{opportunity.id}").get_data(as_text=True)
    from app.services.candidates import candidate_reference
    assert f"Kandidat {candidate_reference(job_match)}" in page  # an opaque reference, never the internal id
    assert f"Kandidat {job_match.id}<" not in page
    for secret in ("Amal", "Hassan", "amal@example.se", "070-123 45 67", "1995", "Aleppo"):
        assert secret not in page
    browser.logout()

    # 4. The jobseeker sees the approved suggestion with reasons and says yes.
    browser.login("amal@example.se", "en lång mening som lösenord")
    page = browser.get("/me/").get_data(as_text=True)
    assert "Trainee lagerarbetare" in page
    response = browser.submit(f"/me/matches/{job_match.id}/respond", {"answer": "yes"}, page="/me/")
    assert response.status_code == 302
    browser.logout()

    # 5. Now the employer sees name and contact details, and records the outcome.
    browser.login(employer_email, "ett starkt lösenord 42")
    page = browser.get(f"/organisation/opportunities/{opportunity.id}").get_data(as_text=True)
    assert "Amal Hassan" in page and "amal@example.se" in page and "070-123 45 67" in page
    response = browser.submit(f"/organisation/candidates/{job_match.id}/outcome", {"outcome": "placed"},
                              page=f"/organisation/opportunities/{opportunity.id}")
    assert response.status_code == 302

    db.session.expire_all()
    assert job_match.status == "placed"
    assert opportunity.seats_taken == 1
    history = db.session.scalars(select(MatchEvent.to_status).where(MatchEvent.match_id == job_match.id)
                                 .order_by(MatchEvent.id)).all()
    assert history == ["approved", "introduced", "placed"]
