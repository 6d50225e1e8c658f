"""API keys on a phone: made, shown once, revoked; the docs page readable at 320 px. Screenshots in sv and ar."""
import re

import pytest

from tests.browser.conftest import log_in, switch_language

WIDTH = 320


@pytest.mark.parametrize("locale", ["sv", "ar"])
def test_an_employer_makes_and_revokes_a_key_on_a_phone(new_page, artifacts, locale):
    page = new_page(width=WIDTH, height=800, scale=2)
    log_in(page, "arbetsgivare")
    switch_language(page, locale)
    page.goto("/organisation/api-keys")
    page.fill("#name", f"Rekrytering {locale}")
    page.keyboard.press("Enter")  # the form is sent from the keyboard
    page.wait_for_load_state()
    token = page.text_content("code.secret")
    assert re.fullmatch(r"jb_[A-Za-z0-9_-]{43}", token)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH + 1
    page.screenshot(path=str(artifacts / f"api-keys-{locale}-320.png"), full_page=True)
    page.goto("/organisation/api-keys")
    assert token not in page.content()  # shown once
    page.click(f"button:has-text('Rekrytering {locale}')")
    page.wait_for_load_state()
    assert page.locator("[role=status], .flash, .notice").count() >= 1
    switch_language(page, "sv")


@pytest.mark.parametrize("locale", ["sv", "ar"])
def test_the_api_docs_page_fits_a_phone(new_page, artifacts, locale):
    page = new_page(width=WIDTH, height=800, scale=2)
    page.goto("/")
    switch_language(page, locale)
    page.goto("/api/v1/docs")
    assert "/api/v1/organisation/places" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH + 1
    page.screenshot(path=str(artifacts / f"api-docs-{locale}-320.png"))
