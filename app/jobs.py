"""Background work: RQ workers on Redis when REDIS_URL is set, in-process (same functions, one by one) when not.

Jobs: matching for a municipality or a region (county), split into chunks of people so that several
workers share a large region; retention; e-mail. Start as many workers as the machine has cores for:
`rq worker -w app.jobs.Worker -u $REDIS_URL jobbrygga` (same environment as the web app).

Every job may run again safely: a matching chunk stores suggestions with ON CONFLICT DO NOTHING on the
one-per-pair constraint and commits every STEP people, so a worker killed mid-chunk keeps what it
committed and the retried chunk adds only the rest. Retention and e-mail are idempotent by nature
(an already hidden or deleted profile is not touched again; a message is sent as one unit).

A batch (one matching run over an area) is a small record in Redis listing its chunk jobs; its
progress is the sum of the chunks' job.meta["progress"]. Without Redis a batch runs before
start_matching returns and its record is kept in this process only.
"""
import json
import logging
import os
import uuid
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from datetime import date, datetime

from flask import current_app, has_app_context
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry, Worker as RQWorker, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from sqlalchemy import select

QUEUE_NAME = "jobbrygga"
CHUNK_SIZE = 500  # people per job: the unit that workers share
STEP = 50  # people per commit inside a chunk: progress, and what a killed worker keeps
BATCH_TTL = 7 * 24 * 3600
CHUNK_TIMEOUT = 30 * 60
RETRY = Retry(max=3, interval=[10, 60, 300])

log = logging.getLogger(__name__)
_inline_batches: dict[str, dict] = {}  # without Redis: batches run in this process
_worker_app = None


class QueueUnavailable(RuntimeError):
    """REDIS_URL is set but Redis does not answer."""


@dataclass(frozen=True)
class Progress:
    batch_id: str
    area: str
    state: str  # queued, running, finished, failed
    done: int  # people processed
    total: int
    created: int  # new suggestions
    chunks_done: int
    chunks: int
    inline: bool

    def as_dict(self) -> dict:
        return asdict(self)


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


def _app_context():
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
            from app.logging_setup import adopt_loggers

            adopt_loggers("rq", "rq.worker", "rq.job", "rq.queue", "rq.scheduler")
        lexicon_for(reference_data())

    def execute_job(self, job, queue):
        """Before forking a matching chunk's process, fit the run's matchers here (once per set of open places):
        the forked process inherits them, so a run of many chunks fits once per worker, not once per chunk."""
        if job.func_name == f"{__name__}.match_chunk" and _worker_app is not None:
            try:
                with _worker_app.app_context():
                    from app.extensions import db

                    args = list(job.args) + [None] * 5
                    if args[3] is not None:  # a run's chunk: fit its matchers once, here
                        suggestion_run(args[1] or 10, args[3], args[4]).prepare()
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


# ---------------------------------------------------------------- jobs

def _report(job: Job | None, **progress) -> None:
    if job is not None:
        job.meta["progress"] = progress
        job.save_meta()


def match_chunk(profile_ids: list[int], k: int = 10, step: int = STEP, run_id: str | None = None,
                started_at: datetime | None = None, on_step: Callable[[int], None] | None = None) -> int:
    """Suggestions for these people (those still active and visible); returns how many rows were added.

    The chunks of one run (run_id: the batch, started_at: when it was started) share one SuggestionRun, with
    a matcher fitted once; seats taken by cases made after started_at (this run's own) do not count, so a
    chunk run again, resumed or run in another order gives the same as one run over everyone.
    """
    from app.extensions import db
    from app.models import JobseekerProfile
    from app.services.matching import active_people

    job = get_current_job()
    with _app_context():
        profiles = list(db.session.scalars(active_people().where(JobseekerProfile.id.in_(profile_ids))
                                           .order_by(JobseekerProfile.id)))
        total, created = len(profile_ids), 0
        _report(job, done=0, total=total, created=0)
        run = suggestion_run(k, run_id, started_at) if profiles else None
        for start in range(0, len(profiles), step):
            created += run.suggest(profiles[start:start + step])
            done = min(start + step, len(profiles))
            _report(job, done=done, total=total, created=created)
            if on_step:
                on_step(done)
        _report(job, done=total, total=total, created=created)
        return created


