"""flask commands: setup, seed-demo, taxonomy import, matching run, translate …"""
import subprocess
import sys

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_migrate import upgrade

from app.config import PROJECT_DIR
from app.i18n import SUPPORTED_LOCALES, compile_catalogs

TRANSLATIONS = PROJECT_DIR / "translations"
POT = TRANSLATIONS / "messages.pot"
BABEL_CFG = PROJECT_DIR / "app" / "babel.cfg"

taxonomy_cli = AppGroup("taxonomy", help="The occupation, skill and place vocabulary.")
matching_cli = AppGroup("matching", help="Run and inspect matching.")
translate_cli = AppGroup("translate", help="Translation catalogs.")
opportunities_cli = AppGroup("opportunities", help="Opportunities from other sources.")


@opportunities_cli.command("import-jobsearch")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_jobsearch_command(path: Path) -> None:
    """Import ads in JobSearch format (JSON Lines, a JSON list, or a search response) from PATH."""
    from app.services.jobsearch_import import import_jobsearch, read_jobsearch_file

    report = import_jobsearch(read_jobsearch_file(path))
    for number, message in report.warnings:
        click.echo(f"row {number}: warning: {message}")
    for number, message in report.errors:
        click.echo(f"row {number}: skipped: {message}", err=True)
    click.echo(f"ads added {report.added}, updated {report.updated}, skipped {len(report.errors)}")


REGION_PEOPLE = click.option("--region-people", default=3000, show_default=True, type=click.IntRange(0, 100_000),
                             help="People in the demo region's year of history (0: no region).")
REGION_PLACES = click.option("--region-places", default=300, show_default=True, type=click.IntRange(0, 10_000),
                             help="Places in the demo region.")


@click.command("setup")
@click.option("--demo/--no-demo", default=False, help="Also load the demo data.")
@REGION_PEOPLE
@REGION_PLACES
def setup_command(demo: bool, region_people: int, region_places: int) -> None:
    """Everything a fresh checkout needs: compiled catalogs, schema, taxonomy and (optionally) demo data.

    Catalogs already compiled (at install: `flask translate compile`) are left alone, so the account that runs
    setup in production needs no write access to the code."""
    try:
        click.echo(f"catalogs compiled: {len(compile_catalogs(TRANSLATIONS, stale_only=True))}")
    except PermissionError as error:
        raise click.ClickException(f"cannot write the compiled catalogs ({error.filename}): run `flask translate "
                                   "compile` as the account that installed the code, then setup again") from None
    upgrade()
    from app.releases import record_release

    record_release()
    _import_taxonomy()
    if demo:
        _seed_demo(region_people, region_places)


@click.command("seed-demo")
@REGION_PEOPLE
@REGION_PLACES
def seed_demo_command(region_people: int, region_places: int) -> None:
    """Load demo organisations, opportunities (with the real Platsbanken ads) and users, and a demo region."""
    _seed_demo(region_people, region_places)


def _seed_demo(region_people: int = 0, region_places: int = 0) -> None:
    from app.services.demo import DEMO_DOMAIN, DEMO_PASSWORD, DEMO_TOTP_SECRET, seed_demo

    counts = seed_demo()
    if not counts:
        click.echo("Demo data is already loaded.")
    else:
        click.echo("Demo data loaded: " + ", ".join(f"{name} {n}" for name, n in counts.items()))
    if region_people and region_places:
        import time

        from app.services.demo_region import seed_region

        began = time.monotonic()
        region = seed_region(region_people, region_places)
        if region is None:
            click.echo("The demo region is already loaded.")
        else:
            click.echo(f"Demo region loaded in {time.monotonic() - began:.1f} s: {region.people} people, "
                       f"{region.opportunities} places of {region.organisations} organisations, "
                       f"{region.cases} cases with {region.events} events over a year")
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for local, role in [("jobbsokare", "jobseeker"), ("arbetsgivare", "employer"), ("skola", "education provider"),
                        ("handlaggare.vasteras", "caseworker, Västerås"), ("admin", "administrator"),
                        ("planerare.dalarna", "regional planner, Dalarna")]:
        click.echo(f"  {local + '@' + DEMO_DOMAIN:<40} {role}")
    click.echo(f"Caseworkers and the administrator also need a code: add the key {DEMO_TOTP_SECRET} to an "
               f"authenticator app, or run: .venv/bin/python -c \"import pyotp; print(pyotp.TOTP('{DEMO_TOTP_SECRET}').now())\"")


