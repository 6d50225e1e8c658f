"""`flask taxonomy import|bench-search` and `flask opportunities import-jobsearch`: the vocabulary and outside ads."""
from pathlib import Path

import click
from flask.cli import AppGroup

taxonomy_cli = AppGroup("taxonomy", help="The occupation, skill and place vocabulary.")
opportunities_cli = AppGroup("opportunities", help="Opportunities from other sources.")


@taxonomy_cli.command("import")
def taxonomy_import_command() -> None:
    """Load or refresh the taxonomy from matching/data (safe to run again)."""
    import_taxonomy()


def import_taxonomy() -> None:
    from app.services.taxonomy_import import import_taxonomy as load

    counts = load()
    click.echo("taxonomy: " + ", ".join(f"{name} {n}" for name, n in counts.items()))


@taxonomy_cli.command("bench-search")
@click.option("--queries", default=2000, help="How many autocomplete requests to time.")
def taxonomy_bench_search(queries: int) -> None:
    """Time the autocomplete endpoint on the full taxonomy: prints build time and p50/p95/p99 in ms."""
    import statistics
    import time

    from flask import current_app

    from app.services.concept_search import forget_index, label_index

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
