"""flask loadtest generate | match | run."""
from pathlib import Path

import click
from flask.cli import AppGroup

loadtest_cli = AppGroup("loadtest", help="Region-sized test data and a Locust load test (127.0.0.1 only).")


@loadtest_cli.command("generate")
@click.option("--jobseekers", default=20_000, show_default=True)
@click.option("--opportunities", default=5_000, show_default=True)
@click.option("--caseworkers", default=200, show_default=True)
@click.option("--employers", default=1_000, show_default=True)
def generate_command(jobseekers: int, opportunities: int, caseworkers: int, employers: int) -> None:
    """Insert the load-test dataset (needs the taxonomy: flask taxonomy import). Not for a production database."""
    import time

    from app.loadtest.generate import already_generated, generate

    if already_generated():
        raise click.ClickException("the load-test accounts are already in this database")
    started = time.perf_counter()
    counts = generate(jobseekers, opportunities, caseworkers, employers)
    click.echo(", ".join(f"{name} {n}" for name, n in counts.items()) + f" in {time.perf_counter() - started:.1f} s")


@loadtest_cli.command("match")
@click.option("--approve", default=0.3, show_default=True, help="Share of suggestions approved (shown to people).")
def match_command(approve: float) -> None:
    """Suggestions for the whole load-test region (background jobs), then approve a share of them."""
    import random

    from sqlalchemy import select, update

    from app import jobs
    from app.extensions import db
    from app.loadtest.generate import REGION
    from app.models import Match

    batches = [jobs.start_matching(county) for county in REGION]  # all queued first: every worker gets work
    for county, batch in zip(REGION, batches):
        if jobs.redis_url() is not None:
            from app.jobs_cli import _follow

            _follow(batch)
        else:
            click.echo(f"region {county}: {jobs.progress(batch).created} suggestions")
    ids = db.session.scalars(select(Match.id).where(Match.status == "suggested")).all()
    chosen = random.Random(8).sample(ids, int(len(ids) * approve))
    for start in range(0, len(chosen), 5000):
        db.session.execute(update(Match).where(Match.id.in_(chosen[start:start + 5000])).values(status="approved"))
    db.session.commit()
    click.echo(f"suggestions {len(ids)}, approved {len(chosen)}")


@loadtest_cli.command("run")
@click.option("--users", "-u", default=50, show_default=True)
@click.option("--spawn-rate", "-r", default=10.0, show_default=True)
@click.option("--run-time", default="3m", show_default=True)
@click.option("--workers", "-w", default=5, show_default=True, help="gunicorn worker processes.")
@click.option("--max-requests", type=int, default=None, help="gunicorn --max-requests (0: never recycle workers).")
@click.option("--warmup", default="30s", show_default=True,
              help="Locust run before the figures (not counted): caches filled, RSS baseline after it.")
@click.option("--recovery-users", default=0, help="Then this many users on the same server (the load drops).")
@click.option("--recovery-time", default="1m", show_default=True)
@click.option("--recovery-spawn-rate", default=5.0, show_default=True, help="Users arriving per second after the drop.")
@click.option("--fault-command", help="Run this during the load, e.g. a PostgreSQL restart; /readyz is watched and "
              "half-done writes are counted afterwards.")
@click.option("--fault-after", default=60.0, show_default=True, help="Seconds into the load when the fault command runs.")
@click.option("--only", "user_classes", multiple=True, type=click.Choice(["Jobseeker", "Employer", "Caseworker"]),
              help="Only these kinds of users (repeat the option); default: the whole mix.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("instance/loadtest"),
              show_default=True)
def run_command(users: int, spawn_rate: float, run_time: str, workers: int, max_requests: int | None,
                warmup: str, recovery_users: int, recovery_time: str, recovery_spawn_rate: float,
                fault_command: str | None, fault_after: float, user_classes: tuple[str, ...], out: Path) -> None:
    """Start gunicorn against DATABASE_URL, run Locust headless, print p50/p95/p99, errors, status codes, RSS."""
    import os

    from app.loadtest.run import print_figures, run

    url = os.environ.get("DATABASE_URL")
    if not url or not url.startswith(("postgresql", "postgres:")):
        raise click.ClickException("set DATABASE_URL to the PostgreSQL database with the load-test data")
    print_figures(run(users, spawn_rate, run_time, workers, out / f"u{users}", url, max_requests=max_requests,
                      warmup=warmup or None, recovery_users=recovery_users, recovery_time=recovery_time,
                      recovery_spawn_rate=recovery_spawn_rate, user_classes=user_classes,
                      fault_command=fault_command, fault_after=fault_after))
