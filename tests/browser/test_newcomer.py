"""A newcomer's pages in a real browser: what a card says, reasons in Arabic, undoable choices, nothing typed
lost over a language switch or a timeout, the person's own words kept, axe on the new pages in every locale,
and screenshots at 390 px of the suggestions and "My applications" in all seven locales."""
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.presentation.i18n import RTL_LOCALES, SUPPORTED_LOCALES
from app.models import JobseekerProfile, Match, Opportunity, Organisation, User
from app.services.demo import DEMO_DOMAIN
from tests.browser.axe import serious_violations
from tests.browser.conftest import log_in, served_app, switch_language



def _approved_place(local_part: str, **fields) -> int:
    """A fresh place, approved for the demo person `local_part` (so each test starts from its own case)."""
    app = served_app()
    with app.app_context():
        profile = db.session.scalar(select(JobseekerProfile).join(User, JobseekerProfile.user_id == User.id)
                                    .where(User.email == f"{local_part}@{DEMO_DOMAIN}"))
        organisation = db.session.scalars(select(Organisation).order_by(Organisation.id)).first()
        opportunity = Opportunity(
            organisation=organisation, kind=fields.pop("kind", "trainee_job"),
            title=fields.pop("title", "Trainee inom lager och logistik"),
            description=fields.pop("description", "Du lär dig plock, pack och truckkörning på vårt lager i "
                                                   "Västerås tillsammans med en erfaren handledare. " * 3),
            occupation_id=(profile.wanted_occupations or [None])[0], municipality_code="0484", seats=2,
            min_swedish="A2", driving_licences=["B"], start_date=date.today() + timedelta(weeks=5),
            deadline=date.today() + timedelta(weeks=3), **fields)
        db.session.add(opportunity)
        db.session.flush()
        match = Match(profile_id=profile.id, opportunity_id=opportunity.id, score=0.99, model_version="test",
                      status="approved",
                      explanation={"occupation_match": True, "matched_skills": list(profile.skills or [])[:2],
                                   "missing_skills": ["x1", "x2", "x3", "x4"], "checks": ["swedish", "licence"],
                                   "distance_km": 66.4})
        db.session.add(match)
        db.session.commit()
        match_id = match.id
        db.session.remove()
    return match_id


def _status(match_id: int) -> str:
    with served_app().app_context():
        status = db.session.get(Match, match_id).status
        db.session.remove()
    return status


def test_the_card_shows_place_dates_and_an_excerpt(new_page):
    match_id = _approved_place("jobbsokare")
    page = new_page(width=390, height=844)
    log_in(page, "jobbsokare")
    switch_language(page, "en")
    card = page.locator(f"#match-{match_id}")
    text = card.inner_text()
    assert "Trainee inom lager och logistik" in text
    assert card.locator("blockquote[lang=sv]").inner_text().startswith("Du lär dig plock")
    assert "Eskilstuna" in text and "It is about" in text and "0 km" not in text
    assert "Starts" in text and "Last day to answer" in text and "2 places left" in text
    assert "A2 – basic" in text and "working days" in text  # what happens if you say yes
    assert card.locator(".reasons li").count() <= 6  # a few reasons, not the place's skill list
    switch_language(page, "sv")


def test_reasons_in_arabic_have_no_swedish_outside_bdi(new_page):
    match_id = _approved_place("jobbsokare")
    page = new_page(width=390, height=844)
    log_in(page, "jobbsokare")
    switch_language(page, "ar")
    reasons = page.locator(f"#match-{match_id} ul.reasons")
    assert reasons.locator("li").first.inner_text()
    outside = reasons.evaluate("""list => {
        const copy = list.cloneNode(true);
        copy.querySelectorAll('bdi[lang=sv]').forEach(node => node.remove());
        return copy.innerText; }""")
    assert not re.search(r"[A-Za-zÅÄÖåäö]{2,}", outside), outside
    for term in reasons.locator("bdi[lang=sv]").all():  # a Swedish term is marked as Swedish
        assert term.evaluate("node => node.nextElementSibling && node.nextElementSibling.className") == "sv-mark"


def test_withdraw_asks_first_then_yes_again(new_page):
    match_id = _approved_place("selam")
    page = new_page(width=390, height=844)
    log_in(page, "selam")
    switch_language(page, "en")
    card = f"#match-{match_id}"
    with page.expect_navigation():
        page.click(f"{card} button[value=yes]")
    assert _status(match_id) == "introduced"
    with page.expect_navigation():
        page.click(f"{card} a.button")  # "Take back my yes": a page of its own, no JavaScript needed
    assert "Are you sure?" in page.inner_text("h1") and _status(match_id) == "introduced"
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert _status(match_id) == "declined"
    with page.expect_navigation():
        page.click(f"{card} button[value=yes]")  # "Yes, introduce me after all"
    assert _status(match_id) == "introduced"
    page.goto("/me/applications")
    journey = page.inner_text("main")
    assert journey.index("You said yes") < journey.index("You took back your yes") < journey.index(
        "You changed your mind and said yes")


