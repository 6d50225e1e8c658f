"""The staff pages and the invitation page on a phone, in Swedish and Arabic: axe, no sideways scrolling, screenshots."""
import re

import pytest

from app.extensions import db
from app.services import invitations
from tests.browser.axe import serious_violations
from tests.browser.conftest import log_in, served_app, switch_language

WIDTH = 360


def _check(page, artifacts, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH + 1, name
    serious = [v["rule"] for v in serious_violations(page)]
    assert serious == [], (name, serious)


@pytest.mark.parametrize("locale", ["sv", "ar"])
def test_staff_pages_on_a_phone(new_page, artifacts, locale):
    page = new_page(width=WIDTH, height=800)
    log_in(page, "admin")
    switch_language(page, locale)
    page.goto("/admin/staff")
    _check(page, artifacts, f"staff-{locale}")
    with page.expect_navigation():
        page.click("main .staff-list a >> nth=1")
    assert re.search(r"/admin/staff/\d+$", page.url)
    _check(page, artifacts, f"staff-member-{locale}")
    switch_language(page, "sv")


@pytest.mark.parametrize("locale", ["sv", "ar"])
def test_the_invitation_page_on_a_phone(new_page, artifacts, base_url, locale):
    app = served_app()
    with app.test_request_context(base_url=base_url):
        invitation = invitations.invite(f"ny.{locale}@kommun.example.se", "admin", full_name="Ny Administratör")
        link = invitation.link
        db.session.remove()
    page = new_page(width=WIDTH, height=800)
    page.goto("/")
    switch_language(page, locale)
    page.goto(link)
    _check(page, artifacts, f"invitation-{locale}")
    page.fill("#password", "Lingonsylt på tisdagar 42")
    page.fill("#confirm", "Lingonsylt på tisdagar 42")
    with page.expect_navigation():
        page.click("#submit")
    assert page.url.endswith("/auth/two-factor/setup")
    assert page.locator(".flash-success").count() == 1, "the password is saved, and the page says so"
    _check(page, artifacts, f"invitation-then-app-{locale}")
