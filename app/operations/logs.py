"""Structured logs: one JSON object per line, and no personal data in any of them.

Every request writes one access line (logger `jobbrygga.access`): request id, method, the route's
template (`/caseworker/people/<int:profile_id>`, never the filled-in path or the query string),
endpoint, status and duration. The user appears only as a numeric id and a role. Whatever any
logger writes passes the same scrubbing: e-mail addresses, SQL parameters and the values PostgreSQL
quotes in its error details are masked, so an exception text cannot carry a name or an address.

LOG_FORMAT=json|text (json by default when JOBBRYGGA_ENV=production), LOG_LEVEL (default INFO).
"""
import logging
import os
import re
import sys
import time
import uuid

from flask import Flask, g, has_request_context, request
from flask.logging import default_handler
from pythonjsonlogger.json import JsonFormatter as _LibraryJsonFormatter

ACCESS_LOG = logging.getLogger("jobbrygga.access")
# A proxy's request id is kept only when it plainly is an id (so it cannot smuggle text into the logs).
INCOMING_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
QUIET_ENDPOINTS = frozenset({"health.healthz", "health.readyz", "static"})  # probes every few seconds: DEBUG

# (pattern, replacement): personal data that can turn up in messages and exception texts.
SCRUBBERS = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"\[parameters: [^\n]*"), "[parameters: hidden]"),  # SQLAlchemy's statement parameters
    (re.compile(r"Key \(([^)\n]*)\)=\([^\n]*?\) (?=already exists|is not present|is still referenced)"),
     r"Key (\1)=(hidden) "),  # PostgreSQL's DETAIL for unique and foreign-key violations
    (re.compile(r"Failing row contains \([^\n]*\)"), "Failing row contains (hidden)"),
]


def scrub(text: str) -> str:
    for pattern, replacement in SCRUBBERS:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(_LibraryJsonFormatter):
    """python-json-logger with our field names, the request id, and scrubbed values."""

    def __init__(self, **kwargs):
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        super().__init__(["levelname", "name", "message"], **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        if "request_id" not in log_data and has_request_context() and g.get("request_id"):
            log_data["request_id"] = g.request_id
        for key, value in log_data.items():
            if isinstance(value, str):
                log_data[key] = scrub(value)


def log_format() -> str:
    from app.config import is_production  # logging starts before the app exists (gunicorn's master)

    default = "json" if is_production() else "text"
    return os.environ.get("LOG_FORMAT", default).lower()


def install_json_logging(level: str | None = None, stream=None) -> logging.Handler:
    """One JSON handler on the root logger (kept if one is there already, e.g. from the gunicorn config)."""
    root = logging.getLogger()
    root.setLevel((level or os.environ.get("LOG_LEVEL", "INFO")).upper())
    for handler in root.handlers:
        if isinstance(handler.formatter, JsonFormatter):
            return handler
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    return handler


def adopt_loggers(*names: str) -> None:
    """Libraries that bring their own plain-text handlers (RQ's worker) log through the root's JSON handler instead."""
    for name in names:
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            if not isinstance(handler.formatter, JsonFormatter):
                logger.removeHandler(handler)
        logger.propagate = True


def _start_request() -> None:
    g.request_started = time.perf_counter()
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if INCOMING_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


def _log_request(response):
    """The access line. Reads the user only if this request already loaded it (never a query of its own)."""
    started = g.get("request_started")
    if started is None:  # a before_request function that ran earlier answered first
        _start_request()
        started = g.request_started
    user = g.get("_login_user")  # Flask-Login's cache for this request
    authenticated = bool(user is not None and getattr(user, "is_authenticated", False))
    ACCESS_LOG.log(
        logging.DEBUG if request.endpoint in QUIET_ENDPOINTS and response.status_code < 500 else logging.INFO,
        "request",
        extra={
            "request_id": g.request_id,
            "method": request.method,
            "path": request.url_rule.rule if request.url_rule else None,
            "endpoint": request.endpoint,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": user.id if authenticated else None,
            "role": str(user.role) if authenticated else None,
        },
    )
    response.headers["X-Request-ID"] = g.request_id
    return response


def init_app(app: Flask) -> None:
    """Call first in create_app, so that the request clock starts before any other before_request runs."""
    app.config.setdefault("LOG_FORMAT", log_format())
    if app.config["LOG_FORMAT"] == "json":
        app.logger.removeHandler(default_handler)
        install_json_logging(app.config.get("LOG_LEVEL"))
    app.before_request(_start_request)
    app.after_request(_log_request)
