"""The administrator's municipal settings page: the contact shown to jobseekers, reply deadlines and retention,
every MunicipalitySettings field, saved per municipality; bad input is refused with a message, nothing lost."""
from app.extensions import db
from app.models import MunicipalitySettings, Role
from tests import factories as f

URL = f"/admin/municipalities/{f.VASTERAS}"
GOOD = {"contact_name": "Arbetsmarknadsenheten", "contact_phone": "+46 21 39 00 00",
        "contact_email": "jobb@vasteras.example.se", "contact_hours": "Mån–fre 9–12", "reply_working_days": "7",
        "close_after_days": "60", "hide_after_days": "400", "delete_after_days": "90"}


def _admin(browser):
    admin = f.user(Role.ADMIN, locale="en")
    browser.login(admin.email, f.PASSWORD)
    return admin


def test_an_administrator_sets_every_field(browser):
    _admin(browser)
    page = browser.get(URL).get_data(as_text=True)
    assert "Settings for Västerås" in page and 'value="10"' in page and 'value="90"' in page  # the defaults
    response = browser.submit(URL, GOOD)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#m-{f.VASTERAS}")
    row = db.session.get(MunicipalitySettings, f.VASTERAS)
    assert (row.contact_name, row.contact_phone, row.contact_email, row.contact_hours) == (
        "Arbetsmarknadsenheten", "+46 21 39 00 00", "jobb@vasteras.example.se", "Mån–fre 9–12")
    assert (row.reply_working_days, row.close_after_days, row.hide_after_days, row.delete_after_days) == (7, 60, 400, 90)
    overview = browser.get("/admin/municipalities").get_data(as_text=True)
    assert "Arbetsmarknadsenheten" in overview and "7 working days" in overview
    # Blank contact fields clear the contact.
    browser.submit(URL, {**GOOD, "contact_name": " ", "contact_phone": ""})
    db.session.refresh(row)
    assert row.contact_name is None and row.contact_phone is None and row.contact_email


def test_bad_values_are_refused_with_a_message_and_kept_in_the_form(browser):
    _admin(browser)
    for change in ({"contact_phone": "ring mig"}, {"contact_email": "not-an-address"}, {"reply_working_days": "0"},
                   {"close_after_days": "5"}, {"hide_after_days": "NaN"}, {"reply_working_days": "30",
                                                                         "close_after_days": "20"}):
        response = browser.submit(URL, {**GOOD, **change})
        assert response.status_code == 400, change
        body = response.get_data(as_text=True)
        assert 'class="error-summary"' in body and "Arbetsmarknadsenheten" in body, change
    assert db.session.get(MunicipalitySettings, f.VASTERAS) is None


def test_the_overview_goes_to_a_chosen_municipality_and_unknown_ones_are_404(browser):
    _admin(browser)
    response = browser.get(f"/admin/municipalities?m={f.ESKILSTUNA}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/admin/municipalities/{f.ESKILSTUNA}")
    assert browser.get("/admin/municipalities?m=nope").status_code == 200
    assert browser.get("/admin/municipalities/9999").status_code == 404


def test_only_administrators(browser):
    caseworker = f.user(Role.CASEWORKER)
    browser.login(caseworker.email, f.PASSWORD)
    assert browser.get(URL).status_code == 403
    assert browser.submit(URL, GOOD, page="/caseworker/").status_code == 403
    assert db.session.get(MunicipalitySettings, f.VASTERAS) is None
