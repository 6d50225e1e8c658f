"""Employers in a real browser: Back then Publish makes one place, close and reopen, a past date refused, an outcome
chosen on purpose, and the whole recruitment day (create → invite → sign up → came → interest → introduction after
the person's yes). Screenshots at phone width in Swedish and Arabic go to test-artifacts/."""
from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import Match, Opportunity, Organisation, User
from app.services.demo import DEMO_DOMAIN
from tests.browser.conftest import log_in, served_app, switch_language

SOON = date.today() + timedelta(days=40)


def _in_demo(work):
    with served_app().app_context():
        try:
            return work()
        finally:
            db.session.remove()


def _count(title: str) -> int:
    return _in_demo(lambda: db.session.scalar(select(func.count()).select_from(Opportunity)
                                              .where(Opportunity.title == title)))


def _fill_place(page, title: str, start: str) -> None:
    page.goto("/organisation/opportunities/new")
    page.fill("#title", title)
    page.fill("#description", "Montering och kvalitetskontroll, handledare hela första månaden.")
    page.fill("#seats", "2")
    page.fill("#start_date", start)


def test_back_then_publish_makes_one_place(new_page, artifacts):
    page = new_page(width=390, height=844)
    log_in(page, "arbetsgivare")
    _fill_place(page, "Trainee montör bakåt", str(SOON))
    assert page.input_value("#municipality_code") == "1980"  # starts from the organisation's municipality
    page.screenshot(path=artifacts / "employer-new-place-sv-390.png", full_page=True)
    with page.expect_navigation():
        page.click("#submit")
    place_url = page.url
    page.go_back()
    page.wait_for_load_state()
    if page.locator("#submit").count():
        with page.expect_navigation():
            page.click("#submit")
    assert _count("Trainee montör bakåt") == 1
    page.goto(place_url)
    assert "Montering och kvalitetskontroll" in page.content()  # the place's page shows what jobseekers see


def test_a_past_date_is_refused(new_page):
    page = new_page()
    log_in(page, "arbetsgivare")
    _fill_place(page, "Trainee gammalt datum", "2020-01-15")
    with page.expect_navigation():
        page.click("#submit")
    assert "Startdatumet har passerat" in page.inner_text(".error-summary")
    assert _count("Trainee gammalt datum") == 0


def test_close_and_reopen(new_page, artifacts):
    page = new_page(width=390, height=844)
    log_in(page, "arbetsgivare")
    _fill_place(page, "Trainee stängs och öppnas", str(SOON))
    with page.expect_navigation():
        page.click("#submit")
    with page.expect_navigation():
        page.click("text=Stäng platsen")
    assert "Stängd av er" in page.content()
    page.screenshot(path=artifacts / "employer-place-closed-sv-390.png", full_page=True)
    with page.expect_navigation():
        page.click("text=Öppna platsen igen")
    assert "Platsen är öppen igen" in page.content()
    assert _in_demo(lambda: db.session.scalar(select(Opportunity.status).where(
        Opportunity.title == "Trainee stängs och öppnas"))) == "open"


def _introduced_case_for_the_employer() -> tuple[int, int]:
    from app.services import cases
    from app.services.consents import agree_to_introduction
    from tests import factories as f

    def work():
        org = db.session.scalar(select(Organisation).where(Organisation.name == "Mälarverken Industri AB"))
        place = f.opportunity(org, title="Trainee utfall utan förval")
        person = f.profile(f.user(), full_name="Hodan Utfallsdóttir")
        m = f.match(person, place, status="approved")
        agree_to_introduction(m, person.user, "introduction-2025-1")
        assert m.status == "introduced" and cases
        return place.id, m.id
    return _in_demo(work)


def test_the_outcome_has_no_default(new_page, artifacts):
    place_id, match_id = _introduced_case_for_the_employer()
    page = new_page(width=390, height=844)
    log_in(page, "arbetsgivare")
    page.goto(f"/organisation/opportunities/{place_id}")
    radios = page.locator(f"input[name=outcome][id^=outcome-{match_id}-]")
    assert radios.count() == 3 and not any(radios.nth(i).is_checked() for i in range(3))
    page.screenshot(path=artifacts / "employer-outcome-sv-390.png", full_page=True)
    with page.expect_navigation():
        page.click(f"#submit-{match_id}")
    assert "Välj vad som hände innan du sparar" in page.content()
    assert _in_demo(lambda: db.session.get(Match, match_id).status) == "introduced"
    page.check(f"#outcome-{match_id}-interview")
    with page.expect_navigation():
        page.click(f"#submit-{match_id}")
    assert _in_demo(lambda: db.session.get(Match, match_id).status) == "interview"
    switch_language(page, "ar")
    page.goto(f"/organisation/opportunities/{place_id}")
    page.screenshot(path=artifacts / "employer-place-ar-390.png", full_page=True)
    switch_language(page, "sv")


