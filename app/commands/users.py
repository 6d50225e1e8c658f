"""flask users create | link | list: staff accounts from the command line (the first administrator on a fresh install)."""
from contextlib import contextmanager

import click
from flask import current_app
from flask_babel import force_locale
from flask.cli import AppGroup

users_cli = AppGroup("users", help="Staff accounts: caseworkers and administrators.")
LOCAL_URL = "http://127.0.0.1:5000"


@contextmanager
def _link_context():
    """Links are built from PUBLIC_URL; without it (a first try on a laptop) from the development server's address.
    Messages in English, as the rest of the command line."""
    with current_app.test_request_context(base_url=current_app.config.get("PUBLIC_URL") or LOCAL_URL), \
            force_locale("en"):
        yield


def _print(invitation) -> None:
    click.echo(f"One-time link for {invitation.user.email} (valid until {invitation.expires_at:%Y-%m-%d %H:%M} UTC; "
               "it sets the password, then the authenticator app):")
    click.echo(invitation.link)
    if not current_app.config.get("PUBLIC_URL"):
        click.echo(f"(PUBLIC_URL is not set, so the link starts with {LOCAL_URL})")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(["admin", "caseworker", "planner"]), required=True)
@click.option("--municipality", help="4-digit municipality code (SCB), required for a caseworker, e.g. 1980; "
                                     "a planner's county (2 digits, e.g. 19) or municipality.")
@click.option("--name", default="", help="Full name, as colleagues see it.")
@click.option("--locale", default=None, help="Language of the account, e.g. sv or en.")
def create_command(email: str, role: str, municipality: str | None, name: str, locale: str | None) -> None:
    """Create a staff account and print a one-time link to choose its password and connect the app."""
    from app.services import invitations

    with _link_context():
        try:
            invitation = invitations.invite(email, role, municipality, full_name=name, locale=locale)
        except invitations.StaffError as error:
            raise click.ClickException(str(error)) from error
        _print(invitation)


@users_cli.command("link")
@click.argument("email")
def link_command(email: str) -> None:
    """A new one-time link for a staff account (expired invitation, lost password and phone); older links stop."""
    from app.services import invitations

    user = _account(email)
    with _link_context():
        try:
            invitation = invitations.renew_link(user)
        except invitations.StaffError as error:
            raise click.ClickException(str(error)) from error
        _print(invitation)


@users_cli.command("list")
def list_command() -> None:
    """Every caseworker and administrator: role, municipality, state."""
    from app.services import invitations

    for user in invitations.staff():
        state = ("deactivated" if user.deactivated_at else "invited" if invitations.pending(user)
                 else "no app yet" if not user.totp_secret else "active")
        click.echo(f"{user.email:<40} {user.role:<11} {user.municipality_code or '-':<5} {state}")


@click.command("reset-two-factor")
@click.argument("email")
def reset_two_factor_command(email: str) -> None:
    """Turn two-step login off for EMAIL (a lost phone) and end its sessions; staff connect a new phone at login."""
    from app.services.accounts import reset_two_factor

    user = _account(email)
    reset_two_factor(user)
    click.echo(f"Two-step login is off for {user.email}; all its sessions have ended.")


def _account(email: str):
    """The account with this e-mail, or the command stops with a message saying there is none."""
    from app.services.accounts import find_user_by_email

    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account with the e-mail {email}.")
    return user
