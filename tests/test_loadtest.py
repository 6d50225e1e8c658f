"""The load-test tool (tests/loadtest/) refuses a production environment and never shares production's queue."""
import os
import subprocess
import sys

import pytest
from redis import Redis
from rq import Queue

from app.background import batches
from app.config import PROJECT_DIR
from tests.workers import KOPING, people_in, region_with_places
from tests.loadtest.__main__ import QUEUE, Refused, loadtest_environment

PRODUCTION_SHELL = {"JOBBRYGGA_ENV": "", "DATABASE_URL": "postgresql://jobbrygga@db.internal/jobbrygga",
                    "REDIS_URL": "redis://redis.internal:6379/0", "SESSION_COOKIE_SECURE": "1",
                    "PUBLIC_URL": "https://jobbrygga.kommun.example.se", "MAIL_SERVER": "smtp.kommun.example.se",
                    "TRUSTED_PROXIES": "1", "PATH": os.environ.get("PATH", "")}
LOAD = {"LOADTEST_DATABASE_URL": "postgresql://postgres@127.0.0.1:55432/jobbrygga_load",
        "LOADTEST_REDIS_URL": "redis://127.0.0.1:6379/15"}


def _loadtest(*args, environ):
    return subprocess.run([sys.executable, "-m", "tests.loadtest", *args], cwd=PROJECT_DIR, env=environ,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", ["generate", "match", "run"])
def test_every_command_refuses_a_production_environment(command):
    result = _loadtest(command, environ={**PRODUCTION_SHELL, **LOAD, "JOBBRYGGA_ENV": "production"})
    assert result.returncode == 2 and "never runs in a production environment" in result.stderr, result.stderr


def test_database_url_alone_is_never_used():
    result = _loadtest("generate", environ=PRODUCTION_SHELL)
    assert result.returncode == 2 and "set LOADTEST_DATABASE_URL" in result.stderr, result.stderr
    with pytest.raises(Refused, match="same as DATABASE_URL"):
        loadtest_environment({**PRODUCTION_SHELL, "LOADTEST_DATABASE_URL": PRODUCTION_SHELL["DATABASE_URL"]})
    with pytest.raises(Refused, match="same as REDIS_URL"):
        loadtest_environment({**PRODUCTION_SHELL, **LOAD, "LOADTEST_REDIS_URL": PRODUCTION_SHELL["REDIS_URL"]})
    with pytest.raises(Refused, match="production queue"):
        loadtest_environment({**PRODUCTION_SHELL, **LOAD, "LOADTEST_QUEUE": "jobbrygga"})


def test_its_environment_has_its_own_database_queue_and_plain_http():
    env = loadtest_environment({**PRODUCTION_SHELL, **LOAD})
    assert env["DATABASE_URL"] == LOAD["LOADTEST_DATABASE_URL"]
    assert env["REDIS_URL"] == LOAD["LOADTEST_REDIS_URL"] and env["RQ_QUEUE"] == QUEUE != "jobbrygga"
    assert env["SESSION_COOKIE_SECURE"] == "0" and env["TRUSTED_PROXIES"] == "0"
    assert not {"PUBLIC_URL", "MAIL_SERVER"} & env.keys()
    without_redis = loadtest_environment({**PRODUCTION_SHELL, "LOADTEST_DATABASE_URL": LOAD["LOADTEST_DATABASE_URL"]})
    assert "REDIS_URL" not in without_redis, "no LOADTEST_REDIS_URL: in-process, never production's Redis"


def test_its_jobs_never_reach_the_production_queue(app, redis_url, monkeypatch):  # noqa: F811
    """Same Redis server, as on a test machine: the load test's jobs land in its own database and queue only."""
    production, load = redis_url, redis_url.rsplit("/", 1)[0] + "/15"
    env = loadtest_environment({**PRODUCTION_SHELL, "REDIS_URL": production, "LOADTEST_REDIS_URL": load, **{
        "LOADTEST_DATABASE_URL": LOAD["LOADTEST_DATABASE_URL"]}})
    monkeypatch.setitem(app.config, "REDIS_URL", env["REDIS_URL"])
    monkeypatch.setitem(app.config, "RQ_QUEUE", env["RQ_QUEUE"])
    region_with_places()
    people_in(3, KOPING)
    batches.start_matching("19", chunk_size=2)
    production_queue = Queue("jobbrygga", connection=Redis.from_url(production))
    load_queue = Queue(QUEUE, connection=Redis.from_url(load))
    assert production_queue.count == 0 and Queue(QUEUE, connection=Redis.from_url(production)).count == 0
    assert load_queue.count == 2
