"""Keys from the Authorization header (Bearer), never from a cookie, a query string or a form."""
from functools import wraps

from flask import g, request
from flask_babel import gettext as _

from app.api.problems import abort_problem
from app.models import ApiKey, ApiKeyKind
from app.services import api_keys


def bearer_token() -> str | None:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def require_key(kind: ApiKeyKind, operation: str):
    """The view runs with g.api_key set to an active key of this kind; the use is audited (one event per call)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            key = api_keys.authenticate(bearer_token())
            if key is None:
                abort_problem(401, _("A valid API key is needed."),
                              _("Send the key in the Authorization header: Bearer followed by the key."),
                              headers={"WWW-Authenticate": 'Bearer realm="jobbrygga"'})
            if key.kind != kind:
                abort_problem(403, _("This key may not do that."),
                              _("Use an organisation's key for places and a municipality's key for statistics."))
            g.api_key = key
            api_keys.record_use(key, operation)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def current_key() -> ApiKey:
    return g.api_key
