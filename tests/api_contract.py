"""The API's contract, checked from outside: a real server, the generated OpenAPI document, Schemathesis.

Run by .ci/run (not by pytest): `python -m tests.api_contract`. It builds a throw-away SQLite database with
`flask setup --demo`, makes an organisation key (the demo employer) and a municipality key (Västerås), starts
`flask run` on a free port of 127.0.0.1, validates /api/v1/openapi.json (openapi-spec-validator) and runs
Schemathesis over every operation: the organisation's and the public operations with the organisation key,
the statistics with the municipality key. Fails on any server error or any response that breaks the document.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
MAX_EXAMPLES = os.environ.get("API_CONTRACT_EXAMPLES", "20")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _keys(env: dict) -> dict:
    """Make the two keys inside the app, as the pages would (through app/services/api_keys.py)."""
    code = """
import json
from sqlalchemy import select
from app import create_app
from app.extensions import db
from app.models import User
from app.services import api_keys
app = create_app()
with app.app_context():
    employer = db.session.scalar(select(User).where(User.email == "arbetsgivare@demo.jobbrygga.se"))
    caseworker = db.session.scalar(select(User).where(User.email == "handlaggare.vasteras@demo.jobbrygga.se"))
    org = api_keys.create_organisation_key(employer.organisation, "contract test", employer)[1]
    municipality = api_keys.create_municipality_key(caseworker.municipality_code, "contract test", caseworker)[1]
    print(json.dumps({"organisation": org, "municipality": municipality}))
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=PROJECT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _schemathesis(url: str, key: str, *filters: str) -> int:
    command = [str(BIN / "schemathesis"), "run", url, "--checks", CHECKS, "--max-examples", MAX_EXAMPLES,
               "--header", f"Authorization: Bearer {key}", "--generation-with-security-parameters", "false",
               "--seed", "20261207", "--workers", "2", "--request-timeout", "30", "--no-color", *filters]
    print("$", " ".join(c if not c.startswith("Authorization") else "Authorization: Bearer …" for c in command),
          flush=True)
    return subprocess.run(command, cwd=PROJECT).returncode


def main() -> int:
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="jobbrygga-api-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'api.sqlite3'}", "SECRET_KEY": "contract-" + "x" * 40,
           "API_RATE_LIMIT": "100000 per minute", "LOGIN_RATE_LIMIT": "1000 per minute", "FLASK_APP": "wsgi"}
    env.pop("REDIS_URL", None)
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", "setup", "--demo"], env=env, cwd=PROJECT, check=True,
                   stdout=subprocess.DEVNULL)
    keys = _keys(env)
    port = _free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen([str(BIN / "flask"), "--app", "wsgi", "run", "--no-reload", "--no-debugger",
                               "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=PROJECT,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/api/v1/openapi.json"
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    spec = json.load(response)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("the server did not answer")
        from openapi_spec_validator import validate

        validate(spec)
        operations = sum(1 for item in spec["paths"].values() for method in item if method in ("get", "post", "patch"))
        print(f"OpenAPI {spec['openapi']} document valid: {len(spec['paths'])} paths, {operations} operations",
              flush=True)
        statistics = "/api/v1/municipality/statistics"
        status = _schemathesis(url, keys["organisation"], "--exclude-path", statistics)
        status |= _schemathesis(url, keys["municipality"], "--include-path", statistics)
    finally:
        server.terminate()
        server.wait(10)
        log.close()
    server_errors = (folder / "server.log").read_text().count("incident ")
    print(f"API contract: {'passed' if status == 0 and not server_errors else 'FAILED'} in "
          f"{time.monotonic() - started:.0f} s; incidents (500) in the server log: {server_errors}")
    return 1 if status or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
