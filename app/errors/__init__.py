"""Friendly error pages in the user's language; a server error shows an incident id, never a traceback."""
import uuid

from flask import g, make_response, render_template
from flask.globals import request_ctx
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from flask_babel import gettext as _

from app.api import is_api_request, problems
from app.extensions import db, login


def register_error_handlers(app) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if request_ctx.url_adapter is None:  # a Host outside TRUSTED_HOSTS: no URL can be built, so no page either
            return make_response("Bad Request: unknown host\n", error.code, {"Content-Type": "text/plain"})
        if is_api_request():
            return problems.from_http_exception(error)
        response = make_response(render_template("errors/error.html", code=error.code), error.code)
        for name, value in error.get_headers():  # Retry-After on 429/503, Allow on 405
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_unavailable(error: DBAPIError):
        """The database is down or restarting: 503 with the friendly page, and nothing else asks the database."""
        try:
            db.session.rollback()  # nothing half-done is kept
        except DBAPIError:
            pass  # the connection is gone; the pool replaces it (pool_pre_ping) once the database is back
        g._login_user = login.anonymous_user()  # the page must not ask the database who is logged in
        app.logger.warning("database unavailable: %s", type(error.orig).__name__)
        if is_api_request():
            return problems.problem(503, headers={"Retry-After": "30"})
        response = make_response(render_template("errors/error.html", code=503), 503)
        response.headers["Retry-After"] = "30"
        return response

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        db.session.rollback()  # nothing half-done is kept
        incident = uuid.uuid4().hex[:12]
        app.logger.exception("incident %s", incident)
        if is_api_request():
            return problems.problem(500, detail=_("Incident %(id)s: give this number if you report it.", id=incident))
        return render_template("errors/error.html", code=500, incident=incident), 500
