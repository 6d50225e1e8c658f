"""`flask employers daily`: the once-a-day run for places and reply deadlines (cron or a systemd timer)."""
from datetime import date

import click

employers_cli = click.Group("employers", help="Places and answers on time.")


@employers_cli.command("daily")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Run as if it were this day (YYYY-MM-DD); default: today.")
def daily_command(today) -> None:
    """Close places past their last day or with every seat taken; remind, flag late answers, close unanswered cases."""
    from app.services import opportunities, replies

    day = today.date() if today else date.today()
    closed = opportunities.close_finished(day)
    counts = replies.run_daily(day)
    click.echo(f"{day}: places closed {closed}; answers {counts}")
