"""The dashboard over a demo region (its own database and server, so the other browser tests keep the small demo):
every chart shows figures, nothing scrolls sideways and no word breaks in the middle at 320 px, axe clean;
screenshots at 1,280 and 320 px in test-artifacts/."""
import threading

import pyotp
import pytest
from sqlalchemy import update
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from app.models import User
from app.services.demo import DEMO_DOMAIN, DEMO_TOTP_SECRET, seed_demo
from app.services.demo_region import seed_region
from app.services.taxonomy_import import import_taxonomy
from tests.browser.conftest import PASSWORD
from tests.browser.axe import serious_violations
from tests.conftest import TEST_CONCEPT_TYPES


@pytest.fixture(scope="module")
def region_url(tmp_path_factory):
    app = create_app({"TESTING": True, "SECRET_KEY": "browser-test-secret-key",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path_factory.mktemp('region') / 'region.db'}"})
    with app.app_context():
        db.create_all()
        import_taxonomy(types=TEST_CONCEPT_TYPES)
        seed_demo()
        seed_region(people=1200, places=150)
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _log_in(page, app, url, local_part):
    page.goto(url + "/auth/login")
    page.fill("#email", f"{local_part}@{DEMO_DOMAIN}")
    page.fill("#password", PASSWORD)
    page.click("#submit")
    page.wait_for_load_state()
    with app.app_context():
        db.session.execute(update(User).where(User.email == f"{local_part}@{DEMO_DOMAIN}").values(totp_last_step=None))
        db.session.commit()
        db.session.remove()
    page.fill("#code", pyotp.TOTP(DEMO_TOTP_SECRET).now())
    page.click("#submit")
    page.wait_for_load_state()


def _language(page, code):
    from tests.browser.conftest import switch_language

    switch_language(page, code)  # through the compact language menu


@pytest.mark.parametrize("width, locale", [(1280, "sv"), (320, "sv"), (320, "ar")])
def test_dashboard_of_a_region(new_page, artifacts, region_url, width, locale):
    app, url = region_url
    page = new_page(width=width, height=800)
    _log_in(page, app, url, "handlaggare.vasteras")
    _language(page, locale)
    try:
        page.goto(url + "/caseworker/dashboard")
        figures = page.eval_on_selector_all(
            "svg.chart", "charts => charts.map(c => [...c.querySelectorAll('rect')].length)")
        assert len(figures) == 7 and all(n > 0 for n in figures), figures  # every chart has bars: real figures
        wide = page.evaluate("""(w) => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-scroll table'))
            .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.id || '') + ' ' + Math.round(e.getBoundingClientRect().right))""", width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, wide
        # No heading or figure breaks inside a word: every cell is at least as wide as its longest word.
        broken = page.evaluate("""() => [...document.querySelectorAll('.dashboard-page th, .dashboard-page td')]
            .filter(c => c.getClientRects().length && c.scrollWidth > c.clientWidth + 1).map(c => c.innerText)""")
        assert broken == []
        assert page.evaluate("""() => [...document.querySelectorAll('.dashboard-page th')].every(
            th => getComputedStyle(th).overflowWrap === 'normal' && getComputedStyle(th).wordBreak === 'normal')""")
        page.screenshot(path=str(artifacts / f"dashboard-{width}-{locale}.png"), full_page=True)
        for key in ("waiting-times", "outcomes-by-field", "satisfaction"):  # readable close-ups of a chart and a wide table
            page.locator(f"section[aria-labelledby={key}-heading]").screenshot(
                path=str(artifacts / f"dashboard-{width}-{locale}-{key}.png"))
        assert serious_violations(page) == []
    finally:
        _language(page, "sv")
