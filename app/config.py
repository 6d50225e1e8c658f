"""Configuration defaults. Secrets and deployment settings come only from the environment."""
import os
from pathlib import Path

APP_DIR = Path(__file__).resolve().parent
PROJECT_DIR = APP_DIR.parent

DEV_SECRET_KEY = "dev-only-not-secret"


def _database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{Path(instance_path) / 'jobbrygga.sqlite3'}"
    # Heroku-style URLs and plain postgresql:// both mean psycopg 3 here.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def environment_name(environ=os.environ) -> str | None:
    """JOBBRYGGA_ENV ('production' on a real deployment); read here only (app.config["JOBBRYGGA_ENV"])."""
    return environ.get("JOBBRYGGA_ENV") or None


def is_production(environ=os.environ) -> bool:
    return environment_name(environ) == "production"


def redis_url(environ=os.environ) -> str | None:
    """REDIS_URL (queue and shared rate-limit counts); read here only (app.config["REDIS_URL"])."""
    return environ.get("REDIS_URL") or None


def from_environment(instance_path: str) -> dict:
    """Build the configuration mapping for one app instance."""
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY", DEV_SECRET_KEY),
        "JOBBRYGGA_ENV": environment_name(),
        # Background jobs (app/background/) and login throttling's shared counts; unset: in-process.
        "REDIS_URL": redis_url(),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Seconds to wait for PostgreSQL: an unreachable host fails a request (503) instead of hanging a worker.
        "DATABASE_CONNECT_TIMEOUT": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")),
        "BABEL_DEFAULT_LOCALE": "sv",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Stockholm",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_DIR / "translations"),
        "WTF_CSRF_TIME_LIMIT": None,  # token lives as long as the session
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": 12 * 3600,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 256 * 1024,
        "MAX_FORM_PARTS": 500,
        # Login throttling: one store shared by every worker when Redis is configured.
        "RATELIMIT_STORAGE_URI": redis_url() or "memory://",
        "RQ_QUEUE": os.environ.get("RQ_QUEUE") or "jobbrygga",  # the background jobs' queue (app/background/)
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,  # Redis down: keep throttling per worker, not a 500
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per 5 minutes"),
        # Registrations asked for per address (a school class may register together); per address 3 an hour.
        "REGISTER_RATE_LIMIT": os.environ.get("REGISTER_RATE_LIMIT", "30 per hour"),
        # How many reverse proxies (load balancer, nginx) stand in front of the app; 0 = clients connect directly.
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        # Outgoing mail (password reset). Without MAIL_SERVER the message goes to the log.
        "MAIL_SERVER": os.environ.get("MAIL_SERVER"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD"),
        "MAIL_USE_TLS": os.environ.get("MAIL_USE_TLS", "1") == "1",
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Jobbrygga <no-reply@jobbrygga.se>"),
        # SMS gateway (app/services/sms.py): an HTTPS JSON API with a bearer token. Unset: no SMS is sent.
        "SMS_API_URL": os.environ.get("SMS_API_URL"),
        "SMS_API_TOKEN": os.environ.get("SMS_API_TOKEN"),
        "SMS_SENDER": os.environ.get("SMS_SENDER", "Jobbrygga"),
        # Links in e-mails are built from this, never from the request's Host header.
        "PUBLIC_URL": os.environ.get("PUBLIC_URL"),
        # Host names the app answers to (Flask answers 400 for any other Host header), comma-separated.
        "TRUSTED_HOSTS": [h.strip() for h in os.environ["TRUSTED_HOSTS"].split(",") if h.strip()]
        if os.environ.get("TRUSTED_HOSTS") else None,
        "MATCHES_PER_PERSON": int(os.environ.get("MATCHES_PER_PERSON", "10")),
        # /api/v1: calls per key (or per address without one) before 429.
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT", "120 per minute"),
        # Days a backup is kept (`flask backup prune`): an erased person is gone from every backup after this.
        "BACKUP_KEEP_DAYS": int(os.environ.get("BACKUP_KEEP_DAYS", "30")),
        "RERANKER_PATH": os.environ.get("RERANKER_PATH"),  # unset: instance/ (app/services/reranker.py)
        # Load shedding (app/guards/admission.py): requests working at once per process, and how long a request may
        # wait for a turn before it gets "busy, try again" (503). 0 = off; gunicorn's config turns it on.
        "ADMISSION_ACTIVE": int(os.environ.get("ADMISSION_ACTIVE") or 0),
        "ADMISSION_WAIT": float(os.environ.get("ADMISSION_WAIT") or 1.0),
    }
