"""axe-core on every page of the journeys in every locale: zero serious or critical violations."""
import json

import pytest

from app.presentation.i18n import RTL_LOCALES, SUPPORTED_LOCALES
from tests.browser.axe import serious_violations
from tests.browser.conftest import log_in, switch_language

# Who sees which pages on the way through the journey.
JOURNEY_PAGES = {
    None: ["/", "/auth/login", "/auth/register", "/auth/register/sent", "/auth/register/organisation", "/auth/reset",
           "/no-such-page", "/help", "/accessibility", "/api/v1/docs"],
    "jobbsokare": ["/me/", "/me/applications", "/me/profile", "/me/privacy", "/me/data", "/me/data/readers",
                   "/me/delete", "/help", "/me/places", "/me/messages", "/me/recruitment-days"],
    "skola": ["/organisation/", "main table a", "/organisation/opportunities/new", "/organisation/needs/new",
              "/planning/programmes"],
    "arbetsgivare": ["/organisation/", "main table a", "/organisation/opportunities/new", "/auth/password",
                     "/auth/two-factor/setup", "/organisation/recruitment-days", "/organisation/recruitment-days/1",
                     "/organisation/api-keys", "/organisation/needs", "/organisation/needs/new"],
    "handlaggare.vasteras": ["/caseworker/", "/caseworker/people", "main table a", "/caseworker/organisations",
                             "main a[href$='/needs']",
                             "/caseworker/caseload", "/caseworker/follow-ups", "/caseworker/people/new",
                             "/caseworker/dashboard", "/caseworker/municipalities/1980/proposal",
                             "/caseworker/unreachable", "/caseworker/recruitment-days", "/caseworker/recruitment-days/new",
                             "/caseworker/recruitment-days/1", "/caseworker/late-answers", "/caseworker/api-keys",
                             "/planning/", "/planning/programmes", "/planning/goals"],
    "admin": ["/admin/", "/admin/privacy", "/caseworker/dashboard", "/admin/municipalities", "/admin/municipalities/1980",
              "/planning/goals"],
    "planerare.dalarna": ["/planning/", "/planning/programmes", "/planning/goals"],
}


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_no_serious_axe_violations(new_page, artifacts, locale):
    report = {}
    for user, paths in JOURNEY_PAGES.items():
        page = new_page()
        if user:
            log_in(page, user)
        else:
            page.goto("/")
        switch_language(page, locale)
        for path in paths:
            if path.startswith("/"):
                page.goto(path)
            else:  # a page reached by following the first link that matches, e.g. an opportunity
                with page.expect_navigation():
                    page.click(path)
                path = page.url.split("//", 1)[1].split("/", 1)[1]
            assert page.get_attribute("html", "lang") == locale.replace("_", "-")
            assert page.get_attribute("html", "dir") == ("rtl" if locale in RTL_LOCALES else "ltr")
            report[f"{user or 'anonymous'} /{path.lstrip('/')}"] = serious_violations(page)
        switch_language(page, "sv")  # the choice is saved on the account: leave it as the other tests expect
        page.context.close()
    (artifacts / f"axe-{locale}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    failing = {where: found for where, found in report.items() if found}
    assert failing == {}


@pytest.mark.parametrize("locale", ["sv", "ar", "ti", "uk"])
def test_no_horizontal_scrolling_on_a_phone(new_page, locale):
    width = 320
    for user, paths in (("jobbsokare", ["/me/", "/me/applications", "/me/profile", "/me/places", "/me/messages",
                                        "/me/recruitment-days"]),
                        ("handlaggare.vasteras", ["/caseworker/", "/caseworker/recruitment-days/1"]),
                        ("arbetsgivare", ["/auth/two-factor/setup", "/organisation/", "main table a",
                                          "/organisation/recruitment-days/1", "/organisation/needs/new",
                                          "/organisation/needs"])):
        page = new_page(width=width, height=700)
        log_in(page, user)
        switch_language(page, locale)
        for path in paths:
            if path.startswith("/"):
                page.goto(path)
            else:  # a page reached by following the first link that matches, e.g. an opportunity
                with page.expect_navigation():
                    page.click(path)
                path = page.url.split("//", 1)[1].split("/", 1)[1]
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, (user, path)
        switch_language(page, "sv")
        page.context.close()


@pytest.mark.parametrize("locale", ["sv", "fa_AF"])
def test_200_percent_zoom_keeps_everything_on_screen(new_page, locale):
    """WCAG 1.4.4: a 1280 px window at 200 % zoom is a 640 CSS px viewport with twice the pixels."""
    for user, paths in (("jobbsokare", ["/me/", "/me/applications", "/me/profile"]), ("arbetsgivare", ["/organisation/opportunities/new"]),
                        ("handlaggare.vasteras", ["/caseworker/", "/caseworker/people"])):
        page = new_page(width=640, height=400, scale=2)
        log_in(page, user)
        switch_language(page, locale)
        for path in paths:
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 641, (user, path)
            assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
        switch_language(page, "sv")
        page.context.close()


def test_axe_finds_a_real_violation(new_page):
    """The harness itself: an unlabelled field on a page is reported, so a clean result means something."""
    page = new_page()
    page.set_content('<html lang="sv"><head><title>t</title></head><body><main><input type="text"></main></body></html>')
    assert any(v["rule"] == "label" for v in serious_violations(page))
