"""flask notifications …: the sweep that sends what waited (quiet hours, retries), the daily reminders and alerts.

Run from cron or a systemd timer, e.g. `send` every 5 minutes, `reminders` once a day, `alerts daily` each
morning and `alerts weekly` on Mondays. Each is safe to run again: a message is recorded once per event.
"""
import click
from flask.cli import AppGroup

notifications_cli = AppGroup("notifications", help="Messages to people: send what is due, reminders, alerts.")


@notifications_cli.command("send")
def send_command():
    """Send messages that waited for the morning or for another try."""
    from app.services.notifications import send_due

    counts = send_due()
    click.echo(f"sent {counts['sent']}, failed {counts['failed']}, waiting for another try {counts['waiting']}")


@notifications_cli.command("reminders")
def reminders_command():
    """Tell people whose answer is due soon, and placed people whose follow-up is due."""
    from app.services.notifications import follow_ups_due, reply_deadlines_near

    click.echo(f"answers due soon: {reply_deadlines_near()}, follow-ups due: {follow_ups_due()}")


@notifications_cli.command("alerts")
@click.argument("frequency", type=click.Choice(["daily", "weekly"]))
def alerts_command(frequency: str):
    """Tell people who asked for alerts about new places that fit them."""
    from app.services.places import send_alerts

    counts = send_alerts(frequency)
    click.echo(f"alerts to {counts['people']} people about {counts['places']} places")
