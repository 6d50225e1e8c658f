"""Background jobs: region matching in chunks, safe retries, a killed RQ worker, Redis down, progress in UI and CLI."""
import os
import signal
import time

import pytest
from sqlalchemy import delete, func, select

from app.background import batches, jobqueue, tasks
from app.config import PROJECT_DIR
from app.extensions import db
from app.models import JobseekerProfile, Match, Role
from app.services.retention import apply_retention  # noqa: F401  (the job wraps it)
from tests import factories as f
from tests.servers import free_port
from tests.workers import ARBOGA, KOPING, finish_worker, people_in, region_with_places, start_worker

def _suggestions() -> set[tuple]:
    db.session.expire_all()
    return set(db.session.execute(select(Match.profile_id, Match.opportunity_id, Match.score)).all())


def _clean_run(area: str) -> set[tuple]:
    """The reference: the whole area in one chunk, in-process; the matches are then removed again."""
    batches.start_matching(area, chunk_size=100_000)
    reference = _suggestions()
    db.session.execute(delete(Match))
    db.session.commit()
    return reference


def test_a_region_is_split_into_chunks_that_together_equal_one_run(no_redis):
    region_with_places()
    ids = people_in(7, f.VASTERAS) + people_in(5, KOPING) + people_in(3, ARBOGA)
    people_in(4, f.ESKILSTUNA)  # another region
    assert [len(c) for c in batches.chunks_for("19", chunk_size=4)] == [4, 4, 4, 3]
    assert sorted(sum(batches.chunks_for("19", chunk_size=4), [])) == sorted(ids)
    reference = _clean_run("19")
    assert reference and {p for p, _, _ in reference} <= set(ids)

    batch = batches.start_matching("19", chunk_size=4)
    assert _suggestions() == reference
    progress = batches.progress(batch)
    assert (progress.state, progress.done, progress.total, progress.chunks, progress.created) == (
        "finished", 15, 15, 4, len(reference))


def test_running_a_chunk_again_adds_nothing_and_keeps_decisions(no_redis):
    region_with_places()
    ids = people_in(6, f.VASTERAS)
    created = tasks.match_chunk(ids, 10, step=4)
    assert created == len(_suggestions()) > 0
    decided = db.session.scalars(select(Match)).first()
    decided.status = "rejected"
    db.session.commit()
    before = _suggestions()
    assert tasks.match_chunk(ids, 10, step=4) == 0
    assert tasks.match_chunk(ids[:3], 10) == 0
    assert _suggestions() == before
    assert db.session.get(Match, decided.id).status == "rejected"


def test_without_a_queue_the_caseworkers_run_finishes_in_the_request(browser, no_redis):
    region_with_places()
    people_in(5, f.VASTERAS)
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    browser.login(caseworker.email, f.PASSWORD)
    response = browser.submit("/caseworker/matching/batches", page="/caseworker/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/caseworker/")
    assert len(_suggestions()) > 0


def test_progress_script_is_served():
    text = (PROJECT_DIR / "app" / "static" / "progress.js").read_text()
    assert "batch-progress" in text and "fetch(" in text


def test_run_region_command_shows_a_progress_bar(runner, no_redis):
    region_with_places()
    people_in(3, f.VASTERAS)
    people_in(2, KOPING)
    result = runner.invoke(args=["matching", "run-region", "19", "--chunk-size", "2"])
    assert result.exit_code == 0, result.output
    assert "matching 19 in-process" in result.output
    assert "people 5/5, chunks 3/3" in result.output
    assert f"new suggestions {len(_suggestions())}" in result.output


# ---------------------------------------------------------------- a real Redis and real RQ workers

def test_a_killed_worker_loses_nothing_and_the_resumed_batch_equals_one_clean_run(app, redis_url):
    region_with_places()
    people_in(90, f.VASTERAS)
    people_in(60, KOPING)
    app.config["REDIS_URL"] = None
    reference = _clean_run("19")
    app.config["REDIS_URL"] = redis_url

    batch = batches.start_matching("19", chunk_size=50, step=1)  # 3 chunks, a commit per person
    assert batches.progress(batch).state == "queued"
    worker = start_worker(app, redis_url)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill -9 while a chunk is half done
        current = batches.progress(batch)
        if current.state == "running" and 0 < current.done - 50 * current.chunks_done < 40:
            break
        assert worker.poll() is None, start_worker.log.read_text()
        time.sleep(0.02)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(10)
    partial = _suggestions()
    assert 0 < len(partial) < len(reference) and partial <= reference
    assert batches.progress(batch).state != "finished"

    assert batches.resume(batch) >= 1
    finish_worker(start_worker(app, redis_url))
    assert _suggestions() == reference
    final = batches.progress(batch)
    assert (final.state, final.done, final.total, final.chunks_done) == ("finished", 150, 150, 3)
    assert batches.resume(batch) == 0  # nothing left to do; running it again would add nothing either


