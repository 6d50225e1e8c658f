"""Real RQ workers for tests (with the redis_url fixture of tests/conftest.py), and a small region to match.

Shared by the background-job, notification, operations, JSON-log and load-test tests.
"""
import os
import subprocess
import sys
from pathlib import Path

from app.background import jobqueue
from app.config import PROJECT_DIR
from app.extensions import db
from app.models import JobseekerProfile
from tests import factories as f

KOPING, ARBOGA = "1983", "1984"  # in region 19 (Västmanland) with Västerås; Eskilstuna is in 04


def people_in(n: int, municipality: str) -> list[int]:
    people = [JobseekerProfile(full_name=f"Person {i}", municipality_code=municipality, travel_km=60,
                               swedish_level="B1", about="Jag har jobbat på lager.",
                               wanted_occupations=[f.WAREHOUSE_WORKER]) for i in range(n)]
    db.session.add_all(people)
    db.session.commit()
    return [p.id for p in people]


def region_with_places(opportunities: int = 12) -> None:
    org = f.organisation()
    for i in range(opportunities):
        f.opportunity(org, title=f"Trainee lagerarbetare {i}", municipality_code=(f.VASTERAS, KOPING, ARBOGA)[i % 3],
                      occupation_id=f.WAREHOUSE_WORKER if i % 2 else f.ASSISTANT_NURSE, seats=3)


def start_worker(app, url: str) -> subprocess.Popen:
    """`rq worker --burst` in its own process group, on the test's database; its output goes to worker.log."""
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": url,
           "SECRET_KEY": app.config["SECRET_KEY"]}
    rq = Path(sys.executable).with_name("rq")
    with start_worker.log.open("a") as log:
        return subprocess.Popen([str(rq), "worker", "--burst", "--worker-class", "app.background.jobqueue.Worker", "--url", url, "--path", str(PROJECT_DIR),
                                 jobqueue.QUEUE_NAME], cwd=PROJECT_DIR, env=env, start_new_session=True,
                                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)


def finish_worker(worker: subprocess.Popen, timeout: int = 180) -> str:
    worker.wait(timeout)
    output = start_worker.log.read_text()
    assert worker.returncode == 0, output
    return output
