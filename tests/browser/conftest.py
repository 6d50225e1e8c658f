"""A real server and a real Chromium (Debian's package, driven by Playwright) for the browser tests."""
import os
import shutil
import threading
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from app import create_app
from app.config import PROJECT_DIR
from app.extensions import db
from app.models import Match, Role, User
from app.services import cases
from app.services.demo import DEMO_DOMAIN, DEMO_TOTP_SECRET, seed_demo
from app.services.suggestions import suggest_for_area
from app.services.taxonomy_import import import_taxonomy
from tests.conftest import TEST_CONCEPT_TYPES, forget_used_codes as forget_account_codes

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = PROJECT_DIR / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
PASSWORD = "Jobbrygga-demo-2026"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI must run the browser tests, but there is no Chromium at {CHROMIUM}")
    skip = pytest.mark.skip(reason="Chromium not installed (apt-get install chromium); CI always runs these")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory):
    """Its own SQLite database with the demo data and approved suggestions, served on a free port."""
    app = create_app({"TESTING": True, "SECRET_KEY": "browser-test-secret-key",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path_factory.mktemp('browser') / 'demo.db'}"})
    with app.app_context():
        db.create_all()
        import_taxonomy(types=TEST_CONCEPT_TYPES)
        seed_demo()
        suggest_for_area("1980")
        caseworker = db.session.scalar(select(User).where(User.email == f"handlaggare.vasteras@{DEMO_DOMAIN}"))
        amal = db.session.scalar(select(User).where(User.email == f"jobbsokare@{DEMO_DOMAIN}"))
        first = db.session.scalars(select(Match).where(Match.profile_id == amal.profile.id)
                                   .order_by(Match.score.desc())).first()
        cases.move(first, "approved", caseworker)
        db.session.remove()
    return app


_served: list = []  # the demo app, once base_url serves it


def served_app():
    """The demo app the browser talks to: tests arrange its data in its app context."""
    return _served[0]


def forget_used_codes(local_part: str) -> None:
    """A code works once; these tests log the same staff member in many times a minute (see tests/conftest.py)."""
    with _served[0].app_context():
        forget_account_codes(f"{local_part}@{DEMO_DOMAIN}")
        db.session.remove()


@pytest.fixture(scope="session")
def base_url(demo_app):
    _served.append(demo_app)
    server = make_server("127.0.0.1", 0, demo_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, base_url):
    """new_page(width=…) → a fresh page in a fresh context (no cookies), closed after the test."""
    contexts = []

    def make(width=1100, height=900, scale=1):
        context = chromium.new_context(viewport={"width": width, "height": height}, base_url=base_url,
                                       locale="sv-SE", device_scale_factor=scale)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, local_part: str) -> None:
    page.goto("/auth/login")
    page.fill("#email", f"{local_part}@{DEMO_DOMAIN}")
    page.fill("#password", PASSWORD)
    page.click("#submit")
    page.wait_for_load_state()
    if page.url.endswith("/auth/two-factor"):  # staff: the code from the authenticator app
        forget_used_codes(local_part)
        page.fill("#code", pyotp.TOTP(DEMO_TOTP_SECRET).now())
        page.click("#submit")
        page.wait_for_load_state()


def switch_language(page, code: str) -> None:
    """Through the compact language menu (a <details> that opens first)."""
    menu = page.locator("details.languages")
    if menu.count() and not menu.evaluate("element => element.open"):
        menu.locator("summary").click()
    with page.expect_navigation():
        page.click(f"form[action$='/language/{code}'] button")
    page.wait_for_load_state()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


ROLE_USERS = {Role.JOBSEEKER: "jobbsokare", Role.EMPLOYER: "arbetsgivare", Role.EDUCATION_PROVIDER: "skola",
              Role.CASEWORKER: "handlaggare.vasteras", Role.ADMIN: "admin"}