_run_cache: dict = {}


def suggestion_run(k: int = 10, run_id: str | None = None, started_at: datetime | None = None):
    """The SuggestionRun of this run: made (and its matchers fitted) by the first chunk of the run that this
    process works on, then reused by the others. In an RQ worker app.jobs.Worker makes it before forking the
    job's process, so the forked chunks inherit it. Without a run id: a new one."""
    from app.services.suggestions import SuggestionRun

    if run_id is None:
        return SuggestionRun(k, as_of=started_at)
    if _run_cache.get("key") != (run_id, k):
        _run_cache.clear()  # one run at a time is kept: a worker moves on to the next run's chunks
        _run_cache.update(key=(run_id, k), run=SuggestionRun(k, as_of=started_at))
    return _run_cache["run"]


def run_retention(today: str | None = None) -> dict:
    """apply_retention as a job; today as YYYY-MM-DD (default: the day it runs)."""
    from app.once import forget_older_than
    from app.services.retention import apply_retention

    with _app_context():
        report = apply_retention(date.fromisoformat(today) if today else None)
        tokens = forget_older_than(days=2)  # used one-time form tokens
        return {"hidden": report.hidden, "deleted": report.deleted, "tokens": tokens}


def train_reranker() -> dict:
    """reranker.train as a job: the same data gives the same model, and the file is replaced whole, so a retry
    is safe. The model is written to RERANKER_PATH: with workers on other machines, put it on shared storage."""
    from dataclasses import asdict

    from app.services.reranker import train

    with _app_context():
        return asdict(train())


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


def deliver_mail(to: str, subject: str, body: str) -> None:
    """send_mail as a job (the SMTP conversation happens in a worker, not in the visitor's request)."""
    from app.services.mail import send_mail

    with _app_context():
        send_mail(to, subject, body)


def send_mail_later(to: str, subject: str, body: str) -> None:
    in_background(deliver_mail, to, subject, body)


def deliver_reset_mail(email: str, base_url: str) -> None:
    """The password-reset mail for email, if it has an account (looked up here, not in the visitor's request)."""
    from app.services.password_reset import send_reset_mail

    with _app_context():
        send_reset_mail(email, base_url)


def deliver_registration_mail(email: str, full_name: str, locale: str, base_url: str) -> None:
    """The link that completes a new account, or a note that the address already has one."""
    from app.services.registration import send_registration_mail

    with _app_context():
        send_registration_mail(email, full_name, locale, base_url)


# ---------------------------------------------------------------- matching batches

def municipalities_in(area: str) -> list[str]:
    """A 4-digit municipality code is itself; a 2-digit county code (a region) is its municipalities."""
    from app.extensions import db
    from app.models import Concept

    if len(area) == 4:
        return [area]
    return list(db.session.scalars(select(Concept.id).where(Concept.type == "municipality",
                                                            Concept.parent_id == area).order_by(Concept.id)))


def chunks_for(area: str, chunk_size: int = CHUNK_SIZE) -> list[list[int]]:
    from app.extensions import db
    from app.models import JobseekerProfile
    from app.services.matching import active_people

    codes = municipalities_in(area)
    ids = list(db.session.scalars(active_people(codes).with_only_columns(JobseekerProfile.id)
                                  .order_by(JobseekerProfile.id))) if codes else []
    return [ids[i:i + chunk_size] for i in range(0, len(ids), chunk_size)]


def _key(batch_id: str) -> str:
    return f"jobbrygga:batch:{batch_id}"


