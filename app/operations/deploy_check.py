"""What makes a production set-up unsafe, in one place (`flask check-deploy`).

Every reason is a refusal: check-deploy exits 1 and names each one. Two of them are about facts the
app cannot see from inside, so the operator states them in a setting that check-deploy requires:
TRUSTED_PROXIES (how many reverse proxies stand in front: `0` when clients connect directly) and,
when Redis is not used, WEB_CONCURRENCY=1 (one gunicorn worker, so login throttling counts in one
place). docs/operations.md lists every setting.
"""
import os

WEAK_KEYS = {"dev", "secret", "changeme", "change-me", "test", "dev-only-not-secret"}
# Published in the README and app/services/demo.py: nobody may log in with them in production.
DEMO_DOMAINS = ("demo.jobbrygga.se", "load.jobbrygga.se")
PUBLISHED_TOTP_KEYS = ("JOBBRYGGADEMOKEYJOBBRYGGADEMOKEY", "JOBBRYGGALOADTESTKEYJOBBRYGGALOA")


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
    if not uri.startswith("postgresql"):
        # The audit trail is append-only in the database only on PostgreSQL (migration 0007), and SQLite serves one
        # writer at a time: production is PostgreSQL, with no override.
        problems.append("the database is not PostgreSQL: set DATABASE_URL to postgresql://… (SQLite is for trying "
                        "Jobbrygga and for tests)")
    if environ.get("JOBBRYGGA_ENV") != "production":
        problems.append("JOBBRYGGA_ENV is not 'production'")
    if not config.get("REDIS_URL", environ.get("REDIS_URL")) and environ.get("WEB_CONCURRENCY", "").strip() != "1":
        problems.append("REDIS_URL is not set but more than one worker serves (WEB_CONCURRENCY is not 1): login "
                        "throttling would count per process; set REDIS_URL, or WEB_CONCURRENCY=1")
    public_url = config.get("PUBLIC_URL") or ""
    if not public_url and not config.get("TRUSTED_HOSTS"):
        problems.append("PUBLIC_URL is not set: links in e-mails (password reset, invitations) would follow the "
                        "request's Host header; set it to the address people use, e.g. https://jobbrygga.kommun.se (or TRUSTED_HOSTS)")
    elif public_url and not public_url.startswith("https://"):
        problems.append("PUBLIC_URL does not start with https://")
    if environ.get("TRUSTED_PROXIES", "").strip() == "":
        problems.append("TRUSTED_PROXIES is not set: say how many reverse proxies (load balancer, nginx) stand in "
                        "front of the app, e.g. 1, or 0 when clients connect directly; behind a proxy without it every "
                        "visitor has the proxy's address and login throttling locks everyone out at once")
    if not config.get("MAIL_SERVER"):
        problems.append("MAIL_SERVER is not set: password-reset and invitation e-mails would never be sent")
    return problems


def database_problems() -> list[str]:
    """Reasons in the database itself (needs an app context): demo or load-test accounts, the published TOTP keys."""
    from sqlalchemy import func, or_, select
    from sqlalchemy.exc import SQLAlchemyError

    from app.extensions import db
    from app.models import User

    try:
        demo = db.session.scalar(select(func.count()).select_from(User).where(
            or_(*[User.email.like(f"%@{domain}") for domain in DEMO_DOMAINS])))
        published = db.session.scalar(select(func.count()).select_from(User).where(
            User.totp_secret.in_(PUBLISHED_TOTP_KEYS)))
    except SQLAlchemyError as error:  # no schema yet (before the first `setup`): nothing to find
        db.session.rollback()
        return [] if "no such table" in str(error) or "does not exist" in str(error) else \
            [f"the database could not be read: {type(error).__name__}"]
    problems = []
    if demo:
        problems.append(f"the database has {demo} demo or load-test accounts (@{' or @'.join(DEMO_DOMAINS)}), whose "
                        "password is published: this is not a production database")
    if published:
        problems.append(f"{published} accounts use a published TOTP key (the demo's or the load test's): reset their "
                        "second factor (flask reset-two-factor EMAIL) or use another database")
    return problems
