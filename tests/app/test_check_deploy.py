"""`flask check-deploy` refuses an unsafe production configuration and accepts a safe one."""
import pytest

from app.deploy_check import deployment_problems

SAFE_CONFIG = {"DEBUG": False, "TESTING": False, "SESSION_COOKIE_SECURE": True, "SESSION_COOKIE_HTTPONLY": True,
               "SESSION_COOKIE_SAMESITE": "Lax", "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db/jobbrygga",
               "PUBLIC_URL": "https://jobbrygga.example.se"}
SAFE_ENV = {"SECRET_KEY": "f3a9c1e7b2d84f60a5c9e1b7d3f2a8c4e6b0d9f1", "JOBBRYGGA_ENV": "production"}


def test_a_safe_configuration_passes():
    assert deployment_problems(SAFE_CONFIG, SAFE_ENV) == []


@pytest.mark.parametrize("config_change, env_change, reason", [
    ({"DEBUG": True}, {}, "debug"),
    ({}, {"SECRET_KEY": "dev"}, "weak"),
    ({}, {"SECRET_KEY": "a" * 40}, "weak"),
    ({}, {"SECRET_KEY": ""}, "not set"),
    ({"SESSION_COOKIE_SECURE": False}, {}, "not Secure"),
    ({"SQLALCHEMY_DATABASE_URI": "sqlite:///x.db"}, {}, "SQLite"),
    ({}, {"JOBBRYGGA_ENV": ""}, "JOBBRYGGA_ENV"),
    ({"PUBLIC_URL": None}, {}, "PUBLIC_URL"),  # red team 3: links in e-mails would follow the Host header
])
def test_each_unsafe_setting_is_named(config_change, env_change, reason):
    problems = deployment_problems({**SAFE_CONFIG, **config_change}, {**SAFE_ENV, **env_change})
    assert len(problems) == 1 and reason in problems[0]


def test_sqlite_is_allowed_only_with_an_explicit_override():
    config = {**SAFE_CONFIG, "SQLALCHEMY_DATABASE_URI": "sqlite:///x.db"}
    assert deployment_problems(config, {**SAFE_ENV, "ALLOW_SQLITE_IN_PRODUCTION": "1"}) == []


def test_the_command_fails_on_the_test_configuration(runner):
    result = runner.invoke(args=["check-deploy"])
    assert result.exit_code == 1 and "UNSAFE: testing mode is on" in result.output


def test_trusted_hosts_alone_also_fix_where_links_point():
    assert deployment_problems({**SAFE_CONFIG, "PUBLIC_URL": None, "TRUSTED_HOSTS": ["jobbrygga.example.se"]},
                               SAFE_ENV) == []
