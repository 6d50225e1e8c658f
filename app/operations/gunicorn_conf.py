"""gunicorn settings: `gunicorn -c python:app.operations.gunicorn_conf` from any directory (or `gunicorn -c app/operations/gunicorn_conf.py
wsgi:app` in the repository folder). Every value can be changed from the environment.

| variable | default | |
|---|---|---|
| BIND | 0.0.0.0:$PORT (PORT default 8000) | address to listen on |
| WEB_CONCURRENCY | 2 × cores + 1, at most 8 | worker processes |
| WEB_THREADS | 32 | threads per worker (gthread worker; 1 = the sync worker, without load shedding) |
| ADMISSION_ACTIVE | 1 | requests working at once per worker when threads > 1; the others wait (app/guards/admission.py) |
| ADMISSION_WAIT | 1 | seconds a request may wait for its turn before it gets the 503 "busy" page |
| GUNICORN_TIMEOUT | 30 | seconds a request may take before its worker is killed and replaced |
| GUNICORN_GRACEFUL_TIMEOUT | 30 | seconds workers get to finish their requests on reload (HUP) or stop (TERM) |
| GUNICORN_KEEPALIVE | 75 | seconds an idle keep-alive connection stays open (longer than the load balancer's idle timeout) |
| GUNICORN_MAX_REQUESTS | 1000 | a worker is replaced after this many requests (± GUNICORN_MAX_REQUESTS_JITTER, 100) |
| LOG_LEVEL | info | |

Logs are JSON lines on stderr (app/operations/logs.py), gunicorn's own included. gunicorn's access log
stays off: it can only print the raw URL (query strings, reset tokens). The app writes the access
line instead (logger jobbrygga.access: route template, status, duration, request id, user id).
Graceful reload of code or configuration: `kill -HUP <master pid>`.
"""
import multiprocessing
import os

# The app from the installed package, so gunicorn starts in any directory (a wsgi:app on the command line wins).
wsgi_app = "app:create_app()"


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = os.environ.get("BIND") or f"0.0.0.0:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))
threads = _int("WEB_THREADS", 32)
worker_class = "gthread" if threads > 1 else "sync"
if threads > 1:
    # Many more threads than working requests: a request that arrives while its worker is busy waits for its
    # turn on a clock in the app (load shedding: 503 after ADMISSION_WAIT), not unseen in the socket queue.
    # One working request per process, as with sync workers: under the GIL a second one would only slow
    # both, and the workers together already hold more requests than the machine has cores.
    # (ADMISSION_WAIT's default, 1 s, is the app's: app/config.py.)
    os.environ.setdefault("ADMISSION_ACTIVE", "1")
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Idle keep-alive connections stay open longer than a load balancer's idle timeout (commonly 60 s): when the
# server closes first, a request already on its way meets a reset instead of an answer (seen under load).
keepalive = _int("GUNICORN_KEEPALIVE", 75)
# Replace workers now and then so that a slow leak cannot grow without bound; jitter keeps them from all
# restarting at the same moment.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Load the app once in the master: workers fork with the code, catalogs and taxonomy indexes already in
# memory (copy-on-write), and a broken release fails at start instead of in every worker.
preload_app = True
control_socket_disable = True  # gunicorn ≥ 27's control socket is one per user: two instances would clash
# Workers' heartbeat files in memory, off slow or full disks (gunicorn's advice for containers); bandit's
# B108 is about shared temp files, and these are gunicorn's own, created with mkstemp.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # nosec B108
# The request line can hold personal data (query strings, reset tokens): no gunicorn access log.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "app.operations.logs.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"level": loglevel.upper(), "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": [], "propagate": True},
        "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
    },
}
# The app under gunicorn logs JSON whatever LOG_FORMAT says, like gunicorn itself.
os.environ.setdefault("LOG_FORMAT", "json")


def post_fork(server, worker):
    """Each worker opens its own database connections: none may be shared with the master after fork."""
    from app.extensions import db

    app = worker.app.wsgi()
    with app.app_context():
        db.engine.dispose(close=False)
