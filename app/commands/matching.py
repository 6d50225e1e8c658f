"""`flask matching run|run-region|propose|train`: suggestions for an area, the batch proposal, the re-ranker."""
import click
from flask import current_app
from flask.cli import AppGroup

matching_cli = AppGroup("matching", help="Run and inspect matching.")


@matching_cli.command("run")
@click.argument("municipality")
def matching_run_command(municipality: str) -> None:
    """Suggest matches for every active person in MUNICIPALITY (4-digit code), in this process."""
    from app.services.suggestions import suggest_for_area

    click.echo(f"new suggestions: {suggest_for_area(municipality, current_app.config['MATCHES_PER_PERSON'])}")


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
