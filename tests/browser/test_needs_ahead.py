"""Needs ahead in a real browser on a 390 px phone: the employer records a need in Swedish (occupation chosen with
the autocomplete), changes and withdraws it, states it again; the same form in Arabic (right to left) with a bad
number first; a caseworker records one after a visit. Screenshots go to test-artifacts/."""
from sqlalchemy import select

from app.extensions import db
from app.models import Organisation
from app.models.need import CompetenceNeed
from tests.browser.conftest import _served, log_in, switch_language
from tests.browser.axe import serious_violations as _serious

PHONE = {"width": 390, "height": 844}


def _in_demo(work):
    with _served[0].app_context():
        try:
            return work()
        finally:
            db.session.remove()


def _needs(note: str) -> list[tuple]:
    return _in_demo(lambda: db.session.execute(
        select(CompetenceNeed.headcount, CompetenceNeed.horizon_months, CompetenceNeed.status,
               CompetenceNeed.occupation_id, CompetenceNeed.would_take)
        .where(CompetenceNeed.note == note)).all())


def _no_sideways_scrolling(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], page.url


def _choose_occupation(page, typed: str) -> None:
    page.fill("#occupation", "")
    page.type("#occupation", typed, delay=30)
    option = page.locator(".autocomplete-list [role=option]").first
    option.wait_for()
    option.click()


def test_an_employer_records_changes_withdraws_and_restates_a_need_in_swedish(new_page, artifacts):
    page = new_page(**PHONE)
    log_in(page, "arbetsgivare")
    with page.expect_navigation():
        page.click("text=Kommande behov: vilka ni räknar med att anställa")  # from the organisation's home
    page.screenshot(path=artifacts / "needs-empty-sv-390.png", full_page=True)
    with page.expect_navigation():
        page.click("text=Registrera ett behov")
    _choose_occupation(page, "Lagerarb")
    assert page.input_value("#occupation").startswith("Lagerarbetare")
    page.fill("#headcount", "15")
    page.check("#horizon_months-1")  # within a year
    assert page.input_value("#municipality_code") == "1980"  # starts from the organisation's municipality
    page.select_option("#min_swedish", "A2")
    page.check("input[name=driving_licences][value=B]")
    page.check("input[name=would_take][value=trainee_job]")
    page.check("input[name=would_take][value=apprenticeship]")
    page.fill("#note", "Nytt lager i Hacksta, browser-sv.")
    _no_sideways_scrolling(page)
    page.screenshot(path=artifacts / "needs-form-sv-390.png", full_page=True)
    with page.expect_navigation():
        page.click("#submit")
    assert "Behovet är sparat" in page.content()
    [(headcount, horizon, status, occupation, would_take)] = _needs("Nytt lager i Hacksta, browser-sv.")
    assert (headcount, horizon, status) == (15, 12, "active") and would_take == ["trainee_job", "apprenticeship"]
    _no_sideways_scrolling(page)
    page.screenshot(path=artifacts / "needs-list-sv-390.png", full_page=True)

    card = page.locator("article.need", has_text="browser-sv")
    with page.expect_navigation():
        card.locator("a.button").click()  # Change
    page.fill("#headcount", "20")
    page.check("#horizon_months-2")  # within two years
    with page.expect_navigation():
        page.click("#submit")
    assert _needs("Nytt lager i Hacksta, browser-sv.")[0][:3] == (20, 24, "active")

    with page.expect_navigation():
        page.locator("article.need", has_text="browser-sv").locator("text=Dra tillbaka").click()
    assert "Dra tillbaka behovet?" in page.content()
    assert _serious(page) == []  # axe: the confirmation page (the journey's run sees no need to confirm)
    page.screenshot(path=artifacts / "needs-withdraw-confirm-sv-390.png", full_page=True)
    with page.expect_navigation():
        page.click("text=Ja, dra tillbaka behovet")
    assert _needs("Nytt lager i Hacksta, browser-sv.")[0][2] == "withdrawn"
    card = page.locator("article.need", has_text="browser-sv")
    assert "Tillbakadraget" in card.inner_text()
    assert _serious(page) == []  # axe: the list with an active and a withdrawn need
    page.screenshot(path=artifacts / "needs-withdrawn-sv-390.png", full_page=True)
    with page.expect_navigation():
        card.locator("text=Ange det igen").click()
    assert _needs("Nytt lager i Hacksta, browser-sv.")[0][2] == "active"