@click.command("reset-two-factor")
@click.argument("email")
def reset_two_factor_command(email: str) -> None:
    """Turn two-step login off for EMAIL (a lost phone) and end its sessions; staff connect a new phone at login."""
    from app.services.accounts import find_user_by_email, reset_two_factor

    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account with the e-mail {email}.")
    reset_two_factor(user)
    click.echo(f"Two-step login is off for {user.email}; all its sessions have ended.")


@taxonomy_cli.command("import")
def taxonomy_import_command() -> None:
    """Load or refresh the taxonomy from matching/data (safe to run again)."""
    _import_taxonomy()


def _import_taxonomy() -> None:
    from app.services.taxonomy_import import import_taxonomy

    counts = import_taxonomy()
    click.echo("taxonomy: " + ", ".join(f"{name} {n}" for name, n in counts.items()))


@taxonomy_cli.command("bench-search")
@click.option("--queries", default=2000, help="How many autocomplete requests to time.")
def taxonomy_bench_search(queries: int) -> None:
    """Time the autocomplete endpoint on the full taxonomy: prints build time and p50/p95/p99 in ms."""
    import statistics
    import time

    from flask import current_app

    from app.services.concept_search import forget_index, label_index, search_concepts

    forget_index()
    started = time.perf_counter()
    label_index()
    click.echo(f"index build: {time.perf_counter() - started:.2f} s")
    terms = _benchmark_terms(queries)
    client = current_app.test_client()
    timings = []
    for concept_type, query in terms:
        started = time.perf_counter()
        response = client.get("/concepts/search", query_string={"type": concept_type, "q": query})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timings.sort()
    def pct(p):
        return timings[min(len(timings) - 1, int(p / 100 * len(timings)))]
    click.echo(f"requests: {len(timings)}  p50 {pct(50):.1f} ms  p95 {pct(95):.1f} ms  p99 {pct(99):.1f} ms  "
               f"max {timings[-1]:.1f} ms  mean {statistics.fmean(timings):.1f} ms")


def _benchmark_terms(count: int) -> list[tuple[str, str]]:
    """Realistic queries: 2–12 first letters of real labels in every locale, a third with a typo."""
    import random

    from sqlalchemy import select

    from app.extensions import db
    from app.models import Concept, ConceptLabel

    rows = db.session.execute(select(Concept.type, ConceptLabel.label).join(Concept, Concept.id == ConceptLabel.concept_id)
                              .where(Concept.type.in_(("occupation", "skill")))).all()
    rng = random.Random(7)
    terms = []
    for concept_type, label in rng.sample(rows, min(count, len(rows))):
        query = label[: rng.randint(2, 12)]
        if rng.random() < 0.33 and len(query) > 4:
            i = rng.randrange(1, len(query) - 1)
            query = query[:i] + query[i + 1] + query[i] + query[i + 2:]  # swap two letters
        terms.append((concept_type, query))
    return terms


@matching_cli.command("run")
@click.argument("municipality")
def matching_run_command(municipality: str) -> None:
    """Suggest matches for every active person in MUNICIPALITY (4-digit code), in this process."""
    from app.services.suggestions import suggest_for_area

    click.echo(f"new suggestions: {suggest_for_area(municipality, current_app.config['MATCHES_PER_PERSON'])}")


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)


@translate_cli.command("extract")
def translate_extract() -> None:
    """Write translations/messages.pot from the code and templates."""
    # --ignore-dirs: Babel's default also skips folders starting with "_", such as templates/_macros.
    _pybabel("extract", "-F", str(BABEL_CFG), "-k", "_l", "--no-location", "--sort-output", "--ignore-dirs", ".* __pycache__",
             "--omit-header", "-o", str(POT), str(PROJECT_DIR / "app"))


