"""Where links in e-mails point: only hosts the configuration names, never whatever Host header a request carried."""

from flask import current_app, has_request_context, request, url_for

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def public_base_url() -> str | None:
    """PUBLIC_URL; else this request's host when Flask's TRUSTED_HOSTS lists it (Flask answers 400 for any other
    host) or, outside production, when it is this machine (local development); else None: no link can be built."""
    configured = current_app.config.get("PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    if not has_request_context():
        return None
    if current_app.config.get("TRUSTED_HOSTS"):
        return request.host_url.rstrip("/")  # request.host is already checked against TRUSTED_HOSTS
    hostname = request.host.rpartition(":")[0] if not request.host.endswith("]") else request.host
    hostname = (hostname or request.host).strip("[]").lower()
    if hostname in LOOPBACK_HOSTS and current_app.config.get("JOBBRYGGA_ENV") != "production":
        return request.host_url.rstrip("/")
    current_app.logger.error("no link built for host %r: set PUBLIC_URL (or TRUSTED_HOSTS)", request.host[:100])
    return None


def external_url(base_url: str, endpoint: str, **values) -> str:
    """url_for(endpoint) under base_url; works in a background job, which has no request of its own."""
    with current_app.test_request_context(base_url=base_url):
        return url_for(endpoint, _external=True, **values)
