"""flask matching run-region and flask jobs …: background work from the command line, with progress bars."""
import time

import click
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background work (RQ on Redis when REDIS_URL is set, in-process otherwise).")


def _follow(batch_id: str, poll_seconds: float = 0.5) -> None:
    """A progress bar over a queued batch until every chunk has finished (or one has failed)."""
    from app import jobs

    current = jobs.progress(batch_id)
    with click.progressbar(length=max(current.total, 1), label=f"batch {batch_id}", show_pos=True) as bar:
        shown = 0
        while True:
            current = jobs.progress(batch_id)
            bar.update(current.done - shown)
            shown = current.done
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
    from app import jobs

    if jobs.redis_url() is None:
        total = sum(len(chunk) for chunk in jobs.chunks_for(area, chunk_size))
        with click.progressbar(length=max(total, 1), label=f"matching {area} in-process", show_pos=True) as bar:
            shown = [0]

            def step(done: int) -> None:
                bar.update(done - shown[0])
                shown[0] = done

            batch_id = jobs.start_matching(area, chunk_size, on_step=step)
        _summary(jobs.progress(batch_id))
        return
    try:
        batch_id = jobs.start_matching(area, chunk_size)
    except jobs.QueueUnavailable as error:
        raise click.ClickException(f"Redis at REDIS_URL does not answer ({error}); start it, or unset REDIS_URL "
                                   "to run in this process") from error
    click.echo(f"queued batch {batch_id}; workers: rq worker -u $REDIS_URL {jobs.QUEUE_NAME}")
    if wait:
        _follow(batch_id)


@jobs_cli.command("progress")
@click.argument("batch_id")
@click.option("--follow/--no-follow", default=False, help="Show a progress bar until the batch ends.")
def progress_command(batch_id: str, follow: bool) -> None:
    """Where a matching batch stands."""
    from app import jobs

    current = jobs.progress(batch_id)
    if current is None:
        raise click.ClickException(f"no batch {batch_id} (unknown, or expired after 7 days)")
    _follow(batch_id) if follow else _summary(current)


@jobs_cli.command("resume")
@click.argument("batch_id")
@click.option("--follow/--no-follow", default=False, help="Show a progress bar until the batch ends.")
def resume_command(batch_id: str, follow: bool) -> None:
    """Queue again the chunks of a batch that failed or were lost with a killed worker (safe to repeat)."""
    from app import jobs

    click.echo(f"chunks queued again: {jobs.resume(batch_id)}")
    if follow:
        _follow(batch_id)


@jobs_cli.command("retention")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Run as if today were this date (YYYY-MM-DD); default: the day the job runs.")
def retention_job_command(today) -> None:
    """Queue the retention run (hide inactive profiles, delete long-hidden ones)."""
    from app import jobs

    job = jobs.enqueue(jobs.run_retention, today.date().isoformat() if today else None)
    click.echo(f"retention queued as job {job.id}" if job else "retention ran in this process")


@jobs_cli.command("train")
def train_job_command() -> None:
    """Queue the re-ranker's training on caseworkers' decisions (flask matching train does it here and prints)."""
    from app import jobs

    job = jobs.enqueue(jobs.train_reranker)
    click.echo(f"training queued as job {job.id}" if job else "training ran in this process")
