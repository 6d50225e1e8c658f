"""The three journeys by keyboard only, with a visible focus, and screenshots for people to look at."""
import pyotp
import pytest

from app.services.demo import DEMO_TOTP_SECRET
from tests.browser.conftest import PASSWORD, forget_used_codes, switch_language

DEMO = "@demo.jobbrygga.se"


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching selector has focus (fails if the keyboard cannot reach it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"{selector} has no visible focus"
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def submit_with(page, key: str = "Enter") -> None:
    """Press key on a button or in a form and wait for the page the server answers with."""
    with page.expect_navigation():
        page.keyboard.press(key)


def keyboard_login(page, user: str) -> None:
    page.goto("/auth/login")
    tab_to(page, "#email")
    page.keyboard.type(user + DEMO)
    tab_to(page, "#password")
    page.keyboard.type(PASSWORD)
    submit_with(page)
    if page.url.endswith("/auth/two-factor"):  # staff: the code from the authenticator app
        forget_used_codes(user)
        tab_to(page, "#code")
        page.keyboard.type(pyotp.TOTP(DEMO_TOTP_SECRET).now())
        submit_with(page)


def test_caseworker_approves_by_keyboard(new_page):
    page = new_page()
    keyboard_login(page, "handlaggare.vasteras")
    tab_to(page, "[data-queue-card] summary")  # a compact row: Enter opens it in place
    page.keyboard.press("Enter")
    tab_to(page, "[data-queue-card] details[open] input[value=approved]")
    page.keyboard.press("Space")
    tab_to(page, "[data-queue-card] details[open] form.decision button[type=submit]")
    submit_with(page)
    assert "Beslutet är sparat" in page.inner_text(".flashes")


def test_employer_posts_by_keyboard(new_page):
    page = new_page()
    keyboard_login(page, "arbetsgivare")
    tab_to(page, "main a[href$='/opportunities/new']")
    submit_with(page)
    tab_to(page, "#title")
    page.keyboard.type("Traineeplats i lackeringen")
    tab_to(page, "#description")
    page.keyboard.type("Du lär dig lackera maskindelar med en erfaren handledare.")
    tab_to(page, "#municipality_code")
    page.keyboard.type("Västerås")
    tab_to(page, "#submit")
    submit_with(page)
    assert "Traineeplats i lackeringen" in page.inner_text("main")


@pytest.mark.parametrize("locale", ["sv", "ar", "ti"])
def test_screenshots_of_profile_and_suggestions(new_page, artifacts, locale):
    page = new_page(width=390, height=844)
    keyboard_login(page, "jobbsokare")
    switch_language(page, locale)
    page.goto("/me/profile")
    page.screenshot(path=str(artifacts / f"profile-{locale}.png"), full_page=True)
    page.goto("/me/")
    page.screenshot(path=str(artifacts / f"suggestions-{locale}.png"), full_page=True)
    assert page.locator("article.card").count() >= 1
    switch_language(page, "sv")


def test_jobseeker_says_yes_by_keyboard(new_page):
    page = new_page()
    keyboard_login(page, "jobbsokare")
    switch_language(page, "sv")  # the demo's Amal reads the service in Arabic
    tab_to(page, "button[value=yes]")
    submit_with(page)
    assert "Tack" in page.inner_text(".flashes")


def test_focus_moves_to_the_errors_after_a_failed_submit(new_page):
    page = new_page()
    keyboard_login(page, "arbetsgivare")
    page.goto("/organisation/opportunities/new")
    tab_to(page, "#submit")
    submit_with(page)
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.get_attribute("#title", "aria-invalid") == "true"


def test_profile_is_step_by_step_on_a_phone_and_keeps_answers(new_page):
    page = new_page(width=360, height=740)
    keyboard_login(page, "yusuf")
    page.goto("/me/profile")
    assert page.locator("form[data-steps] > fieldset:visible").count() == 1
    page.fill("#full_name", "")  # a mistake in the first part …
    while page.locator("#submit:visible").count() == 0:
        page.locator(".step-nav button:visible").last.click()
    page.fill("#about", "Jag kan köra truck.")
    with page.expect_navigation():
        page.click("#submit")
    # … brings the person back to the part with the problem, with the rest of the answers kept.
    assert page.locator("#full_name").is_visible()
    assert page.input_value("#about") == "Jag kan köra truck."