@translate_cli.command("update")
def translate_update() -> None:
    """Extract, then merge new strings into every locale's catalog (creating missing ones)."""
    translate_extract.callback()
    for locale in SUPPORTED_LOCALES:
        po = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
        command = "update" if po.exists() else "init"
        _pybabel(command, "-i", str(POT), "-d", str(TRANSLATIONS), "-l", locale, "--no-wrap",
                 *(["--ignore-obsolete", "--no-fuzzy-matching"] if command == "update" else []))


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile every catalog to .mo."""
    click.echo(f"catalogs compiled: {len(compile_catalogs(TRANSLATIONS))}")


@translate_cli.command("check")
@click.option("--locale", "locales", multiple=True, help="Only these locales must be complete.")
def translate_check(locales: tuple[str, ...]) -> None:
    """Fail when the template is stale or a catalog lacks translations."""
    from app.translation_check import check_catalogs

    problems = check_catalogs(TRANSLATIONS, BABEL_CFG, list(locales) or list(SUPPORTED_LOCALES))
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise SystemExit(1)
    click.echo("translations: up to date and complete")


@click.command("check-deploy")
def check_deploy_command() -> None:
    """Fail (exit 1) when this configuration is unsafe for production; print every reason."""
    from flask import current_app

    from app.deploy_check import database_problems, deployment_problems

    problems = deployment_problems(current_app.config) + database_problems()
    for problem in problems:
        click.echo(f"UNSAFE: {problem}", err=True)
    if problems:
        raise SystemExit(1)
    click.echo("deployment configuration: OK")


def register_commands(app) -> None:
    from app.privacy_cli import privacy_cli
    from app.users_cli import users_cli

    for command in (setup_command, seed_demo_command, reset_two_factor_command, check_deploy_command,
                    taxonomy_cli, matching_cli, translate_cli, opportunities_cli, privacy_cli, users_cli):
        app.cli.add_command(command)

    from app.jobs_cli import jobs_cli, run_region_command

    matching_cli.add_command(run_region_command)
    app.cli.add_command(jobs_cli)
    from app.releases import register as register_releases

    register_releases(app)  # flask db-release, and the warning before `flask db downgrade`

    from app.employer.cli import employers_cli

    app.cli.add_command(employers_cli)


@matching_cli.command("propose")
@click.argument("municipality")
@click.option("--per-person", type=int, default=None, help="Most suggestions one person gets (default 3).")
def matching_propose_command(municipality: str, per_person: int | None) -> None:
    """Batch proposal for MUNICIPALITY: spread people over the free seats; prints the numbers."""
    from app.services.proposals import GOOD_SCORE, PER_PERSON, propose_for_municipality

    result = propose_for_municipality(municipality, per_person or PER_PERSON)
    r = result.report
    click.echo(f"active people: {r.people}, open opportunities in the pool: {r.opportunities}, free seats: {r.seats}")
    click.echo(f"new suggestions: {result.created} (plain ranking: {r.greedy_proposals}), model {result.model_version}")
    click.echo(f"people with a good suggestion: {r.people_with_good} (plain ranking: {r.greedy_people_with_good}; "
               f"with unlimited seats: {r.people_with_any_good_pair}; good = score >= {GOOD_SCORE})")
    click.echo(f"people with any suggestion: {r.people_with_proposal}")
    click.echo(f"most suggestions for one person: {r.max_per_person} (plain ranking: {r.greedy_max_per_person})")


@matching_cli.command("train")
def matching_train_command() -> None:
    """Train the re-ranker on caseworkers' decisions; saved only when it beats the matcher on the newest 20 %."""
    from app.services.reranker import MIN_DECISIONS, train

    result = train()
    click.echo(f"labelled decisions: {result.decisions} (held out, newest: {result.held_out})")
    if result.baseline_auc is None:
        click.echo(f"not enough decisions (at least {MIN_DECISIONS}, with approvals and rejections in both parts): "
                   "nothing saved")
        return
    click.echo(f"matcher score: ROC AUC {result.baseline_auc:.3f}, average precision {result.baseline_ap:.3f}")
    click.echo(f"re-ranker:     ROC AUC {result.model_auc:.3f}, average precision {result.model_ap:.3f}")
    if result.decision == "saved":
        click.echo(f"saved: re-ranker {result.version} orders new batch proposals")
    else:
        click.echo("not better than the matcher: nothing saved")