def test_the_form_in_arabic_right_to_left_with_a_mistake_first(new_page, artifacts):
    page = new_page(**PHONE)
    log_in(page, "arbetsgivare")
    switch_language(page, "ar")
    try:
        page.goto("/organisation/needs/new")
        assert page.get_attribute("html", "dir") == "rtl"
        _choose_occupation(page, "Lagerarb")
        chosen = page.input_value("#occupation")  # the occupation's Arabic name
        page.fill("#headcount", "0")
        page.fill("#note", "browser-ar")
        with page.expect_navigation():
            page.click("#submit")
        summary = page.inner_text(".error-summary")
        assert "10" in summary and "1" in summary  # the range, in Arabic words around it
        assert page.input_value("#note") == "browser-ar"  # what was typed is kept
        assert page.input_value("#occupation") == chosen != ""
        _no_sideways_scrolling(page)
        page.screenshot(path=artifacts / "needs-form-error-ar-390.png", full_page=True)
        page.fill("#headcount", "3")
        with page.expect_navigation():
            page.click("#submit")
        assert _needs("browser-ar")[0][:3] == (3, 12, "active")
        _no_sideways_scrolling(page)
        page.screenshot(path=artifacts / "needs-list-ar-390.png", full_page=True)
        assert _serious(page) == []
    finally:
        switch_language(page, "sv")  # the choice is saved on the account: leave it as the other tests expect


def test_a_caseworker_records_a_need_after_a_visit(new_page, artifacts):
    org_id = _in_demo(lambda: db.session.scalar(select(Organisation.id).where(
        Organisation.name == "Mälarverken Industri AB")))
    page = new_page(**PHONE)
    log_in(page, "handlaggare.vasteras")
    page.goto("/caseworker/organisations")
    with page.expect_navigation():
        page.click(f"a[href='/caseworker/organisations/{org_id}/needs']")
    _choose_occupation(page, "Lagerarb")
    page.fill("#headcount", "4")
    page.check("#horizon_months-0")
    page.fill("#note", "Företagsbesök, browser-cw.")
    _no_sideways_scrolling(page)
    page.screenshot(path=artifacts / "needs-caseworker-form-sv-390.png", full_page=True)
    with page.expect_navigation():
        page.click("#submit")
    assert _needs("Företagsbesök, browser-cw.")[0][:3] == (4, 6, "active")
    assert "Registrerat av kommunen" in page.locator("article.need", has_text="browser-cw").inner_text()


def test_an_employer_records_a_need_by_keyboard_only(new_page):
    from tests.browser.test_keyboard import keyboard_login, submit_with, tab_to

    page = new_page(**PHONE)
    keyboard_login(page, "arbetsgivare")
    page.goto("/organisation/needs")
    tab_to(page, "main a[href$='/needs/new']")
    submit_with(page)
    tab_to(page, "#occupation")
    page.keyboard.type("Lagerarb", delay=30)
    page.locator(".autocomplete-list [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # chooses the option; does not send the form
    assert page.input_value("#occupation").startswith("Lagerarbetare") and page.url.endswith("/needs/new")
    tab_to(page, "#headcount")
    page.keyboard.type("2")
    tab_to(page, "input[name=horizon_months]:checked")  # the group's one stop; arrows move within it
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#horizon_months-2")  # from "within a year" to "within two years"
    tab_to(page, "input[name=would_take][value=apprenticeship]")
    page.keyboard.press("Space")
    tab_to(page, "#note")
    page.keyboard.type("browser-keyboard")
    tab_to(page, "#submit")
    submit_with(page)
    [(headcount, horizon, status, _occupation, would_take)] = _needs("browser-keyboard")
    assert (headcount, horizon, status, would_take) == (2, 24, "active", ["apprenticeship"])
