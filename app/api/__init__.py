"""/api/v1: a JSON face on the same services, scope and audit as the pages.

The OpenAPI 3.1 document is generated from the code (flask-smorest and the marshmallow schemas in
app/api/schemas.py) and served at /api/v1/openapi.json; /api/v1/docs renders it as a page on the server
(no script, nothing fetched from elsewhere). Errors are RFC 9457 problem details in the language of
Accept-Language. Keys come only from the Authorization header (Bearer); a cookie session never
authenticates an API call (the logged-in user is not even loaded), which is why the API is exempt from CSRF.
"""
import http

from flask import Flask, current_app, g, request
from flask_smorest import Api
from flask_smorest.utils import prepare_response

from app.extensions import csrf, limiter, login

API_PREFIX = "/api/v1"
PROBLEM_JSON = "application/problem+json"


class JobbryggaApi(Api):
    """flask-smorest's Api with errors as problem details, and only for /api/ (the pages keep their own)."""

    def _register_error_handlers(self):
        pass  # app/errors answers API requests with problems (is_api_request), pages with pages

    def _register_responses(self):
        from app.api.schemas import Problem

        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = Problem
            prepare_response(response, self.spec, PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "An error, as RFC 9457 problem details", "schema": Problem}
        prepare_response(response, self.spec, PROBLEM_JSON)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)


api = JobbryggaApi()
_limited: set[str] = set()  # blueprints that carry the API's rate limit


DOCS_ENDPOINT = "api_docs_page.docs"  # a page for people: their session, language and error pages as anywhere


def is_api_request() -> bool:
    """A call of the API itself (not its documentation page)."""
    return ((request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/"))
            and request.endpoint != DOCS_ENDPOINT)


def _no_cookie_login(endpoint, values) -> None:
    """API calls are anonymous to Flask-Login whatever cookie comes along: only a key authenticates them."""
    if is_api_request():
        g._login_user = login.anonymous_user()


def _keyed_answers_are_not_stored(response):
    """An answer to a call with a key (an organisation's own places, a municipality's figures) is for that key
    alone: no browser, proxy or CDN may keep it. Public answers may be cached, but per Authorization."""
    if is_api_request():
        if request.headers.get("Authorization"):
            response.headers["Cache-Control"] = "no-store"
        response.vary.add("Authorization")
    return response


def init_app(app: Flask) -> None:
    app.config.setdefault("API_TITLE", "Jobbrygga")
    app.config.setdefault("API_VERSION", "1")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault("OPENAPI_URL_PREFIX", API_PREFIX)
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("API_SPEC_OPTIONS", {
        "info": {"description": "Open places and the taxonomy (no key); an organisation's own places "
                                "and competence needs (organisation key); a municipality's aggregated statistics (municipality key). "
                                "Keys are made on the organisation's and the staff's pages and sent as "
                                "'Authorization: Bearer <key>'. Errors are RFC 9457 problem details."},
        "servers": [{"url": "/"}],
        "components": {"securitySchemes": {
            "organisationKey": {"type": "http", "scheme": "bearer",
                                "description": "A key made under 'API keys' on the organisation's pages."},
            "municipalityKey": {"type": "http", "scheme": "bearer",
                                "description": "A key made by a caseworker or an administrator for a municipality."},
        }},
    })
    app.url_value_preprocessor(_no_cookie_login)
    app.after_request(_keyed_answers_are_not_stored)
    api.init_app(app)
    from app.api import docs, needs, organisation, places, statistics, taxonomy

    for blueprint in (places.blp, taxonomy.blp, organisation.blp, statistics.blp, needs.blp):
        csrf.exempt(blueprint)  # cookies never authenticate here, so a forged cross-site request carries nothing
        if blueprint.name not in _limited:  # once per process: a second app (tests) must not count calls twice
            limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=rate_key)(blueprint)
            _limited.add(blueprint.name)
        api.register_blueprint(blueprint, url_prefix=API_PREFIX)
    app.register_blueprint(docs.bp, url_prefix=API_PREFIX)


def rate_key() -> str:
    """Calls with a key count per key (so a recruiting system behind a shared address has its own budget)."""
    from app.api.auth import bearer_token
    from app.services.api_keys import digest

    token = bearer_token()
    return f"api-key:{digest(token)[:32]}" if token else f"api-address:{request.remote_addr}"
