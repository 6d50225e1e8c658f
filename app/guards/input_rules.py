"""Request-wide input rules that hold for every form."""
from flask import abort, request


def reject_oversized_forms() -> None:
    """The multipart limits hold for URL-encoded bodies too (Werkzeug applies them to multipart only):
    more than MAX_FORM_PARTS fields, or one value over MAX_FORM_MEMORY_SIZE bytes, is refused with 413."""
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype == "application/x-www-form-urlencoded":
        values = [value for values in request.form.listvalues() for value in values]
        if request.max_form_parts is not None and len(values) > request.max_form_parts:
            abort(413)
        limit = request.max_form_memory_size
        if limit is not None and any(len(value) > limit // 4 and len(value.encode()) > limit for value in values):
            abort(413)


def reject_nul_bytes() -> None:
    """NUL is never valid text, and PostgreSQL cannot store it: refuse the request with 400."""
    if request.method in ("POST", "PUT", "PATCH"):
        for values in request.form.listvalues():
            if any("\x00" in value for value in values):
                abort(400)


def init_app(app) -> None:
    app.before_request(reject_oversized_forms)
    app.before_request(reject_nul_bytes)
