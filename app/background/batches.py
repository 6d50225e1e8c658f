"""One matching run over an area (a municipality or a county), as chunks of people that workers share.

A batch is a small record in Redis listing its chunk jobs; its progress is the sum of the chunks'
job.meta["progress"]. Without Redis a batch runs before start_matching returns and its record is kept in
this process only.
"""
import json
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus

from app.background.jobqueue import RETRY, QueueUnavailable, connection, get_queue
from app.background.tasks import STEP, match_chunk
from app.services.scope import municipalities_in

CHUNK_SIZE = 500  # people per job: the unit that workers share
BATCH_TTL = 7 * 24 * 3600
CHUNK_TIMEOUT = 30 * 60

_inline_batches: dict[str, dict] = {}  # without Redis: batches run in this process


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



# ---------------------------------------------------------------- matching batches


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

