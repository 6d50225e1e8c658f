"""Organisations are vetted by the municipality before they see any candidate, not even an anonymised one."""
from sqlalchemy import select

from app.extensions import db
from app.models import Organisation, Role
from app.services.candidates import candidate_reference
from tests import factories as f


def _employer_with_candidates(vetted=False):
    org = f.organisation(vetted=vetted, municipality_code=f.VASTERAS)
    employer = f.member(org)
    opp = f.opportunity(org)
    approved = f.match(f.profile(f.user(), full_name="Anonym Kandidatsson"), opp, status="approved")
    introduced = f.match(f.profile(f.user(email="presenterad@example.se"), full_name="Presenterad Persson"),
                         opp, status="introduced")
    return org, employer, opp, approved, introduced


def test_an_unvetted_employer_sees_no_candidate_then_anonymised_cards_after_approval(app, browser):
    org, employer, opp, approved, introduced = _employer_with_candidates()
    browser.login(employer.email, f.PASSWORD)
    page = browser.get(f"/organisation/opportunities/{opp.id}").get_data(as_text=True)
    assert '<article class="card"' not in page
    for secret in (f"Kandidat {candidate_reference(approved)}", f"Candidate {candidate_reference(approved)}", "Presenterad Persson",
                   "presenterad@example.se"):
        assert secret not in page
    assert 'class="notice"' in page  # and a message that says why
    assert 'class="notice"' in browser.get("/organisation/").get_data(as_text=True)
    # Nor can it act on a candidate it cannot see.
    response = browser.submit(f"/organisation/candidates/{introduced.id}/outcome", {"outcome": "placed"},
                              page="/organisation/")
    assert response.status_code == 404
    browser.logout()

    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    browser.login(caseworker.email, f.PASSWORD)
    assert org.name in browser.get("/caseworker/organisations").get_data(as_text=True)
    assert browser.submit(f"/caseworker/organisations/{org.id}/approve", page="/caseworker/organisations"
                          ).status_code == 302
    db.session.refresh(org)
    assert org.vetted_at is not None and org.vetted_by_id == caseworker.id
    assert f'id="approve-{org.id}"' not in browser.get("/caseworker/organisations").get_data(as_text=True)
    browser.logout()

    browser.login(employer.email, f.PASSWORD)
    page = browser.get(f"/organisation/opportunities/{opp.id}").get_data(as_text=True)
    assert page.count('<article class="card"') == 2
    assert f"Kandidat {candidate_reference(approved)}" in page and "Anonym Kandidatsson" not in page  # still anonymised
    assert "Presenterad Persson" in page  # agreed to be introduced


def test_only_the_own_municipality_or_an_admin_vets(browser):
    org = f.organisation(vetted=False, municipality_code=f.ESKILSTUNA)
    f.member(org)
    elsewhere = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    browser.login(elsewhere.email, f.PASSWORD)
    assert org.name not in browser.get("/caseworker/organisations").get_data(as_text=True)
    assert browser.submit(f"/caseworker/organisations/{org.id}/approve", page="/caseworker/organisations"
                          ).status_code == 404
    db.session.refresh(org)
    assert org.vetted_at is None
    browser.logout()

    admin = f.user(Role.ADMIN)
    browser.login(admin.email, f.PASSWORD)
    assert org.name in browser.get("/caseworker/organisations").get_data(as_text=True)
    assert browser.submit(f"/caseworker/organisations/{org.id}/approve", page="/caseworker/organisations"
                          ).status_code == 302
    db.session.refresh(org)
    assert org.vetted_by_id == admin.id


def test_a_second_approval_keeps_the_first(browser):
    org = f.organisation(vetted=False)
    f.member(org)
    first, second = f.user(Role.CASEWORKER), f.user(Role.CASEWORKER)
    for caseworker in (first, second):
        browser.login(caseworker.email, f.PASSWORD)
        assert browser.submit(f"/caseworker/organisations/{org.id}/approve", page="/caseworker/organisations"
                              ).status_code == 302
        browser.logout()
    db.session.refresh(org)
    assert org.vetted_by_id == first.id


def test_a_self_registered_organisation_starts_unvetted(browser):
    response = browser.submit("/auth/register/organisation", {
        "kind": "employer", "organisation_name": "Nya Lagret AB", "org_number": f.VALID_ORG_NUMBERS[1],
        "municipality": f.VASTERAS, "full_name": "Ny Person", "email": "ny@example.se",
        "password": "tre gröna cyklar vid älven", "confirm": "tre gröna cyklar vid älven", "locale": "sv",
        "vetted_at": "2020-01-01", "vetted_by_id": "1"})  # extra fields change nothing
    assert response.status_code == 302
    org = db.session.scalar(select(Organisation).where(Organisation.name == "Nya Lagret AB"))
    assert org.vetted_at is None and org.vetted_by_id is None