def _forget_drafts(local_part: str) -> None:
    """Each test starts from the saved profile, not from a draft another test left."""
    from sqlalchemy import delete

    from app.models import FormDraft
    with served_app().app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == f"{local_part}@{DEMO_DOMAIN}"))
        db.session.execute(delete(FormDraft).where(FormDraft.user_id == user_id))
        db.session.commit()
        db.session.remove()


def _fill_first_steps(page):
    page.fill("#full_name", "Olena Kovalenko")
    page.fill("#name_own_script", "Олена Коваленко")
    page.locator(".step-nav button").nth(1).click()  # Next (in the page's language)
    page.fill("#travel_km", "77")


def test_a_language_switch_keeps_typed_data_and_the_step(new_page):
    page = new_page(width=390, height=844)
    _forget_drafts("olena")
    log_in(page, "olena")
    switch_language(page, "uk")
    page.goto("/me/profile")
    _fill_first_steps(page)
    assert page.locator("#travel_km").is_visible()
    switch_language(page, "ar")
    assert page.get_attribute("html", "lang") == "ar" and page.url.endswith("/me/profile")
    assert page.input_value("#travel_km") == "77" and page.locator("#travel_km").is_visible()  # same step
    assert page.input_value("#full_name") == "Olena Kovalenko"
    switch_language(page, "uk")


def test_registration_keeps_what_was_typed_over_a_language_switch(new_page):
    page = new_page(width=390, height=844)
    page.goto("/auth/register")
    page.fill("#full_name", "Selam Tesfaye")
    page.fill("#email", "selam.ny@example.org")
    switch_language(page, "ti")
    assert page.get_attribute("html", "lang") == "ti"
    assert page.input_value("#full_name") == "Selam Tesfaye" and page.input_value("#email") == "selam.ny@example.org"


def test_a_session_timeout_keeps_the_draft_and_the_step(new_page):
    page = new_page(width=390, height=844)
    _forget_drafts("olena")
    log_in(page, "olena")
    switch_language(page, "uk")
    page.goto("/me/profile")
    _fill_first_steps(page)
    # The session ran out: the browser's cookie now says the last request was 31 minutes ago.
    app = served_app()
    serializer = app.session_interface.get_signing_serializer(app)
    cookie = next(c for c in page.context.cookies() if c["name"] == app.config["SESSION_COOKIE_NAME"])
    data = serializer.loads(cookie["value"])
    data["seen_at"] -= 31 * 60
    page.context.add_cookies([{**cookie, "value": serializer.dumps(data)}])
    with page.expect_navigation():
        page.evaluate("document.getElementById('profile-form').requestSubmit()")  # e.g. the timer sends it
    assert "/auth/login" in page.url and page.get_attribute("html", "lang") == "uk"
    page.fill("#email", f"olena@{DEMO_DOMAIN}")
    page.fill("#password", "Jobbrygga-demo-2026")
    with page.expect_navigation():
        page.click("#submit")
    assert page.url.endswith("/me/profile")
    assert page.input_value("#travel_km") == "77" and page.locator("#travel_km").is_visible()
    assert page.input_value("#name_own_script") == "Олена Коваленко"


def test_a_free_text_occupation_is_kept(new_page):
    page = new_page(width=1100)
    log_in(page, "yusuf")
    switch_language(page, "so")
    page.goto("/me/profile")
    page.fill("#wanted_occupations", "Darawal forklift oo caan ah\nLagerarbetare")
    with page.expect_navigation():
        page.click("#submit")
    assert "/me/" in page.url and "Fadlan sax" not in page.inner_text("main")
    page.goto("/me/profile")
    assert "Darawal forklift oo caan ah" in page.input_value("#wanted_occupations")


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_new_pages_pass_axe_and_are_photographed_at_390_px(new_page, artifacts, locale):
    match_id = _approved_place("jobbsokare", title=f"Traineeplats {locale}")
    page = new_page(width=390, height=844)
    log_in(page, "jobbsokare")
    switch_language(page, locale)
    report = {}
    for path in ("/me/", "/me/applications", f"/me/matches/{match_id}/confirm/no", "/help", "/accessibility"):
        page.goto(path)
        assert page.get_attribute("html", "dir") == ("rtl" if locale in RTL_LOCALES else "ltr")
        assert page.evaluate("document.documentElement.scrollWidth") <= 391, path
        report[path] = [(v["rule"], v["nodes"]) for v in serious_violations(page)]
        if path == "/me/":
            page.screenshot(path=str(artifacts / f"newcomer-suggestions-{locale}.png"), full_page=True)
        elif path == "/me/applications":
            page.screenshot(path=str(artifacts / f"newcomer-applications-{locale}.png"), full_page=True)
    switch_language(page, "ar")  # the demo's Amal reads the service in Arabic
    assert {path: found for path, found in report.items() if found} == {}
