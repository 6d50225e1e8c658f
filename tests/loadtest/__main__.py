"""python -m tests.loadtest generate | match | run — from the repository folder, never on a production machine.

The load test works only on databases of its own, named explicitly, and never in a production environment:

- JOBBRYGGA_ENV=production refuses every command (its accounts share a published password and TOTP key);
- LOADTEST_DATABASE_URL (PostgreSQL) is required and must differ from DATABASE_URL: DATABASE_URL is never
  used, so a shell with production variables cannot reach the production database;
- LOADTEST_REDIS_URL (optional) must differ from REDIS_URL, and the jobs go to a queue of their own
  (LOADTEST_QUEUE), which production workers do not listen to; `match` starts its own workers;
- its own server and workers run on plain http on 127.0.0.1 with what that needs (SESSION_COOKIE_SECURE=0,
  no PUBLIC_URL, no mail server, no proxy), whatever the shell says.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import click

from tests.loadtest.run import PROJECT_DIR

QUEUE = "jobbrygga-loadtest"
# Production settings that must not reach the load test's own app, server or workers.
DROPPED = ("PUBLIC_URL", "MAIL_SERVER", "MAIL_USERNAME", "MAIL_PASSWORD", "RERANKER_PATH", "TRUSTED_PROXIES",
           "FLASK_DEBUG", "RQ_QUEUE", "REDIS_URL", "DATABASE_URL")


class Refused(click.ClickException):
    exit_code = 2


def loadtest_environment(environ=os.environ) -> dict:
    """The environment the load test's app, gunicorn and workers run with; raises Refused when it is unsafe."""
    if environ.get("JOBBRYGGA_ENV") == "production":
        raise Refused("JOBBRYGGA_ENV=production: the load test never runs in a production environment")
    database = environ.get("LOADTEST_DATABASE_URL", "")
    if not database.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        raise Refused("set LOADTEST_DATABASE_URL to a PostgreSQL database of the load test's own, e.g. "
                      "postgresql://postgres@127.0.0.1:5432/jobbrygga_load (DATABASE_URL is never used)")
    if database == environ.get("DATABASE_URL"):
        raise Refused("LOADTEST_DATABASE_URL is the same as DATABASE_URL: give the load test a database of its own")
    redis = environ.get("LOADTEST_REDIS_URL", "")
    if redis and redis == environ.get("REDIS_URL"):
        raise Refused("LOADTEST_REDIS_URL is the same as REDIS_URL: use another Redis database, e.g. …/15")
    queue = environ.get("LOADTEST_QUEUE") or QUEUE
    if queue == (environ.get("RQ_QUEUE") or "jobbrygga"):
        raise Refused(f"LOADTEST_QUEUE is the production queue ({queue}): the production workers would take its jobs")
    env = {key: value for key, value in environ.items() if key not in DROPPED}
    env.update(DATABASE_URL=database, RQ_QUEUE=queue, SESSION_COOKIE_SECURE="0", TRUSTED_PROXIES="0",
               PYTHONPATH=str(PROJECT_DIR))
    if redis:
        env["REDIS_URL"] = redis
    return env


def _app():
    """The app on the load test's database (os.environ is replaced by the load test's environment first)."""
    env = loadtest_environment()
    os.environ.clear()
    os.environ.update(env)
    from app import create_app

    return create_app()


@click.group(help=__doc__.split("\n\n")[0])
def cli() -> None:
    pass


@cli.command("generate")
@click.option("--jobseekers", default=20_000, show_default=True)
@click.option("--opportunities", default=5_000, show_default=True)
@click.option("--caseworkers", default=200, show_default=True)
@click.option("--employers", default=1_000, show_default=True)
def generate_command(jobseekers: int, opportunities: int, caseworkers: int, employers: int) -> None:
    """Schema, taxonomy and the load-test dataset in LOADTEST_DATABASE_URL."""
    app = _app()
    with app.app_context():
        from flask_migrate import upgrade

        from app.services.taxonomy_import import import_taxonomy
        from tests.loadtest.generate import already_generated, generate

        upgrade()
        import_taxonomy()
        if already_generated():
            raise click.ClickException("the load-test accounts are already in this database")
        started = time.perf_counter()
        counts = generate(jobseekers, opportunities, caseworkers, employers)
        click.echo(", ".join(f"{name} {n}" for name, n in counts.items())
                   + f" in {time.perf_counter() - started:.1f} s")


def start_workers(count: int, env: dict) -> list[subprocess.Popen]:
    """RQ workers of the load test's own (burst: they stop when its queue is empty)."""
    command = [str(Path(sys.executable).with_name("rq")), "worker", "--burst", "-w", "app.background.jobqueue.Worker",
               "-u", env["REDIS_URL"], env["RQ_QUEUE"]]
    return [subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL)  # nosec B603
            for _ in range(count)]


@cli.command("match")
@click.option("--approve", default=0.3, show_default=True, help="Share of suggestions approved (shown to people).")
@click.option("--workers", default=2, show_default=True, help="RQ workers started for the run (with LOADTEST_REDIS_URL).")
def match_command(approve: float, workers: int) -> None:
    """Suggestions for the whole load-test region, then approve a share of them.

    With LOADTEST_REDIS_URL the chunks go to the load test's queue and WORKERS workers of its own take them;
    without it they run in this process."""
    import random

    from sqlalchemy import select, update

    app = _app()
    with app.app_context():
        from app.background import batches, jobqueue
        from app.extensions import db
        from app.commands.jobs import _follow
        from app.models import Match
        from tests.loadtest.generate import REGION

        runs = [batches.start_matching(county) for county in REGION]  # all queued first: every worker gets work
        started = start_workers(workers, dict(os.environ)) if jobqueue.redis_url() else []
        try:
            for county, batch in zip(REGION, runs):
                if started:
                    _follow(batch)
                else:
                    click.echo(f"region {county}: {batches.progress(batch).created} suggestions")
        finally:
            for worker in started:
                worker.terminate()
                worker.wait(30)
        ids = db.session.scalars(select(Match.id).where(Match.status == "suggested")).all()
        chosen = random.Random(8).sample(ids, int(len(ids) * approve))
        for start in range(0, len(chosen), 5000):
            db.session.execute(update(Match).where(Match.id.in_(chosen[start:start + 5000])).values(status="approved"))
        db.session.commit()
        click.echo(f"suggestions {len(ids)}, approved {len(chosen)}")


@cli.command("run")
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
    """Start gunicorn on 127.0.0.1 against LOADTEST_DATABASE_URL, run Locust headless, print the figures."""
    from tests.loadtest.run import print_figures, run

    env = loadtest_environment()
    print_figures(run(users, spawn_rate, run_time, workers, out / f"u{users}", env["DATABASE_URL"], env=env,
                      max_requests=max_requests, warmup=warmup or None, recovery_users=recovery_users,
                      recovery_time=recovery_time, recovery_spawn_rate=recovery_spawn_rate,
                      user_classes=user_classes, fault_command=fault_command, fault_after=fault_after))


if __name__ == "__main__":
    cli(prog_name="python -m tests.loadtest")
