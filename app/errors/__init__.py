"""Friendly error pages in the user's language; a server error shows an incident id, never a traceback."""
import uuid

from flask import render_template
from werkzeug.exceptions import HTTPException

from app.extensions import db


def register_error_handlers(app) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return render_template("errors/error.html", code=error.code), error.code

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        db.session.rollback()  # nothing half-done is kept
        incident = uuid.uuid4().hex[:12]
        app.logger.exception("incident %s", incident)
        return render_template("errors/error.html", code=500, incident=incident), 500
