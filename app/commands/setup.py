"""`flask setup`, `flask seed-demo`, `flask check-deploy`: a database made ready, with or without the demo."""
import click
from flask_migrate import upgrade

from app.commands.taxonomy import import_taxonomy
from app.commands.translate import TRANSLATIONS
from app.presentation.i18n import compile_catalogs


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
    from app.operations.releases import record_release

    record_release()
    import_taxonomy()
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
    click.echo(f"Staff (caseworkers, the administrator, the planner) also need a code: add the key {DEMO_TOTP_SECRET} to an "
               f"authenticator app, or run: .venv/bin/python -c \"import pyotp; print(pyotp.TOTP('{DEMO_TOTP_SECRET}').now())\"")


@click.command("check-deploy")
def check_deploy_command() -> None:
    """Fail (exit 1) when this configuration is unsafe for production; print every reason."""
    from flask import current_app

    from app.operations.deploy_check import database_problems, deployment_problems

    problems = deployment_problems(current_app.config) + database_problems()
    for problem in problems:
        click.echo(f"UNSAFE: {problem}", err=True)
    if problems:
        raise SystemExit(1)
    click.echo("deployment configuration: OK")