def test_chunks_run_twice_by_workers_add_nothing(app, redis_url):
    region_with_places()
    people_in(30, f.VASTERAS)
    first = batches.start_matching(f.VASTERAS, chunk_size=10)
    second = batches.start_matching(f.VASTERAS, chunk_size=10)  # the same people again, e.g. a double click
    output = finish_worker(start_worker(app, redis_url))
    assert "Successfully completed" in output or "Job OK" in output
    assert batches.progress(first).state == batches.progress(second).state == "finished"
    assert batches.progress(first).created + batches.progress(second).created == len(_suggestions()) > 0
    assert db.session.scalar(select(func.count()).select_from(Match)) == len(_suggestions())


def test_caseworker_starts_matching_and_follows_progress(app, browser, redis_url):
    region_with_places()
    people_in(5, f.VASTERAS)
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    browser.login(caseworker.email, f.PASSWORD)
    response = browser.submit("/caseworker/matching/batches", page="/caseworker/")
    assert response.status_code == 302
    page = browser.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<progress id="batch-progress" max="5" value="0">' in html
    assert "progress.js" in html and "<script>" not in html  # CSP: no inline script
    assert browser.get(response.headers["Location"] + "/progress").get_json()["state"] == "queued"

    finish_worker(start_worker(app, redis_url))
    data = browser.get(response.headers["Location"] + "/progress").get_json()
    assert data["state"] == "finished" and data["done"] == data["total"] == 5 and data["created"] > 0
    assert '<progress id="batch-progress" max="5" value="5">' in browser.get(response.headers["Location"]).get_data(
        as_text=True)

    other = f.user(Role.CASEWORKER, municipality_code=f.ESKILSTUNA, email="annan@example.se")
    browser.logout()
    browser.login(other.email, f.PASSWORD)
    assert browser.get(response.headers["Location"]).status_code == 404
    assert browser.get(response.headers["Location"] + "/progress").status_code == 404


def test_cli_follows_the_workers_with_a_progress_bar(app, runner, redis_url):
    region_with_places()
    people_in(12, f.VASTERAS)
    result = runner.invoke(args=["matching", "run-region", f.VASTERAS, "--chunk-size", "5", "--no-wait"])
    assert result.exit_code == 0, result.output
    batch = result.output.split("queued batch ")[1].split(";")[0]
    finish_worker(start_worker(app, redis_url))
    result = runner.invoke(args=["jobs", "progress", batch, "--follow"])
    assert result.exit_code == 0, result.output
    assert f"batch {batch}" in result.output and "people 12/12, chunks 3/3" in result.output


def test_retention_mail_and_training_jobs_run_on_a_worker(app, redis_url):
    from datetime import datetime, timedelta, timezone

    stale = f.profile(f.user(), last_active_at=datetime.now(timezone.utc) - timedelta(days=400))
    retention = jobqueue.enqueue(tasks.run_retention, None)
    mail = jobqueue.enqueue(tasks.deliver_reset_mail, "nobody@example.se", "http://localhost")  # no account: no mail
    training = jobqueue.enqueue(tasks.train_reranker)
    assert retention is not None and mail is not None and training is not None
    finish_worker(start_worker(app, redis_url))
    assert training.get_status(refresh=True) == "finished"
    assert training.return_value(refresh=True)["decision"] == "not enough decisions"  # no decisions yet
    assert retention.get_status(refresh=True) == "finished" and retention.return_value(refresh=True) == {
        "hidden": 1, "deleted": 0, "tokens": 0}
    assert mail.get_status(refresh=True) == "finished"
    db.session.expire_all()
    assert db.session.get(JobseekerProfile, stale.id).hidden_at is not None


# ---------------------------------------------------------------- Redis down

@pytest.fixture
def redis_down(app):
    previous = app.config.get("REDIS_URL", ...)
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    yield
    app.config.pop("REDIS_URL") if previous is ... else app.config.update(REDIS_URL=previous)


def test_redis_down_the_site_keeps_serving_and_says_so_clearly(browser, redis_down):
    region_with_places()
    people_in(4, f.VASTERAS)
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    browser.login(caseworker.email, f.PASSWORD)
    assert browser.get("/caseworker/").status_code == 200
    response = browser.submit("/caseworker/matching/batches", page="/caseworker/", follow_redirects=True)
    assert response.status_code == 200
    assert "job queue does not answer" in response.get_data(as_text=True) or "kön" in response.get_data(as_text=True)
    with pytest.raises(jobqueue.QueueUnavailable):
        batches.start_matching(f.VASTERAS)
    assert browser.get("/caseworker/matching/batches/0123456789abcdef").status_code == 503


def test_redis_down_small_jobs_run_in_process(redis_down):
    from datetime import datetime, timedelta, timezone

    stale = f.profile(f.user(), last_active_at=datetime.now(timezone.utc) - timedelta(days=400))
    assert jobqueue.enqueue(tasks.run_retention, None) is None  # ran here, nothing queued
    db.session.expire_all()
    assert db.session.get(JobseekerProfile, stale.id).hidden_at is not None


def test_redis_down_the_command_says_what_to_do(runner, redis_down):
    result = runner.invoke(args=["matching", "run-region", "19"])
    assert result.exit_code == 1
    assert "Redis at REDIS_URL does not answer" in result.output
