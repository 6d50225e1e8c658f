"""Append-only record of who read or changed whose personal data.

The trail is append-only inside the app: changing or deleting a row through the ORM, or through an
UPDATE/DELETE statement run on a Session, raises AuditTrailIsAppendOnly. The one exception is the
erasure of a person (services/deletion.py): their events are kept for staff accountability but
detached from them (profile_id set to NULL), through services.audit.anonymise_events_about(), which
marks its statement with the ERASURE execution option. Nothing else may pass that option.

On PostgreSQL the database enforces it too, for every client (psql, a script, a bug below the ORM): a
trigger refuses UPDATE and DELETE on audit_event except setting actor_id or profile_id to NULL, the
erasure (and what ON DELETE SET NULL does). Maintenance that must empty the table sets
`jobbrygga.audit_maintenance = 'on'` for its transaction (the test suite between tests does); the trigger honours
it only for the table's owner (migration 0015), so the app's own database role cannot (docs/operations.md).
"""
from datetime import datetime

from sqlalchemy import DDL, ForeignKey, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.extensions import db
from app.models.user import utcnow

ERASURE = "audit_erasure"  # execution option of the single sanctioned change (see the module docstring)


class AuditTrailIsAppendOnly(RuntimeError):
    """Something tried to change or delete an audit event."""


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    profile_id: Mapped[int | None] = mapped_column(ForeignKey("jobseeker_profile.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # Why, where the rule asks for a reason (handing over or unmarking a person with protected identity).
    detail: Mapped[str | None] = mapped_column(String(300))

    actor = relationship("User", foreign_keys=[actor_id], viewonly=True)


# The reason (detail, migration 0009) is as unchangeable as the rest; migration 0007's guard had no such line.
DETAIL_CLAUSE = "       AND NEW.detail IS NOT DISTINCT FROM OLD.detail\n"
# Created by migration 0007 (0009 adds DETAIL_CLAUSE) and, for databases built with create_all (tests), by the event below.
APPEND_ONLY_GUARD = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.action = OLD.action AND NEW.at = OLD.at
       AND NEW.detail IS NOT DISTINCT FROM OLD.detail
       AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
       AND (NEW.profile_id IS NULL OR NEW.profile_id = OLD.profile_id) THEN
        RETURN NEW;  -- erasure: the events stay, detached from a deleted person
    END IF;
    -- Any role can set a custom setting: only the table's owner (who runs migrations) may use it, never the app's role.
    IF current_setting('jobbrygga.audit_maintenance', true) = 'on'
       AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION USING MESSAGE = 'audit_event is append-only: ' || TG_OP || ' refused',
                          ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
"""
DROP_APPEND_ONLY_GUARD = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event;
DROP FUNCTION IF EXISTS audit_event_append_only();
"""
event.listen(AuditEvent.__table__, "after_create", DDL(APPEND_ONLY_GUARD).execute_if(dialect="postgresql"))


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(mapper, connection, target):
    raise AuditTrailIsAppendOnly(f"audit event {target.id} cannot be changed")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(mapper, connection, target):
    raise AuditTrailIsAppendOnly(f"audit event {target.id} cannot be deleted")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state):
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)  # an annotated copy for ORM statements: compare names
    if getattr(table, "name", None) == AuditEvent.__tablename__ and not state.execution_options.get(ERASURE):
        raise AuditTrailIsAppendOnly("UPDATE/DELETE on audit_event is not allowed")
