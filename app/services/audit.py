"""Write the append-only trail of staff and employer access to personal data, and read it back for the person."""
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import AuditEvent, JobseekerProfile, User
from app.models.audit import ERASURE


def record_access(actor: User, profile: JobseekerProfile, action: str, detail: str | None = None) -> None:
    """Log that actor did action on profile's data (detail: the reason given, if any); committed with the
    request's transaction."""
    db.session.add(AuditEvent(actor_id=actor.id, profile_id=profile.id, action=action, detail=detail))


def record_access_to_many(actor: User, profiles, action: str) -> None:
    """One event per distinct person on a list, search result or export."""
    for profile_id in dict.fromkeys(p.id for p in profiles):
        db.session.add(AuditEvent(actor_id=actor.id, profile_id=profile_id, action=action))


def events_about(profile: JobseekerProfile) -> list[AuditEvent]:
    """Every recorded read or change of the person's data, newest first, with the reader loaded."""
    return list(db.session.scalars(
        select(AuditEvent).where(AuditEvent.profile_id == profile.id)
        .options(selectinload(AuditEvent.actor).selectinload(User.organisation))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())))


def anonymise_events_about(profile_id: int) -> None:
    """Erasure only: keep the events (staff accountability) but detach them from the deleted person.

    One of the two sanctioned changes of the append-only trail (see app/models/audit.py); not committed here.
    """
    db.session.execute(update(AuditEvent).where(AuditEvent.profile_id == profile_id)
                       .values(profile_id=None).execution_options(**{ERASURE: True}))


def anonymise_events_by(user_id: int) -> None:
    """Erasure only: events where the deleted person was the actor lose the link to their account."""
    db.session.execute(update(AuditEvent).where(AuditEvent.actor_id == user_id)
                       .values(actor_id=None).execution_options(**{ERASURE: True}))
