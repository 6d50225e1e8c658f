"""Write the append-only trail of staff and employer access to personal data."""
from app.extensions import db
from app.models import AuditEvent, JobseekerProfile, User


def record_access(actor: User, profile: JobseekerProfile, action: str) -> None:
    """Log that actor did action on profile's data; committed with the request's transaction."""
    db.session.add(AuditEvent(actor_id=actor.id, profile_id=profile.id, action=action))
