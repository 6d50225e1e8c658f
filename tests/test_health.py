"""/healthz and /readyz: what a load balancer or orchestrator is told, on healthy and broken databases."""
import pytest
from flask_migrate import downgrade, upgrade

from app import create_app
from app.extensions import db
from app.operations.health import migration_heads
from tests.databases import empty_database

UNREACHABLE = {
    "postgresql": "postgresql+psycopg://nobody@127.0.0.1:1/nothing",  # nothing listens on port 1
    "sqlite": "sqlite:////nonexistent-directory/jobbrygga.sqlite3",  # cannot even be created
}


def _app(url):
    return create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": url})


@pytest.fixture
def fresh(tmp_path):
    """An app on an empty database of its own, with its app context."""
    with empty_database(tmp_path, "health") as url:
        app = _app(url)
        with app.app_context():
            yield app
            db.session.remove()
            db.engine.dispose()


def test_ready_at_the_head_of_the_migrations(fresh):
    upgrade()
    response = fresh.test_client().get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"database": "ok", "migrations": "head"}


def test_not_ready_when_the_database_is_one_revision_behind(fresh):
    upgrade()
    downgrade(revision="-1")
    response = fresh.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["database"] == "ok" and body["migrations"] == "not at head"
    assert body["revision"] and body["revision"] != body["head"] == sorted(migration_heads())
    upgrade()
    assert fresh.test_client().get("/readyz").status_code == 200  # and ready again once migrated


def test_not_ready_on_a_schema_that_no_migration_made(fresh):
    db.create_all()  # the tables are there, but nothing says which revision they are
    response = fresh.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["migrations"] == "not at head" and response.get_json()["revision"] == []


@pytest.mark.parametrize("backend", sorted(UNREACHABLE))
def test_unreachable_database_fails_readiness_but_not_liveness(backend):
    app = _app(UNREACHABLE[backend])
    client = app.test_client()
    live = client.get("/healthz")
    assert (live.status_code, live.get_json()) == (200, {"status": "ok"})
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json() == {"database": "unreachable", "migrations": "unknown"}
    assert "nobody" not in ready.get_data(as_text=True) and "nonexistent" not in ready.get_data(as_text=True)
    with app.app_context():
        db.engine.dispose()


def test_the_suite_database_is_ready(client):
    """The shared test database is stamped at head (conftest), so every route walk sees /readyz 200."""
    assert client.get("/readyz").get_json() == {"database": "ok", "migrations": "head"}


def test_probes_need_no_login_and_set_no_cookie(app, browser):
    from tests import factories as f

    for _ in range(3):
        for url in ("/healthz", "/readyz"):
            response = browser.client.get(url)
            assert response.status_code == 200, url
            assert "Set-Cookie" not in response.headers
            assert response.mimetype == "application/json"
    # A logged-in staff member's session does not change what the probes answer either.
    staff = f.user(f.Role.ADMIN)
    browser.login(staff.email, f.PASSWORD)
    assert browser.get("/readyz").status_code == 200
