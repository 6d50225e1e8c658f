"""RFC 9457 problem details for every error under /api/, in the language of Accept-Language."""
from flask import jsonify
from flask_babel import gettext as _
from flask_smorest import abort as smorest_abort
from werkzeug.exceptions import HTTPException

from app.api import PROBLEM_JSON


def titles() -> dict[int, str]:
    return {
        400: _("The request could not be read."),
        401: _("A valid API key is needed."),
        403: _("This key may not do that."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        406: _("This answer can only be given as JSON."),
        413: _("The request is too large."),
        415: _("Send the body as JSON (Content-Type: application/json)."),
        422: _("Some values need to be fixed."),
        429: _("Too many requests. Wait a moment and try again."),
        500: _("Something went wrong on our side."),
        503: _("The service is busy or down for a moment. Try again shortly."),
    }


def problem(status: int, title: str | None = None, detail: str | None = None, errors: dict | None = None,
            headers=None):
    body = {"type": "about:blank", "title": title or titles().get(status) or _("The request could not be handled."),
            "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    for name, value in (headers or {}).items() if isinstance(headers, dict) else (headers or []):
        if name.lower() != "content-type":
            response.headers[name] = value
    response.headers["Content-Language"] = _content_language()
    return response


def _content_language() -> str:
    from app.presentation.i18n import html_lang

    return html_lang()


def from_http_exception(error: HTTPException):
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    if isinstance(errors, dict) and set(errors) <= {"json", "query", "path", "headers", "form", "view_args"}:
        errors = {f"{where}.{field}" if where != "json" else field: messages
                  for where, fields in errors.items() for field, messages in
                  (fields.items() if isinstance(fields, dict) else [("_", fields)])}
    title = data.get("title")
    detail = data.get("detail")
    headers = dict(error.get_headers())
    headers.update(data.get("headers") or {})
    return problem(error.code or 500, title, detail, errors if isinstance(errors, dict) else None, headers)


def abort_problem(status: int, title: str | None = None, detail: str | None = None, headers=None):
    smorest_abort(status, title=title, detail=detail, headers=headers or {})
