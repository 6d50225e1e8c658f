"""Load shedding: past its capacity the site answers 503 "busy, try again" at once instead of queueing.

Without this, a request that arrives while every worker is busy waits in the socket's queue: at five
times the normal load every page took many seconds (p95 49 s measured) and nobody was told why.
Here each worker process lets ADMISSION_ACTIVE requests work at a time; a request that cannot start
within ADMISSION_WAIT seconds gets the friendly 503 page with Retry-After, and has touched nothing:
no database query, no form saved (the person can go back and send it again).

This needs more threads than active requests (gunicorn's gthread worker, app/operations/gunicorn_conf.py), so
that waiting requests are held here, on a clock, and not in the socket queue. Health probes are never
shed: the load balancer must see a busy process as alive.
"""
from threading import BoundedSemaphore

from flask import Flask, g, request
from werkzeug.exceptions import ServiceUnavailable

from app.extensions import login

NEVER_SHED = {"health.healthz", "health.readyz", "static"}
RETRY_AFTER = 10  # seconds; a busy spell passes quickly, unlike a database restart (30)


def init_app(app: Flask) -> None:
    """Call right after operations.logs.init_app: shed requests still get their access log line."""
    active = app.config["ADMISSION_ACTIVE"]
    if not active:
        return
    slots = BoundedSemaphore(active)
    wait = app.config["ADMISSION_WAIT"]
    app.extensions["admission"] = slots

    @app.before_request
    def admit():
        if request.endpoint in NEVER_SHED:
            return
        if not slots.acquire(timeout=wait):
            g._login_user = login.anonymous_user()  # the busy page must not ask the database who this is
            raise ServiceUnavailable(retry_after=RETRY_AFTER)
        g.admitted = True

    @app.teardown_request
    def leave(_error=None):
        if g.pop("admitted", False):
            slots.release()
