"""The queue: Redis when REDIS_URL is set, this process when not; and the RQ worker that loads the app once."""
import logging
import os
from collections.abc import Callable
from contextlib import nullcontext

from flask import current_app, has_app_context
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry, Worker as RQWorker
from rq.job import Job

QUEUE_NAME = "jobbrygga"
RETRY = Retry(max=3, interval=[10, 60, 300])

log = logging.getLogger(__name__)
_worker_app = None


class QueueUnavailable(RuntimeError):
    """REDIS_URL is set but Redis does not answer."""


# ---------------------------------------------------------------- the queue

def redis_url() -> str | None:
    """The app's REDIS_URL; outside an app (a bare RQ process before the app is built) the same reading of it."""
    if has_app_context():
        return current_app.config.get("REDIS_URL") or None
    from app.config import redis_url as from_environment

    return from_environment()


def connection() -> Redis | None:
    url = redis_url()
    # Short timeouts: a Redis that is down must not hold a web request for long.
    return Redis.from_url(url, socket_connect_timeout=2, socket_timeout=10) if url else None


def queue_name() -> str:
    """RQ_QUEUE (default "jobbrygga"): the load test uses a queue of its own, so production workers never take its jobs."""
    if has_app_context():
        return current_app.config.get("RQ_QUEUE") or QUEUE_NAME
    return os.environ.get("RQ_QUEUE") or QUEUE_NAME


def get_queue(redis: Redis | None = None) -> Queue | None:
    redis = redis or connection()
    return Queue(queue_name(), connection=redis) if redis is not None else None


def app_context():
    """Jobs run inside an app: the caller's, or (in an RQ worker) one built from the environment."""
    global _worker_app
    if has_app_context():
        return nullcontext()
    if _worker_app is None:
        from app import create_app

        _worker_app = create_app()
    return _worker_app.app_context()


class Worker(RQWorker):
    """RQ's worker with the app and the matcher's reference data loaded once, before it forks a process per job.

    Nothing here opens a database connection, so the forked job processes share no sockets.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        global _worker_app
        from matching import lexicon_for, reference_data

        if _worker_app is None and not has_app_context():
            from app import create_app

            _worker_app = create_app()
        app = _worker_app if _worker_app is not None else current_app
        if app.config.get("LOG_FORMAT") == "json":  # rq's command line has given its loggers plain-text handlers
            from app.operations.logs import adopt_loggers

            adopt_loggers("rq", "rq.worker", "rq.job", "rq.queue", "rq.scheduler")
        lexicon_for(reference_data())

    def execute_job(self, job, queue):
        """Before forking a matching chunk's process, fit the run's matchers here (once per set of open places):
        the forked process inherits them, so a run of many chunks fits once per worker, not once per chunk."""
        from app.background import tasks

        if job.func_name == f"{tasks.__name__}.match_chunk" and _worker_app is not None:
            try:
                with _worker_app.app_context():
                    from app.extensions import db

                    args = list(job.args) + [None] * 5
                    if args[3] is not None:  # a run's chunk: fit its matchers once, here
                        tasks.suggestion_run(args[1] or 10, args[3], args[4]).prepare()
                    db.session.remove()
                    db.engine.dispose()  # the forked process opens its own connections
            except Exception:  # noqa: BLE001 - the chunk itself then fits, as before
                log.exception("could not fit the matcher before the job")
        return super().execute_job(job, queue)


def enqueue(func: Callable, *args, **kwargs) -> Job | None:
    """Put func(*args) on the queue; without REDIS_URL run it now and return None.

    Redis configured but down: the work runs in this process (logged), so nothing is lost; callers
    that must not do the work in-process (a large region from the web) use start_matching instead.
    """
    queue = get_queue()
    if queue is not None:
        try:
            return queue.enqueue(func, args=args, kwargs=kwargs, retry=RETRY)
        except RedisError as error:
            log.warning("queue unavailable (%s): running %s in-process", type(error).__name__, func.__name__)
    func(*args, **kwargs)
    return None


def in_background(func: Callable, *args) -> None:
    """Run func(*args) after the request: on an RQ worker with REDIS_URL, else in a thread of this process.

    Used for mail that must not show in the answer's timing (whether an account exists): the request
    does the same work either way, and the SMTP conversation happens elsewhere. Without Redis a
    message still waiting when the process stops is lost, as the visitor could ask again.
    """
    queue = get_queue()
    if queue is not None:
        try:
            queue.enqueue(func, args=args, retry=RETRY)
            return
        except RedisError as error:
            log.warning("queue unavailable (%s): %s in a thread", type(error).__name__, func.__name__)
    app = current_app._get_current_object()

    def run():
        with app.app_context():
            try:
                func(*args)
            except Exception:  # a thread has nobody to tell: log it
                log.exception("background %s failed", func.__name__)

    future = _background_threads().submit(run)
    _pending.append(future)


_pending: list = []
_executor = None


def _background_threads():
    global _executor
    if _executor is None:
        from concurrent.futures import ThreadPoolExecutor

        _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="jobbrygga-mail")
    return _executor


def wait_for_background(timeout: float = 30) -> None:
    """Wait until the in-process background work started so far is done (tests, and the demo's CLI)."""
    from concurrent.futures import wait

    while _pending:
        wait([_pending.pop()], timeout=timeout)

