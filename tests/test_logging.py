"""Logs are one JSON object per line and never carry personal data: no e-mail, name, query string or form value."""
import io
import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.operations.logs import JsonFormatter
from app.models import Role, User
from tests import factories as f
from tests.databases import empty_database
from tests.servers import create_schema, gunicorn

EMAIL, NAME = "amal.hassan@example.se", "Amal Hassan"
REQUIRED = {"time", "level", "logger", "message", "request_id", "method", "path", "endpoint", "status", "duration_ms"}


def _personal(text: str) -> list[str]:
    return [marker for marker in ("amal", "hassan", "example.se", "correct horse") if marker in text.lower()]


@pytest.fixture
def json_log():
    """Everything logged during the test, through the production formatter; returns the raw text."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream.getvalue
    root.removeHandler(handler)
    root.setLevel(level)


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]  # every line must be one JSON object


def _access(records, endpoint, method="GET"):
    return [r for r in records if r["logger"] == "jobbrygga.access" and r["endpoint"] == endpoint
            and r["method"] == method]


def test_access_lines_name_the_route_and_the_user_id_never_the_person(browser, json_log):
    person = f.user(email=EMAIL, full_name=NAME)
    org = f.organisation()
    employer = f.member(org)
    opp = f.opportunity(org)
    browser.get(f"/auth/login?email={urllib.parse.quote(EMAIL)}&name={urllib.parse.quote(NAME)}")
    wrong = browser.submit("/auth/login", {"email": EMAIL, "password": "not the password"})
    assert wrong.status_code == 200
    browser.login(EMAIL, f.PASSWORD)
    assert NAME in browser.get("/me/", follow_redirects=True).get_data(as_text=True)
    browser.logout()
    browser.login(employer.email, f.PASSWORD)
    assert browser.get(f"/organisation/opportunities/{opp.id}").status_code == 200

    text = json_log()
    records = _records(text)
    assert _personal(text) == []
    assert employer.email not in text
    for line in (r for r in records if r["logger"] == "jobbrygga.access"):
        assert REQUIRED <= line.keys(), line
        assert re.fullmatch(r"[0-9a-f]{32}", line["request_id"]) and line["duration_ms"] >= 0
        assert "?" not in (line["path"] or "")
    logins = _access(records, "auth.login", "POST")
    assert [line["status"] for line in logins] == [200, 302, 302]  # wrong password, then the two logins
    assert (logins[1]["user_id"], logins[1]["role"]) == (person.id, "jobseeker")
    assert logins[0]["user_id"] is None and logins[0]["path"] == "/auth/login"
    view = _access(records, "employer.opportunity_view")[0]
    assert view["path"] == "/organisation/opportunities/<int:opportunity_id>"
    assert (view["user_id"], view["role"], view["status"]) == (employer.id, "employer", 200)


def test_request_id_from_a_proxy_is_kept_only_when_it_is_plainly_an_id(client, json_log):
    kept = client.get("/healthz", headers={"X-Request-ID": "lb-0123456789abcdef"})
    assert kept.headers["X-Request-ID"] == "lb-0123456789abcdef"
    replaced = client.get("/healthz", headers={"X-Request-ID": EMAIL})
    assert re.fullmatch(r"[0-9a-f]{32}", replaced.headers["X-Request-ID"])
    records = _records(json_log())
    assert [r["request_id"] for r in _access(records, "health.healthz")] == [
        "lb-0123456789abcdef", replaced.headers["X-Request-ID"]]
    assert all(r["level"] == "DEBUG" for r in _access(records, "health.healthz"))  # probes stay out of INFO


def test_database_errors_are_logged_without_the_values_that_caused_them(json_log):
    f.user(email=EMAIL, full_name=NAME)
    db.session.add(User(role=Role.JOBSEEKER, email=EMAIL, full_name=NAME, password_hash="x", locale="sv"))
    with pytest.raises(IntegrityError) as caught:
        db.session.commit()
    db.session.rollback()
    assert EMAIL in str(caught.value)  # the raw text has it: the scrubbing below is what keeps it out
    logging.getLogger("app.test").error("could not save %s", EMAIL, exc_info=caught.value)
    text = json_log()
    (record,) = _records(text)
    assert "IntegrityError" in record["exc_info"] and "[e-mail]" in record["message"]
    assert _personal(text) == []


def test_gunicorn_with_the_production_config_logs_json_only(tmp_path):
    """The real server and config file: every line on stdout and stderr is JSON, none names the person."""
    with empty_database(tmp_path, "gunicorn") as url:
        create_schema(url)
        with gunicorn(url, WEB_CONCURRENCY="1", LOG_LEVEL="info", GUNICORN_MAX_REQUESTS="5",
                      GUNICORN_MAX_REQUESTS_JITTER="0") as (base, process):
            with urllib.request.urlopen(f"{base}/readyz", timeout=10) as response:
                assert json.load(response) == {"database": "ok", "migrations": "head"}
            query = urllib.parse.urlencode({"email": EMAIL, "name": NAME})
            urllib.request.urlopen(f"{base}/auth/login?{query}", timeout=10).close()
            form = urllib.parse.urlencode({"email": EMAIL, "password": "correct horse"}).encode()
            with pytest.raises(urllib.error.HTTPError) as refused:  # no CSRF token: 400
                urllib.request.urlopen(f"{base}/auth/login?{query}", data=form, timeout=10)
            assert refused.value.code == 400
            refused.value.close()
            for _ in range(6):  # past max_requests: the worker is replaced, and no request notices
                with urllib.request.urlopen(f"{base}/healthz", timeout=10) as response:
                    assert response.status == 200
        stdout, stderr = process.communicate(timeout=60)
    text = stdout + stderr
    records = _records(text)
    assert _personal(text) == []
    assert any(r["logger"] == "gunicorn.error" and "Booting worker" in r["message"] for r in records)
    assert [r["status"] for r in records if r.get("endpoint") == "auth.login"] == [200, 400]
    assert sum("Booting worker" in r["message"] for r in records) >= 2  # max_requests recycled the worker
    assert process.returncode == 0
