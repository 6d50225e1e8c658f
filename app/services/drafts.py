"""Unsaved forms kept on the server: over a language switch and over a session that ran out.

A draft belongs to an account, or (before registration) to a random key kept in the session. Passwords and
form tokens are never kept. Drafts older than DRAFT_HOURS are deleted the next time any draft is written.
"""
import secrets
from datetime import timedelta

from flask import session
from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.models import utcnow
from app.models.draft import FormDraft

DRAFT_HOURS = 24
SESSION_KEY = "draft_key"
NEVER_KEPT = ("csrf_token", "password", "password2", "confirm", "submit", "form_token", "_draft", "_step")
MAX_VALUE = 4000
MAX_FIELDS = 80


def _owner(user) -> dict:
    if user is not None and getattr(user, "is_authenticated", False):
        return {"user_id": user.id}
    key = session.get(SESSION_KEY)
    if not key:
        key = session[SESSION_KEY] = secrets.token_urlsafe(24)
    return {"session_key": key}


def _filtered(form: MultiDict) -> dict[str, list[str]]:
    kept = {}
    for name in list(form.keys())[:MAX_FIELDS]:
        if name in NEVER_KEPT or "password" in name or name.endswith("csrf_token"):
            continue
        kept[name] = [value[:MAX_VALUE] for value in form.getlist(name)]
    return kept


def save(name: str, form: MultiDict, user=None) -> FormDraft:
    """Keep what was typed into form `name` (replacing an older draft of the same form); commits."""
    owner = _owner(user)
    try:
        step = max(0, min(int(form.get("_step", 0)), 20))
    except (TypeError, ValueError):
        step = 0
    db.session.execute(delete(FormDraft).where(FormDraft.saved_at < utcnow() - timedelta(hours=DRAFT_HOURS)))
    _query_delete(name, owner)
    draft = FormDraft(form=name, data=_filtered(form), step=step, **owner)
    db.session.add(draft)
    db.session.commit()
    return draft


def load(name: str, user=None) -> FormDraft | None:
    """The person's draft of form `name`, if one was kept in the last DRAFT_HOURS."""
    owner = _owner(user)
    query = select(FormDraft).where(FormDraft.form == name,
                                    FormDraft.saved_at >= utcnow() - timedelta(hours=DRAFT_HOURS))
    for column, value in owner.items():
        query = query.where(getattr(FormDraft, column) == value)
    return db.session.scalar(query.order_by(FormDraft.id.desc()).limit(1))


def formdata(draft: FormDraft) -> MultiDict:
    return MultiDict([(key, value) for key, values in (draft.data or {}).items() for value in values])


def discard(name: str, user=None) -> None:
    """The form was saved: its draft is no longer needed; commits."""
    _query_delete(name, _owner(user))
    db.session.commit()


def _query_delete(name: str, owner: dict) -> None:
    statement = delete(FormDraft).where(FormDraft.form == name)
    for column, value in owner.items():
        statement = statement.where(getattr(FormDraft, column) == value)
    db.session.execute(statement)


# The forms that keep drafts: name → the page that shows the form, and who fills it in while logged in.
DRAFT_PAGES = {"profile": "jobseeker.profile", "register": "auth.register"}
DRAFT_ROLES = {"profile": ("jobseeker",)}
