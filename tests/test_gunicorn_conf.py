"""app/operations/gunicorn_conf.py takes every setting from the environment, with safe defaults."""
import multiprocessing
import os
import runpy

import pytest

from app.config import PROJECT_DIR, from_environment

CONF = str(PROJECT_DIR / "app" / "operations" / "gunicorn_conf.py")
VARIABLES = ["BIND", "PORT", "WEB_CONCURRENCY", "WEB_THREADS", "GUNICORN_TIMEOUT", "GUNICORN_GRACEFUL_TIMEOUT",
             "GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER", "LOG_LEVEL", "GUNICORN_KEEPALIVE", "ADMISSION_ACTIVE", "ADMISSION_WAIT"]


@pytest.fixture
def clean_environment(monkeypatch):
    monkeypatch.setattr(os, "environ", os.environ.copy())  # what the config file sets stays out of later tests
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LOG_FORMAT", "text")  # the config file sets it only when unset
    return monkeypatch


def test_defaults(clean_environment):
    conf = runpy.run_path(CONF)
    assert conf["workers"] == min(2 * multiprocessing.cpu_count() + 1, 8)
    assert (conf["worker_class"], conf["threads"]) == ("gthread", 32)
    # Load shedding on: one working request per worker, the others wait at most a second for their turn.
    app_config = from_environment("instance")
    assert (app_config["ADMISSION_ACTIVE"], app_config["ADMISSION_WAIT"]) == (1, 1.0)
    assert conf["bind"] == "0.0.0.0:8000"
    assert (conf["timeout"], conf["graceful_timeout"]) == (30, 30)
    assert conf["keepalive"] > 60  # outlives a load balancer's idle connections (AWS ALB, nginx: 60 s)
    assert conf["max_requests"] == 1000 and 0 < conf["max_requests_jitter"] < conf["max_requests"]
    assert conf["preload_app"] is True and conf["accesslog"] is None
    assert conf["logconfig_dict"]["formatters"]["json"]["()"] == "app.operations.logs.JsonFormatter"


def test_environment_overrides(clean_environment):
    for name, value in {"WEB_CONCURRENCY": "3", "WEB_THREADS": "4", "PORT": "9000", "GUNICORN_TIMEOUT": "60",
                        "GUNICORN_MAX_REQUESTS": "200", "LOG_LEVEL": "WARNING"}.items():
        clean_environment.setenv(name, value)
    conf = runpy.run_path(CONF)
    assert (conf["workers"], conf["threads"], conf["worker_class"]) == (3, 4, "gthread")
    assert (conf["bind"], conf["timeout"], conf["max_requests"]) == ("0.0.0.0:9000", 60, 200)
    assert conf["loglevel"] == "warning" and conf["logconfig_dict"]["root"]["level"] == "WARNING"


def test_one_thread_means_the_sync_worker_without_load_shedding(clean_environment):
    clean_environment.setenv("WEB_THREADS", "1")
    conf = runpy.run_path(CONF)
    assert conf["worker_class"] == "sync" and "ADMISSION_ACTIVE" not in os.environ
