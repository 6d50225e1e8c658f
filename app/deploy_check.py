"""What makes a production configuration unsafe, in one place (`flask check-deploy`)."""
import os

WEAK_KEYS = {"dev", "secret", "changeme", "change-me", "test", "dev-only-not-secret"}


def deployment_problems(config: dict, environ=os.environ) -> list[str]:
    """Every reason this configuration must not serve real people; empty means it may."""
    problems = []
    if config.get("DEBUG") or environ.get("FLASK_DEBUG") in ("1", "true", "True"):
        problems.append("debug mode is on (FLASK_DEBUG)")
    if config.get("TESTING"):
        problems.append("testing mode is on")
    key = environ.get("SECRET_KEY", "")
    if not key:
        problems.append("SECRET_KEY is not set in the environment (a generated instance key is for one machine only)")
    elif len(key) < 32 or key.lower() in WEAK_KEYS or len(set(key)) < 10:
        problems.append("SECRET_KEY is weak: use at least 32 random characters")
    if not config.get("SESSION_COOKIE_SECURE"):
        problems.append("session cookies are not Secure (set SESSION_COOKIE_SECURE=1 behind HTTPS)")
    if not config.get("SESSION_COOKIE_HTTPONLY"):
        problems.append("session cookies are readable by scripts (SESSION_COOKIE_HTTPONLY)")
    if config.get("SESSION_COOKIE_SAMESITE") not in ("Lax", "Strict"):
        problems.append("session cookies have no SameSite protection")
    uri = str(config.get("SQLALCHEMY_DATABASE_URI", ""))
    if uri.startswith("sqlite") and environ.get("ALLOW_SQLITE_IN_PRODUCTION") != "1":
        problems.append("SQLite in production: set DATABASE_URL to PostgreSQL (or ALLOW_SQLITE_IN_PRODUCTION=1)")
    if not config.get("PUBLIC_URL") and not config.get("TRUSTED_HOSTS"):
        problems.append("neither PUBLIC_URL nor TRUSTED_HOSTS is set: links in e-mails would follow the Host header")
    if environ.get("JOBBRYGGA_ENV") != "production":
        problems.append("JOBBRYGGA_ENV is not 'production'")
    return problems
