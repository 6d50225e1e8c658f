"""Request-wide input rules that hold for every form."""
from flask import abort, request


def reject_nul_bytes() -> None:
    """NUL is never valid text, and PostgreSQL cannot store it: refuse the request with 400."""
    if request.method in ("POST", "PUT", "PATCH"):
        for values in request.form.listvalues():
            if any("\x00" in value for value in values):
                abort(400)


def init_app(app) -> None:
    app.before_request(reject_nul_bytes)
