"""The competence pages over a demo region (its own database and server): charts with figures, nothing wider than a
320 px phone, axe clean, in Swedish and Arabic; screenshots at 1,280 and 320 px in test-artifacts/."""
import pytest

from tests.browser.axe import serious_violations as _serious
from tests.browser.test_dashboard_screens import _language, _log_in, region_url  # noqa: F401  (the module's server)

PAGES = {"planerare.dalarna": ["/planning/", "/planning/programmes", "/planning/goals"],
         "skola": ["/planning/programmes"], "admin": ["/planning/goals"]}


@pytest.mark.parametrize("width, locale", [(1280, "sv"), (320, "sv"), (1280, "ar"), (320, "ar")])
def test_competence_pages(new_page, artifacts, region_url, width, locale):  # noqa: F811
    app, url = region_url
    for user, paths in PAGES.items():
        page = new_page(width=width, height=800)
        _log_in(page, app, url, user) if user != "skola" else _school_log_in(page, url)
        _language(page, locale)
        try:
            for path in paths:
                page.goto(url + path)
                assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, (user, path)
                if path == "/planning/":
                    bars = page.eval_on_selector_all("svg.chart", "cs => cs.map(c => c.querySelectorAll('rect').length)")
                    assert len(bars) == 3 and all(n > 0 for n in bars), bars
                name = f"competence-{user.split('.')[0]}-{path.strip('/').replace('/', '-') or 'overview'}"
                page.screenshot(path=str(artifacts / f"{name}-{width}-{locale}.png"), full_page=True)
                assert _serious(page) == [], (user, path)
        finally:
            _language(page, "sv")
            page.context.close()


def _school_log_in(page, url):
    from app.services.demo import DEMO_DOMAIN
    from tests.browser.conftest import PASSWORD

    page.goto(url + "/auth/login")
    page.fill("#email", f"skola@{DEMO_DOMAIN}")
    page.fill("#password", PASSWORD)
    page.click("#submit")
    page.wait_for_load_state()
