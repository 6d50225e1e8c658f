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


RECRUITMENT = {"recruitment_venue": "Kulturhuset, sal 2", "recruitment_address": "Stora torget 1, Västerås",
               "recruitment_accessibility": "Hiss och hörslinga", "recruitment_capacity": "40",
               "recruitment_starts": "09:00", "recruitment_ends": "11:00", "recruitment_slot_minutes": "45"}


def test_recruitment_day_defaults_reach_the_new_recruitment_days_form(browser):
    _admin(browser)
    assert browser.submit(URL, {**GOOD, **RECRUITMENT}).status_code == 302
    row = db.session.get(MunicipalitySettings, f.VASTERAS)
    assert (row.recruitment_venue, row.recruitment_capacity, row.recruitment_slot_minutes) == ("Kulturhuset, sal 2", 40, 45)
    assert 'value="09:00"' in browser.get(URL).get_data(as_text=True)  # shown back as saved
    browser.logout()
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS, locale="en")
    browser.login(caseworker.email, f.PASSWORD)
    form = browser.get("/caseworker/recruitment-days/new").get_data(as_text=True)
    assert 'value="Kulturhuset, sal 2"' in form and 'value="Stora torget 1, Västerås"' in form
    assert "Hiss och hörslinga</textarea>" in form and 'value="40"' in form
    # 09:00 to 11:00 in times of 45 minutes: the last one is shorter.
    assert "09:00-09:45\n09:45-10:30\n10:30-11:00</textarea>" in form


def test_a_municipality_without_recruitment_defaults_gets_an_empty_form(browser):
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.ESKILSTUNA, locale="en")
    browser.login(caseworker.email, f.PASSWORD)
    form = browser.get("/caseworker/recruitment-days/new").get_data(as_text=True)
    assert 'name="venue" required type="text" value=""' in form or 'id="venue" name="venue"' in form
    assert 'value="30"' in form  # the built-in capacity


def test_bad_recruitment_defaults_are_refused_and_what_was_saved_stays(browser):
    _admin(browser)
    assert browser.submit(URL, {**GOOD, **RECRUITMENT}).status_code == 302
    for change, message in (({"recruitment_starts": "25:00"}, "Not a valid time value."),
                            ({"recruitment_ends": "08:00"}, "The day must end after it starts."),
                            ({"recruitment_ends": ""}, "Write both when the day starts and when it ends, or neither."),
                            ({"recruitment_slot_minutes": "5", "recruitment_starts": "07:00", "recruitment_ends": "19:00"},
                             "That makes more than 40 times in a day"),
                            ({"recruitment_capacity": "0"}, "Number must be between 1 and 1000."),
                            ({"recruitment_venue": "x" * 201}, "Field cannot be longer than 200 characters.")):
        response = browser.submit(URL, {**GOOD, **RECRUITMENT, **change})
        assert response.status_code == 400, change
        body = response.get_data(as_text=True)
        assert message in body and "Kulturhuset, sal 2" in body or change.get("recruitment_venue"), change
    row = db.session.get(MunicipalitySettings, f.VASTERAS)
    db.session.refresh(row)
    assert (row.recruitment_starts.isoformat(), row.recruitment_ends.isoformat(), row.recruitment_capacity,
            row.recruitment_slot_minutes, row.recruitment_venue) == ("09:00:00", "11:00:00", 40, 45, "Kulturhuset, sal 2")


def test_recruitment_default_messages_are_in_the_administrators_language(browser):
    admin = f.user(Role.ADMIN, locale="sv")
    browser.login(admin.email, f.PASSWORD)
    body = browser.submit(URL, {**GOOD, **RECRUITMENT, "recruitment_ends": "08:00"}).get_data(as_text=True)
    assert "The day must end after it starts." not in body and 'class="error-summary"' in body
