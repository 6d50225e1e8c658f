"""Protected identity: contact details only for the assigned caseworker; never employers, never exports."""
import csv
import io
from datetime import datetime, timezone

import pytest

from app.extensions import db
from app.models import Role
from tests import factories as f

PHONE = "+46 70 999 88 77"


@pytest.fixture
def world():
    assigned = f.user(Role.CASEWORKER, locale="en")
    colleague = f.user(Role.CASEWORKER, locale="en")
    admin = f.user(Role.ADMIN, locale="en")
    seeker = f.user(email="skyddad.person@example.se")
    person = f.profile(seeker, phone=PHONE, protected_identity=True, caseworker_id=assigned.id)
    org = f.organisation(vetted_at=datetime.now(timezone.utc))
    m = f.match(person, f.opportunity(org), status="introduced")
    return {"assigned": assigned, "colleague": colleague, "admin": admin, "employer": f.member(org, locale="en"),
            "person": person, "match": m}


def _contact_shown(body: str) -> bool:
    return PHONE in body or "skyddad.person@example.se" in body


def test_the_assigned_caseworker_sees_the_contact_details(browser, world):
    browser.login(world["assigned"].email, f.PASSWORD)
    assert _contact_shown(browser.get(f"/caseworker/people/{world['person'].id}").get_data(as_text=True))


@pytest.mark.parametrize("viewer", ["colleague", "admin"])
def test_other_staff_see_protected_identity_instead(browser, world, viewer):
    browser.login(world[viewer].email, f.PASSWORD)
    for url in (f"/caseworker/people/{world['person'].id}", "/caseworker/", "/caseworker/people"):
        body = browser.get(url).get_data(as_text=True)
        assert not _contact_shown(body), url
    assert "Protected identity" in browser.get(f"/caseworker/people/{world['person'].id}").get_data(as_text=True)


def test_employers_never_see_contact_details_even_after_introduction(browser, world):
    browser.login(world["employer"].email, f.PASSWORD)
    body = browser.get(f"/organisation/opportunities/{world['match'].opportunity_id}").get_data(as_text=True)
    assert world["person"].full_name in body  # introduced: the name is shown
    assert not _contact_shown(body)
    assert "caseworker will arrange the contact" in body


@pytest.mark.parametrize("viewer", ["assigned", "colleague", "admin"])
def test_no_staff_export_carries_the_contact_details(browser, world, viewer):
    unprotected = f.profile(f.user(email="open.person@example.se"), phone="+46 70 000 00 01")
    browser.login(world[viewer].email, f.PASSWORD)
    csv = browser.submit("/caseworker/people.csv", page="/caseworker/people").get_data(as_text=True)
    assert not _contact_shown(csv)
    assert "Protected identity" in csv
    assert "open.person@example.se" in csv and unprotected.phone in csv  # the export does carry contacts otherwise


def test_a_caseworker_sets_the_flag_on_the_person_page(browser):
    caseworker = f.user(Role.CASEWORKER, locale="en")
    person = f.profile(f.user(), phone=PHONE)
    browser.login(caseworker.email, f.PASSWORD)
    page = browser.get(f"/caseworker/people/{person.id}").get_data(as_text=True)
    assert f'action="/caseworker/people/{person.id}/protected-identity"' in page
    browser.submit(f"/caseworker/people/{person.id}/protected-identity", {"protected": "y"},
                   page=f"/caseworker/people/{person.id}")
    db.session.refresh(person)
    assert person.protected_identity and person.caseworker_id == caseworker.id  # nobody else was assigned


def test_only_the_assigned_caseworker_can_lift_the_flag(browser, world):
    browser.login(world["colleague"].email, f.PASSWORD)
    url = f"/caseworker/people/{world['person'].id}/protected-identity"
    browser.submit(url, {}, page=f"/caseworker/people/{world['person'].id}")  # box not ticked: lift
    db.session.refresh(world["person"])
    assert world["person"].protected_identity
    browser.logout()
    browser.login(world["assigned"].email, f.PASSWORD)
    browser.submit(url, {}, page=f"/caseworker/people/{world['person'].id}")  # no reason: nothing changes
    db.session.refresh(world["person"])
    assert world["person"].protected_identity
    browser.submit(url, {"reason": "Skatteverket har tagit bort skyddet"}, page=f"/caseworker/people/{world['person'].id}")
    db.session.refresh(world["person"])
    assert not world["person"].protected_identity


def test_csv_cells_never_start_a_formula(browser):
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    for name in ("=HYPERLINK(\"http://x\",\"y\")", "+SUM(A1)", "-2+3", "@cmd", "Åsa Öberg"):
        f.profile(f.user(), full_name=name, municipality_code=f.VASTERAS)
    browser.login(caseworker.email, f.PASSWORD)
    text = browser.submit("/caseworker/people.csv", page="/caseworker/people").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    names = {row[1] for row in rows[1:]}
    assert {"'=HYPERLINK(\"http://x\",\"y\")", "'+SUM(A1)", "'-2+3", "'@cmd", "Åsa Öberg"} <= names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
