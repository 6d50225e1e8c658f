"""`flask check-deploy` refuses an unsafe production set-up, naming each reason, and accepts a safe one."""
import pytest

from app.operations.deploy_check import database_problems, deployment_problems
from app.models import Role
from tests import factories as f

SAFE_CONFIG = {"DEBUG": False, "TESTING": False, "SESSION_COOKIE_SECURE": True, "SESSION_COOKIE_HTTPONLY": True,
               "SESSION_COOKIE_SAMESITE": "Lax", "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db/jobbrygga",
               "PUBLIC_URL": "https://jobbrygga.kommun.example.se", "MAIL_SERVER": "smtp.kommun.example.se"}
SAFE_ENV = {"SECRET_KEY": "f3a9c1e7b2d84f60a5c9e1b7d3f2a8c4e6b0d9f1", "JOBBRYGGA_ENV": "production",
            "REDIS_URL": "redis://redis.internal:6379/0", "TRUSTED_PROXIES": "1"}


def test_a_safe_configuration_passes():
    assert deployment_problems(SAFE_CONFIG, SAFE_ENV) == []


@pytest.mark.parametrize("config_change, env_change, reason", [
    ({"DEBUG": True}, {}, "debug"),
    ({}, {"SECRET_KEY": "dev"}, "weak"),
    ({}, {"SECRET_KEY": "a" * 40}, "weak"),
    ({}, {"SECRET_KEY": ""}, "not set"),
    ({"SESSION_COOKIE_SECURE": False}, {}, "not Secure"),
    ({"SQLALCHEMY_DATABASE_URI": "sqlite:///x.db"}, {}, "not PostgreSQL"),
    ({"SQLALCHEMY_DATABASE_URI": "sqlite:///x.db"}, {"ALLOW_SQLITE_IN_PRODUCTION": "1"}, "not PostgreSQL"),
    ({}, {"JOBBRYGGA_ENV": ""}, "JOBBRYGGA_ENV"),
    ({}, {"REDIS_URL": ""}, "REDIS_URL is not set but more than one worker"),
    ({}, {"REDIS_URL": "", "WEB_CONCURRENCY": "5"}, "REDIS_URL is not set but more than one worker"),
    ({"PUBLIC_URL": None}, {}, "PUBLIC_URL is not set"),  # red team 3: links would follow the Host header
    ({"PUBLIC_URL": "http://jobbrygga.kommun.example.se"}, {}, "https://"),
    ({}, {"TRUSTED_PROXIES": ""}, "TRUSTED_PROXIES is not set"),
    ({"MAIL_SERVER": None}, {}, "MAIL_SERVER is not set"),
], ids=lambda value: str(value)[:40])
def test_each_unsafe_setting_is_named(config_change, env_change, reason):
    problems = deployment_problems({**SAFE_CONFIG, **config_change}, {**SAFE_ENV, **env_change})
    assert len(problems) == 1 and reason in problems[0], problems


def test_one_worker_without_redis_and_no_proxy_are_stated_choices():
    env = {**SAFE_ENV, "REDIS_URL": "", "WEB_CONCURRENCY": "1", "TRUSTED_PROXIES": "0"}
    assert deployment_problems(SAFE_CONFIG, env) == []


def test_demo_accounts_are_refused_in_the_database():
    from app.services.demo import DEMO_DOMAIN

    assert database_problems() == []
    f.user(Role.JOBSEEKER, email=f"someone@{DEMO_DOMAIN}")
    [problem] = database_problems()
    assert "1 demo or load-test accounts" in problem


def test_the_published_demo_totp_key_is_refused_in_the_database():
    from app.services.demo import DEMO_TOTP_SECRET

    f.user(Role.ADMIN, email="chef@kommun.example.se", totp_secret=DEMO_TOTP_SECRET)
    [problem] = database_problems()
    assert "published TOTP key" in problem


def test_the_demo_data_itself_is_refused():
    from app.services.demo import seed_demo

    seed_demo()
    problems = database_problems()
    assert len(problems) == 2 and "demo" in problems[0] and "published TOTP key" in problems[1]


def test_the_command_fails_on_the_test_configuration(runner):
    result = runner.invoke(args=["check-deploy"])
    assert result.exit_code == 1 and "UNSAFE: testing mode is on" in result.output


def test_the_command_names_demo_accounts(runner):
    from app.services.demo import DEMO_DOMAIN

    f.user(Role.CASEWORKER, email=f"handlaggare@{DEMO_DOMAIN}")
    result = runner.invoke(args=["check-deploy"])
    assert result.exit_code == 1 and "UNSAFE: the database has 1 demo or load-test accounts" in result.output


def test_trusted_hosts_stand_in_for_a_public_url():
    config = {**SAFE_CONFIG, "PUBLIC_URL": None, "TRUSTED_HOSTS": ["jobbrygga.kommun.example.se"]}
    assert deployment_problems(config, SAFE_ENV) == []
