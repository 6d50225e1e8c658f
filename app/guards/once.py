"""Forms that create a record save it once, however often they are sent.

The form carries a random one-time token (a hidden field, new on every page load). claim() stores it in
the transaction that saves the record: the first request commits both; a second request with the same
token (a double click, a browser resending after a timeout) hits the primary key and saves nothing, also
when both arrive at the same moment (the database serialises the two inserts). A request without a token
(an old page, a script) is not protected but works as before.
"""
import re
import secrets
from datetime import datetime, timedelta, timezone

from flask import flash
from flask_babel import gettext as _
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from wtforms import HiddenField
from wtforms.validators import Length, Optional

from app.extensions import db
from app.models.form_submission import FormSubmission

TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SubmitOnce:
    """Mix into a FlaskForm whose submission creates a record; call already_sent(form.once.data) before saving."""

    once = HiddenField(default=new_token, validators=[Optional(), Length(max=64)])


def claim(token: str | None) -> bool:
    """Reserve token in the current transaction, before anything else is written; the caller's save commits
    it. False (and the transaction rolled back) when the token was already used."""
    if not token or not TOKEN.fullmatch(token):
        return True
    try:
        db.session.add(FormSubmission(token=token))
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def already_sent(token: str | None) -> bool:
    """claim(token) for a view: True, with the message shown to the person, when this page was sent before."""
    if claim(token):
        return False
    flash(_("This form was already sent. It is saved once."), "info")
    return True


def forget_older_than(days: int = 2) -> int:
    """Drop used tokens older than days (a page is not resent after that); commits."""
    cutoff = datetime.now(timezone.utc) - timedelta(days=days)
    result = db.session.execute(delete(FormSubmission).where(FormSubmission.at < cutoff))
    db.session.commit()
    return result.rowcount
