"""Operator commands print what they did: retention counts (in-process or from a worker), progress in a log."""
import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from app.config import PROJECT_DIR
from app.models import JobseekerProfile
from tests import factories as f
from tests.workers import KOPING, people_in, region_with_places


def _stale_profile():
    return f.profile(f.user(), last_active_at=datetime.now(timezone.utc) - timedelta(days=400))


def test_run_region_outside_a_terminal_prints_lines(runner, no_redis):  # noqa: F811
    region_with_places()
    people_in(3, f.VASTERAS)
    people_in(2, KOPING)
    result = runner.invoke(args=["matching", "run-region", "19", "--chunk-size", "2"])  # stdout is not a terminal
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "matching 19 in-process: 0/5 (0 %)"
    assert "matching 19 in-process: 5/5 (100 %)" in lines and "matching 19 in-process: 2/5 (40 %)" in lines


def test_retention_without_redis_prints_the_counts(runner, no_redis):  # noqa: F811
    _stale_profile()
    result = runner.invoke(args=["jobs", "retention"])
    assert result.exit_code == 0 and "profiles hidden 1, deleted 0" in result.output, result.output
    result = runner.invoke(args=["privacy", "retention"])
    assert "profiles hidden 0, deleted 0; old one-time form tokens forgotten 0" in result.output, result.output


def test_retention_on_a_worker_waits_and_prints_the_counts(app, runner, redis_url):  # noqa: F811
    _stale_profile()
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": redis_url,
           "SECRET_KEY": app.config["SECRET_KEY"]}
    worker = subprocess.Popen([str(Path(sys.executable).with_name("rq")), "worker", "-w", "app.background.jobqueue.Worker",
                               "-u", redis_url, "jobbrygga"], cwd=PROJECT_DIR, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        result = runner.invoke(args=["jobs", "retention", "--timeout", "120"])
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    assert result.exit_code == 0, result.output
    assert "retention queued as job" in result.output and "profiles hidden 1, deleted 0" in result.output
    assert JobseekerProfile.query.count() == 1


def test_setup_compiles_only_stale_catalogs(tmp_path):
    """Catalogs compiled at install time are not written again by `flask setup` (the code may be read-only)."""
    import os
    import shutil
    import time

    from app.presentation.i18n import compile_catalogs

    shutil.copytree(PROJECT_DIR / "translations", tmp_path / "translations",
                    ignore=shutil.ignore_patterns("*.mo"))
    assert len(compile_catalogs(tmp_path / "translations", stale_only=True)) == 7
    assert compile_catalogs(tmp_path / "translations", stale_only=True) == []
    po = tmp_path / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
    later = time.time() + 5
    os.utime(po, (later, later))
    assert compile_catalogs(tmp_path / "translations", stale_only=True) == [po.with_suffix(".mo")]
