"""The job bodies: what a worker (or, without Redis, this process) runs. Each may run again safely."""
from collections.abc import Callable
from datetime import date, datetime

from rq import get_current_job
from rq.job import Job

from app.background.jobqueue import app_context

STEP = 50  # people per commit inside a chunk: progress, and what a killed worker keeps


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
    with app_context():
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
    process works on, then reused by the others. In an RQ worker app.background.jobqueue.Worker makes it before forking the
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
    from app.guards.once import forget_older_than
    from app.services.retention import apply_retention

    with app_context():
        report = apply_retention(date.fromisoformat(today) if today else None)
        tokens = forget_older_than(days=2)  # used one-time form tokens
        return {"hidden": report.hidden, "deleted": report.deleted, "tokens": tokens}


def train_reranker() -> dict:
    """reranker.train as a job: the same data gives the same model, and the file is replaced whole, so a retry
    is safe. The model is written to RERANKER_PATH: with workers on other machines, put it on shared storage."""
    from dataclasses import asdict

    from app.services.reranker import train

    with app_context():
        return asdict(train())


def deliver_reset_mail(email: str, base_url: str) -> None:
    """The password-reset mail for email, if it has an account (looked up here, not in the visitor's request)."""
    from app.services.password_reset import send_reset_mail

    with app_context():
        send_reset_mail(email, base_url)


def deliver_registration_mail(email: str, full_name: str, locale: str, base_url: str) -> None:
    """The link that completes a new account, or a note that the address already has one."""
    from app.services.registration import send_registration_mail

    with app_context():
        send_registration_mail(email, full_name, locale, base_url)

