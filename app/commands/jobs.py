"""flask matching run-region and flask jobs …: background work from the command line, with progress bars."""
import sys
import time
from contextlib import contextmanager

import click
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background work (RQ on Redis when REDIS_URL is set, in-process otherwise).")


@contextmanager
def progress_bar(total: int, label: str, every_seconds: float = 10):
    """Yields update(done): a bar in a terminal; elsewhere (a log, a pipe, systemd) a line at every tenth and at
    least every every_seconds while it moves, so a log shows how far a long run got."""
    if sys.stdout.isatty():
        with click.progressbar(length=max(total, 1), label=label, show_pos=True) as bar:
            shown = [0]

            def update(done: int) -> None:
                bar.update(done - shown[0])
                shown[0] = done

            yield update
        return
    state = {"tenth": -1, "at": 0.0, "done": -1}

    def update(done: int) -> None:
        tenth = 10 * done // max(total, 1)
        now = time.monotonic()
        if done != state["done"] and (tenth > state["tenth"] or now - state["at"] >= every_seconds):
            click.echo(f"{label}: {done}/{total} ({100 * done // max(total, 1)} %)")
            state.update(tenth=tenth, at=now, done=done)

    update(0)
    yield update


def _follow(batch_id: str, poll_seconds: float = 0.5) -> None:
    """A progress bar over a queued batch until every chunk has finished (or one has failed)."""
    from app.background import batches

    current = batches.progress(batch_id)
    with progress_bar(current.total, f"batch {batch_id}") as update:
        while True:
            current = batches.progress(batch_id)
            update(current.done)
            if current.state in ("finished", "failed"):
                break
            time.sleep(poll_seconds)
    _summary(current)
    if current.state == "failed":
        raise click.ClickException(f"a chunk failed: see `rq info`; then `flask jobs resume {batch_id}`")


def _summary(current) -> None:
    click.echo(f"batch {current.batch_id} ({current.area}): {current.state}, people {current.done}/{current.total}, "
               f"chunks {current.chunks_done}/{current.chunks}, new suggestions {current.created}")


@click.command("run-region")
@click.argument("area")
@click.option("--chunk-size", default=500, show_default=True, help="People per job (the unit workers share).")
@click.option("--wait/--no-wait", default=True, help="With Redis: follow the workers with a progress bar.")
def run_region_command(area: str, chunk_size: int, wait: bool) -> None:
    """Match everyone in AREA: a municipality (4 digits, e.g. 1980) or a region/county (2 digits, e.g. 19)."""
    from app.background import batches, jobqueue

    if jobqueue.redis_url() is None:
        total = sum(len(chunk) for chunk in batches.chunks_for(area, chunk_size))
        with progress_bar(total, f"matching {area} in-process") as step:
            batch_id = batches.start_matching(area, chunk_size, on_step=step)
        _summary(batches.progress(batch_id))
        return
    try:
        batch_id = batches.start_matching(area, chunk_size)
    except jobqueue.QueueUnavailable as error:
        raise click.ClickException(f"Redis at REDIS_URL does not answer ({error}); start it, or unset REDIS_URL "
                                   "to run in this process") from error
    click.echo(f"queued batch {batch_id}; workers: rq worker -w app.background.jobqueue.Worker -u $REDIS_URL {jobqueue.queue_name()}")
    if wait:
        _follow(batch_id)


@jobs_cli.command("progress")
@click.argument("batch_id")
@click.option("--follow/--no-follow", default=False, help="Show a progress bar until the batch ends.")
def progress_command(batch_id: str, follow: bool) -> None:
    """Where a matching batch stands."""
    from app.background import batches

    current = batches.progress(batch_id)
    if current is None:
        raise click.ClickException(f"no batch {batch_id} (unknown, or expired after 7 days)")
    _follow(batch_id) if follow else _summary(current)


@jobs_cli.command("resume")
@click.argument("batch_id")
@click.option("--follow/--no-follow", default=False, help="Show a progress bar until the batch ends.")
def resume_command(batch_id: str, follow: bool) -> None:
    """Queue again the chunks of a batch that failed or were lost with a killed worker (safe to repeat)."""
    from app.background import batches

    click.echo(f"chunks queued again: {batches.resume(batch_id)}")
    if follow:
        _follow(batch_id)


@jobs_cli.command("retention")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Run as if today were this date (YYYY-MM-DD); default: the day the job runs.")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Wait (at most --timeout seconds) for a worker to run it, then print the counts.")
@click.option("--timeout", default=600, show_default=True)
def retention_job_command(today, wait: bool, timeout: int) -> None:
    """Queue the retention run (hide inactive profiles, delete long-hidden ones) and print what it did.

    (`flask privacy retention` does the same in this process, without a worker: the systemd timer uses that.)"""
    from app.background import jobqueue, tasks

    day = today.date().isoformat() if today else None
    if jobqueue.redis_url() is None:
        _retention_counts(tasks.run_retention(day))
        return
    job = jobqueue.enqueue(tasks.run_retention, day)
    if job is None:
        click.echo("Redis did not answer: retention ran in this process (the counts are in its log)")
        return
    click.echo(f"retention queued as job {job.id}")
    if not wait:
        click.echo(f"the counts: in the worker's log, or `rq info -u $REDIS_URL`; the job's result is kept "
                   f"{job.result_ttl or 500} s")
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = job.get_status(refresh=True)
        if status == "finished":
            _retention_counts(job.return_value() or {})
            return
        if status in ("failed", "stopped", "canceled"):
            raise click.ClickException(f"the retention job {job.id} {status}: see the worker's log")
        time.sleep(0.5)
    raise click.ClickException(f"no worker ran the retention job {job.id} within {timeout} s: are workers running "
                               f"(rq worker -w app.background.jobqueue.Worker -u $REDIS_URL {jobqueue.queue_name()})?")


def _retention_counts(result: dict) -> None:
    click.echo(f"profiles hidden {result.get('hidden', 0)}, deleted {result.get('deleted', 0)}; "
               f"old one-time form tokens forgotten {result.get('tokens', 0)}")


@jobs_cli.command("train")
def train_job_command() -> None:
    """Queue the re-ranker's training on caseworkers' decisions (flask matching train does it here and prints)."""
    from app.background import jobqueue, tasks

    job = jobqueue.enqueue(tasks.train_reranker)
    click.echo(f"training queued as job {job.id}" if job else "training ran in this process")
