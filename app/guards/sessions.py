"""Response headers and session lifetimes that hold for every page."""
import time

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

IDLE_SECONDS = 30 * 60  # WCAG 2.2.1: the page warns before this and offers more time
ABSOLUTE_SECONDS = 12 * 3600

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if current_user and current_user.is_authenticated:
        # Personal data must not stay in browser or proxy caches once the person has left.
        headers["Cache-Control"] = "no-store"
    return response


def enforce_session_limits():
    """End a logged-in session after 30 idle minutes or 12 hours in all; keepalive requests count as activity."""
    if not current_user.is_authenticated or request.endpoint == "static":
        return None
    now = time.time()
    started, seen = session.get("started_at", now), session.get("seen_at", now)
    if now - seen > IDLE_SECONDS or now - started > ABSOLUTE_SECONDS:
        back_to = _keep_draft()
        locale = current_user.locale or session.get("locale")
        logout_user()
        session.clear()
        if locale:
            session["locale"] = locale  # the login page is still in the person's language
        flash(_("You were logged out because the page was not used for a while. Please log in again."), "info")
        if back_to:
            flash(_("What you typed is kept. Log in and you will find it again in the form."), "info")
        return redirect(url_for("auth.login", next=back_to) if back_to else url_for("auth.login"))
    session.setdefault("started_at", now)
    session["seen_at"] = now
    return None


def _keep_draft() -> str | None:
    """A form sent after the session ran out (it names itself in `_draft`): keep what was typed for the account.

    Returns the page of the form, to go back to after logging in.
    """
    from app.services import drafts

    name = request.form.get("_draft") if request.method == "POST" else None
    page = drafts.DRAFT_PAGES.get(name)
    if page is None or current_user.role not in drafts.DRAFT_ROLES.get(name, ()):
        return None
    drafts.save(name, request.form, user=current_user)
    return url_for(page)


def init_app(app) -> None:
    app.before_request(enforce_session_limits)
    app.after_request(set_security_headers)
    app.jinja_env.globals.update(SESSION_IDLE_SECONDS=IDLE_SECONDS)
