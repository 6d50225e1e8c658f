"""A jobseeker on a phone finds a place, says "I'm interested" and chooses how to hear news (Arabic and Swedish);
screenshots in test-artifacts/ show the pages at 360 px."""
import pytest

from tests.browser.conftest import log_in, switch_language


@pytest.mark.parametrize("locale", ["sv", "ar"])
def test_find_a_place_and_ask_for_it_on_a_phone(new_page, artifacts, locale):
    page = new_page(width=360, height=780)
    log_in(page, "yusuf")
    switch_language(page, locale)
    page.goto("/me/places?km=100")
    page.screenshot(path=str(artifacts / f"places-{locale}.png"), full_page=True)
    cards = page.locator("main article.card:has(form)")  # places not asked for yet
    assert cards.count() > 0
    first = cards.first
    card_id = first.get_attribute("id")
    first.locator("button[type=submit]").click()  # "I'm interested"
    page.wait_for_load_state()
    assert page.locator(".flash, [role=status], [role=alert]").count() > 0
    assert page.locator(f"#{card_id} form").count() == 0  # the card now says it was asked for
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    page.goto("/me/messages")
    page.check("#sms")
    page.select_option("#alerts", "weekly")
    page.click("button[type=submit]:not(.link-button)")
    page.wait_for_load_state()
    assert page.locator("#alerts").input_value() == "weekly"
    page.screenshot(path=str(artifacts / f"messages-{locale}.png"), full_page=True)
    switch_language(page, "sv")
