"""The systemd units in docs/systemd/ are valid, start programs that exist, and name commands the app has."""
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click import Context

from app.config import PROJECT_DIR

UNITS = PROJECT_DIR / "docs" / "systemd"
VENV = "/opt/jobbrygga/.venv"


def _sections(path: Path) -> dict[str, dict[str, list[str]]]:
    sections, current = {}, None
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def _units():
    return sorted(p for p in UNITS.iterdir() if p.suffix in (".service", ".timer", ".target"))


def _commands(path: Path) -> list[list[str]]:
    """Each ExecStart as argv, with `/bin/sh -c '…'` opened up."""
    commands = []
    for value in _sections(path).get("Service", {}).get("ExecStart", []):
        argv = shlex.split(value.replace("$$", "$").replace("%%", "%"))
        if argv[:2] == ["/bin/sh", "-c"]:
            argv = shlex.split(argv[2].removeprefix("exec "))
        commands.append(argv)
    return commands


def test_the_units_are_there():
    names = {p.name for p in _units()}
    assert {"jobbrygga-web.service", "jobbrygga-worker@.service", "jobbrygga-retention.service",
            "jobbrygga-retention.timer", "jobbrygga-backup.service", "jobbrygga-backup.timer"} <= names


@pytest.mark.parametrize("unit", _units(), ids=lambda p: p.name)
def test_each_unit_runs_installed_programs_and_existing_commands(unit, app):
    sections = _sections(unit)
    if unit.suffix == ".timer":
        assert (UNITS / unit.name.replace(".timer", ".service")).exists()
        assert sections["Timer"]["OnCalendar"] and sections["Timer"]["Persistent"] == ["true"]
        return
    for argv in _commands(unit):
        program = argv[0]
        assert program.startswith(VENV + "/bin/"), program
        assert (Path(sys.executable).parent / Path(program).name).exists(), f"{program} is not installed"
        if Path(program).name == "flask":
            words = [w for w in argv[1:] if not w.startswith("-") and not w.startswith('"')]
            command = app.cli
            with Context(app.cli) as context:
                for word in words:
                    command = command.get_command(context, word)
                    assert command is not None, f"{unit.name}: flask has no command {' '.join(words)}"
                    if not hasattr(command, "get_command"):
                        break
        if Path(program).name == "gunicorn":
            assert argv[1:] == ["-c", "python:app.operations.gunicorn_conf"], "starts from any directory"
    service = sections.get("Service", {})
    if service:
        assert service["EnvironmentFile"] == ["/etc/jobbrygga/jobbrygga.env"]
        assert service["User"] == ["jobbrygga"] and service["ProtectSystem"] == ["strict"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed (apt systemd)")
def test_systemd_analyze_verify(tmp_path):
    """systemd's own checker, with the unit paths pointed at this checkout's virtual environment."""
    for unit in _units():
        text = unit.read_text().replace(VENV, str(Path(sys.executable).parent.parent))
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", *sorted(str(p) for p in tmp_path.iterdir())],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60)
    complaints = [line for line in (result.stdout + result.stderr).splitlines()
                  if str(tmp_path) in line or "jobbrygga" in line]
    assert result.returncode == 0 and not complaints, result.stdout + result.stderr


def test_the_example_environment_names_what_check_deploy_requires():
    text = (UNITS / "jobbrygga.env.example").read_text()
    for name in ("JOBBRYGGA_ENV", "DATABASE_URL", "SECRET_KEY", "SESSION_COOKIE_SECURE", "PUBLIC_URL", "TRUSTED_PROXIES",
                 "REDIS_URL", "MAIL_SERVER"):
        assert re.search(rf"^{name}=", text, re.M), name


def test_gunicorn_starts_from_another_directory(tmp_path):
    """The web unit's command, `gunicorn -c python:app.operations.gunicorn_conf`, in a folder without wsgi.py or app/."""
    import os
    import signal
    import urllib.request

    from tests.servers import create_schema, free_port, wait_until_up

    url = f"sqlite:///{tmp_path / 'web.sqlite3'}"
    create_schema(url)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "k" * 40, "BIND": f"127.0.0.1:{port}",
           "WEB_CONCURRENCY": "1", "WEB_THREADS": "2"}
    env.pop("PYTHONPATH", None)
    process = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-c", "python:app.operations.gunicorn_conf"],
                               cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as response:  # nosec B310
            assert response.status == 200
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
