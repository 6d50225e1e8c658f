"""flask privacy …: retention runs (with --today to move time in tests and rehearsals)."""
from datetime import date

import click
from flask.cli import AppGroup

privacy_cli = AppGroup("privacy", help="Personal data: retention.")


@privacy_cli.command("retention")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Run as if today were this date (YYYY-MM-DD); default: today.")
def retention_command(today) -> None:
    """Hide profiles inactive longer than their municipality allows; delete those hidden long enough."""
    from app.guards.once import forget_older_than
    from app.services.retention import apply_retention

    report = apply_retention(today.date() if today else date.today())
    click.echo(f"profiles hidden {report.hidden}, deleted {report.deleted}; "
               f"old one-time form tokens forgotten {forget_older_than(days=2)}")