def test_the_whole_recruitment_day(new_page, artifacts):
    # The caseworker creates the day with a place of Mälarverken …
    staff = new_page()
    log_in(staff, "handlaggare.vasteras")
    staff.goto("/caseworker/recruitment-days/new")
    staff.fill("#title", "Träff i webbläsaren")
    staff.fill("#day", str(date.today() + timedelta(days=10)))
    staff.fill("#venue", "Västerås stadshus")
    staff.fill("#address", "Fiskartorget 2")
    staff.fill("#accessibility", "Hiss och hörslinga")
    staff.fill("#capacity", "10")
    staff.fill("#slots", "09:00-10:30\n10:30-12:00")
    label = staff.locator("#places label", has_text="Mälarverken Industri AB").first
    place_title = label.inner_text().split(" – ", 1)[1]
    label.click()
    with staff.expect_navigation():
        staff.click("#submit")
    assert "Bjud in personer" in staff.content()
    day_url = staff.url

    def ensure_match():  # Amal is matched to the place (the usual pipeline's first step)
        from tests import factories as f
        amal = db.session.scalar(select(User).where(User.email == f"jobbsokare@{DEMO_DOMAIN}"))
        place = db.session.scalar(select(Opportunity).where(Opportunity.title == place_title))
        m = db.session.scalar(select(Match).where(Match.profile_id == amal.profile.id, Match.opportunity_id == place.id))
        if m is None:
            f.match(amal.profile, place, status="suggested")
        return amal.profile.id, place.id
    profile_id, place_id = _in_demo(ensure_match)
    staff.reload()
    staff.check(f"#person-{profile_id}")
    with staff.expect_navigation():
        staff.click("form[action$='/invite'] [type=submit]")
    assert "1 person är inbjuden" in staff.content()

    # … Amal signs up for a time (in her language: Arabic, at phone width) …
    seeker = new_page(width=390, height=844)
    log_in(seeker, "jobbsokare")
    switch_language(seeker, "ar")
    seeker.goto("/me/recruitment-days")
    card = seeker.locator("article", has_text="Träff i webbläsaren")
    card.locator("input[type=radio]").nth(1).check()
    with seeker.expect_navigation():
        card.locator("button[type=submit]").click()
    seeker.screenshot(path=artifacts / "recruitment-day-signed-up-ar-390.png", full_page=True)
    assert "10:30" in seeker.content()
    switch_language(seeker, "sv")

    # … the caseworker records that she came …
    staff.goto(day_url)
    with staff.expect_navigation():
        staff.locator("tr", has_text="Amal Hassan").locator("button[value=yes]").click()
    assert staff.locator("tr", has_text="Amal Hassan").locator("button[value=yes]").get_attribute("aria-pressed") == "true"

    # … the employer notes interest, by her code, without seeing her name …
    employer = new_page(width=390, height=844)
    log_in(employer, "arbetsgivare")
    employer.goto("/organisation/recruitment-days")
    with employer.expect_navigation():
        employer.click("text=Träff i webbläsaren")
    assert "Amal" not in employer.content()
    employer.screenshot(path=artifacts / "recruitment-day-employer-sv-390.png", full_page=True)
    with employer.expect_navigation():
        employer.locator("article").first.locator("button[type=submit]").first.click()
    assert "Ert intresse är anmält" in employer.content()

    # … Amal says yes in her usual list, and only then does the employer see who she is.
    seeker.goto("/me/")
    m_id = _in_demo(lambda: db.session.scalar(select(Match.id).where(Match.profile_id == profile_id,
                                                                      Match.opportunity_id == place_id)))
    assert _in_demo(lambda: db.session.get(Match, m_id).status) == "approved"
    with seeker.expect_navigation():
        seeker.locator(f"form[action$='/matches/{m_id}/respond'] button[value=yes]").click()
    assert _in_demo(lambda: db.session.get(Match, m_id).status) == "introduced"
    employer.goto(f"/organisation/opportunities/{place_id}")
    assert "Amal Hassan" in employer.content()
    staff.goto(day_url)
    staff.screenshot(path=artifacts / "recruitment-day-caseworker-sv.png", full_page=True)
    # invited, signed up, came, interest, introduced, interviews, hired
    assert staff.locator(".figures dd").all_inner_texts() == ["1", "1", "1", "1", "1", "0", "0"]
