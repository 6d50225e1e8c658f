"""How long the competence views take on the load-test region: python -m tests.loadtest.competence

Builds the load-test region (tests/loadtest/generate.py: 20,000 people, 5,000 places) plus 2,000 stated needs and
a few goals on the CONFIGURED database (DATABASE_URL; PostgreSQL is what the 300 ms target is for) unless they are
there already, then requests every view of app/planning as an administrator (the whole country) and as a county
planner, and prints p50/p95 per view, and the first request's time (an area's analysis is computed once and shared
while its people, needs and places stay the same: app/services/competence.cached_analysis). Never point it at a
production database: it adds thousands of rows.
"""
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta

import click

TARGET_MS = 300


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _needs(n: int, seed: int = 18) -> int:
    from sqlalchemy import func, insert, select

    from app.extensions import db
    from app.models import Opportunity
    from app.models.need import HORIZONS, CompetenceNeed, RegionalGoal

    have = db.session.scalar(select(func.count()).select_from(CompetenceNeed))
    if have >= n:
        return 0
    rng = random.Random(seed)
    today = date.today()
    places = db.session.execute(select(Opportunity.organisation_id, Opportunity.occupation_id,
                                       Opportunity.municipality_code).where(Opportunity.occupation_id.is_not(None))
                                .limit(5000)).all()
    rows = []
    for _i in range(n - have):
        org, occupation, municipality = rng.choice(places)
        rows.append({"organisation_id": org, "occupation_id": occupation, "headcount": rng.randint(1, 20),
                     "horizon_months": rng.choice(HORIZONS), "municipality_code": municipality,
                     "min_swedish": rng.choice([None, "A2", "B1", "B2"]),
                     "driving_licences": rng.choice([[], [], ["B"]]), "certificates": [],
                     "would_take": rng.choice([[], ["trainee_job"], ["vocational_programme"]]), "note": "",
                     "status": "active", "stated_on": today - timedelta(days=rng.randint(0, 700))})
    db.session.execute(insert(CompetenceNeed), rows)
    for area, field in (("19", "2xXe_2KC_Nf2"), ("20", "u1RN_Fih_rgS")):
        db.session.add(RegionalGoal(area_code=area, occupation_field_id=field, target=1000, by_year=2030))
    db.session.commit()
    return len(rows)


@click.command()
@click.option("--runs", default=20, show_default=True, help="Requests per view (after two warm-ups).")
def main(runs: int) -> None:
    if not os.environ.get("DATABASE_URL"):
        raise click.ClickException("set DATABASE_URL to a database of the benchmark's own, e.g. "
                                   "postgresql://postgres@127.0.0.1:5432/jobbrygga_bench")
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from app import create_app
    from app.extensions import db
    from app.models import Concept, Role, User
    from tests.loadtest.generate import already_generated, generate

    app = create_app()
    app.config.update(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    with app.app_context():
        upgrade()
        if not db.session.scalar(select(func.count()).select_from(Concept)):
            from app.services.taxonomy_import import import_taxonomy

            import_taxonomy()
        if not already_generated():
            began = time.monotonic()
            counts = generate()
            click.echo(f"load-test region generated in {time.monotonic() - began:.0f} s: {counts}")
        click.echo(f"needs added: {_needs(2000)}")
        viewers = {}
        for role, area in ((Role.ADMIN, None), (Role.PLANNER, "19")):
            email = f"bench-{role}@load.jobbrygga.se"
            user = db.session.scalar(select(User).where(User.email == email))
            if user is None:
                user = User(email=email, role=role, municipality_code=area, password_hash="!bench",
                            totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
                db.session.add(user)
                db.session.commit()
            viewers[role] = f"{user.id}:{user.session_version}"
    views = [("overview, every municipality (admin)", Role.ADMIN, "GET", "/planning/"),
             ("overview, county 19 (planner)", Role.PLANNER, "GET", "/planning/"),
             ("overview, Västerås (planner)", Role.PLANNER, "GET", "/planning/?area=1980"),
             ("programmes, every municipality (admin)", Role.ADMIN, "GET", "/planning/programmes"),
             ("programmes, county 19 (planner)", Role.PLANNER, "GET", "/planning/programmes"),
             ("goals (admin)", Role.ADMIN, "GET", "/planning/goals"),
             ("export demand-supply, county 19 (planner)", Role.PLANNER, "POST", "/planning/demand-supply.xlsx")]
    failed = False
    click.echo(f"{'view':<44} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8}")
    for name, role, method, url in views:
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = viewers[role], True
        timings, first = [], None
        for i in range(runs + 2):
            began = time.perf_counter()
            response = client.open(url, method=method, data={"area": ""} if method == "POST" else None)
            took = (time.perf_counter() - began) * 1000
            if response.status_code != 200:
                raise click.ClickException(f"{url}: {response.status_code}")
            first = took if first is None else first
            if i >= 2:
                timings.append(took)
        p50, p95 = statistics.median(timings), _percentile(timings, 0.95)
        failed |= p95 >= TARGET_MS
        click.echo(f"{name:<44} {first:9.0f} {p50:8.0f} {p95:8.0f}{'  over ' + str(TARGET_MS) + ' ms' if p95 >= TARGET_MS else ''}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