def start_matching(area: str, chunk_size: int = CHUNK_SIZE, k: int | None = None, step: int = STEP,
                   on_step: Callable[[int], None] | None = None) -> str:
    """Match everyone in a municipality or region: one job per chunk of people; returns the batch id.

    With Redis the chunks are queued for the workers (raises QueueUnavailable when Redis does not
    answer); without REDIS_URL they run here, one after another, calling on_step(people done so far).
    """
    k = k or current_app.config.get("MATCHES_PER_PERSON", 10)
    chunks = chunks_for(area, chunk_size)
    batch_id = uuid.uuid4().hex[:16]
    started_at = _now()  # cases this run makes never take seats from its own later chunks
    record = {"area": area, "k": k, "step": step, "jobs": [f"{batch_id}-{i}" for i in range(len(chunks))],
              "sizes": [len(c) for c in chunks]}
    redis = connection()
    if redis is None:
        done_before, created = 0, 0
        for people in chunks:
            created += match_chunk(people, k, step, batch_id, started_at, on_step=(lambda n, base=done_before: on_step(base + n))
                                   if on_step else None)
            done_before += len(people)
        _inline_batches[batch_id] = {**record, "created": created}
        return batch_id
    queue = get_queue(redis)
    try:
        redis.set(_key(batch_id), json.dumps(record), ex=BATCH_TTL)
        with redis.pipeline() as pipe:
            for job_id, people in zip(record["jobs"], chunks):
                queue.enqueue(match_chunk, args=(people, k, step, batch_id, started_at), job_id=job_id, job_timeout=CHUNK_TIMEOUT,
                              result_ttl=BATCH_TTL, failure_ttl=BATCH_TTL, retry=RETRY,
                              meta={"progress": {"done": 0, "total": len(people), "created": 0}},
                              pipeline=pipe)
            pipe.execute()
    except RedisError as error:
        raise QueueUnavailable(str(error)) from error
    return batch_id


def _record(batch_id: str, redis: Redis | None) -> dict | None:
    if redis is None:
        return _inline_batches.get(batch_id)
    raw = redis.get(_key(batch_id))
    return json.loads(raw) if raw else None


def progress(batch_id: str) -> Progress | None:
    """Where a batch stands; None for an unknown (or expired) batch. Raises QueueUnavailable."""
    redis = connection()
    try:
        record = _record(batch_id, redis)
        if record is None:
            return None
        total = sum(record["sizes"])
        if redis is None:
            return Progress(batch_id, record["area"], "finished", total, total, record["created"],
                            len(record["jobs"]), len(record["jobs"]), inline=True)
        done = created = chunks_done = 0
        states = set()
        for size, job in zip(record["sizes"], Job.fetch_many(record["jobs"], connection=redis)):
            status = job.get_status(refresh=False) if job else None
            meta = (job.meta.get("progress") if job else None) or {}
            states.add(status)
            if status == JobStatus.FINISHED:
                chunks_done += 1
                done += size
                created += job.return_value() or 0
            else:
                done += meta.get("done", 0)
                created += meta.get("created", 0)
    except RedisError as error:
        raise QueueUnavailable(str(error)) from error
    if chunks_done == len(record["jobs"]):
        state = "finished"
    elif states & {JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED, None}:
        state = "failed"
    elif states & {JobStatus.STARTED} or chunks_done:
        state = "running"
    else:
        state = "queued"
    return Progress(batch_id, record["area"], state, done, total, created, chunks_done, len(record["jobs"]),
                    inline=False)


def resume(batch_id: str) -> int:
    """Queue again every chunk of a batch that has not finished (failed, or lost with a killed worker).

    Safe to call at any time: a chunk that runs twice adds nothing twice. Returns how many were queued.
    """
    redis = connection()
    if redis is None:
        return 0
    record = _record(batch_id, redis)
    if record is None:
        return 0
    queue = get_queue(redis)
    jobs = Job.fetch_many(record["jobs"], connection=redis)
    waiting = set(queue.get_job_ids())
    requeued = 0
    for job_id, job in zip(record["jobs"], jobs):
        status = job.get_status() if job is not None else None
        if status == JobStatus.FINISHED or (status == JobStatus.QUEUED and job_id in waiting):
            continue  # (a job marked queued but not in the queue was taken by a worker that died at once)
        args = job.args if job is not None else None
        if args is None:
            raise NoSuchJobError(f"chunk {job_id} has expired; start a new run")
        job.delete()
        queue.enqueue(match_chunk, args=args, job_id=job_id, job_timeout=CHUNK_TIMEOUT, result_ttl=BATCH_TTL,
                      failure_ttl=BATCH_TTL, retry=RETRY,
                      meta={"progress": {"done": 0, "total": len(args[0]), "created": 0}})
        requeued += 1
    return requeued


def _now() -> datetime:
    from app.models import utcnow

    return utcnow()
