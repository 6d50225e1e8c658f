"""LOG_FORMAT=json: every log line of a flask command (alembic's included) and of an RQ worker is one JSON object."""
import json
import os
import subprocess
import sys
from pathlib import Path

from app.background import jobqueue, tasks


def _json_lines(text: str) -> list[dict]:
    lines = [line for line in text.splitlines() if line.strip()]
    records = []
    for line in lines:
        try:
            records.append(json.loads(line))
        except ValueError:
            raise AssertionError(f"not a JSON line: {line!r}\n{text}") from None
    return records


def _env(**extra) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in ("LOG_FORMAT", "JOBBRYGGA_ENV")}
    return {**env, "LOG_FORMAT": "json", "FLASK_APP": "app:create_app", "SECRET_KEY": "k" * 40, **extra}


def test_flask_commands_log_json_lines_only(tmp_path):
    """From another directory, on a fresh database: the migration's lines (alembic) come as JSON too."""
    env = _env(DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    flask = str(Path(sys.executable).with_name("flask"))
    upgrade = subprocess.run([flask, "db", "upgrade"], cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=120)
    assert upgrade.returncode == 0, upgrade.stderr
    records = _json_lines(upgrade.stderr)
    assert any(r["logger"].startswith("alembic") and "Running upgrade" in r["message"] for r in records)
    assert all({"time", "level", "logger", "message"} <= r.keys() for r in records)
    create = subprocess.run([flask, "users", "create", "chef@kommun.example.se", "--role", "admin"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=120)
    assert create.returncode == 0 and "/auth/invitation/" in create.stdout, create.stderr
    _json_lines(create.stderr)  # the command's answer is on stdout; stderr holds log lines only


def test_the_rq_worker_logs_json_lines_only(app, redis_url, tmp_path):  # noqa: F811
    job = jobqueue.enqueue(tasks.run_retention, None)
    assert job is not None
    env = _env(DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], REDIS_URL=redis_url)
    worker = subprocess.run([str(Path(sys.executable).with_name("rq")), "worker", "--burst", "-w", "app.background.jobqueue.Worker",
                             "-u", redis_url, jobqueue.queue_name()], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=180)
    assert worker.returncode == 0, worker.stdout + worker.stderr
    records = _json_lines(worker.stdout) + _json_lines(worker.stderr)
    messages = [r["message"] for r in records if r["logger"] == "rq.worker"]
    assert any("Job OK" in m for m in messages), messages
