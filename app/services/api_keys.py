"""API keys: made, listed and revoked by people on pages; checked on every /api/v1 call; every use audited.

A key is "jb_" + 43 URL-safe characters (256 random bits). Only its SHA-256 is stored: the key cannot be read
back, so it is shown once, when made. An organisation's key acts for that organisation only; a municipality's
key reads that municipality's aggregated statistics only. Revoking takes effect at the next call.
"""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select, update

from app.extensions import db
from app.models import ApiKey, ApiKeyKind, AuditEvent, Organisation, User
from app.models.user import utcnow
from app.services.scope import may_see_municipality, municipality_codes

PREFIX = "jb_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _new(name: str, by: User, **scope) -> tuple[ApiKey, str]:
    token = PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(name=name.strip()[:100], token_hash=digest(token), prefix=token[:10], created_by_id=by.id, **scope)
    db.session.add(key)
    db.session.flush()
    db.session.add(AuditEvent(actor_id=by.id, action=f"api-key:{key.id}:created"))
    db.session.commit()
    return key, token


def create_organisation_key(organisation: Organisation, name: str, by: User) -> tuple[ApiKey, str]:
    """A key for the organisation's recruiting system; (the key row, the key itself to show once); commits."""
    if by.organisation_id != organisation.id:
        raise PermissionError("only the organisation's own accounts make its keys")
    return _new(name, by, kind=ApiKeyKind.ORGANISATION, organisation_id=organisation.id)


def create_municipality_key(municipality_code: str, name: str, by: User) -> tuple[ApiKey, str]:
    """A key for a municipality's own systems, made by staff who may see that municipality; commits."""
    if not may_see_municipality(by, municipality_code):
        raise PermissionError("staff make keys only for a municipality they work for")
    return _new(name, by, kind=ApiKeyKind.MUNICIPALITY, municipality_code=municipality_code)


def keys_of_organisation(organisation: Organisation) -> list[ApiKey]:
    return list(db.session.scalars(select(ApiKey).where(ApiKey.organisation_id == organisation.id)
                                   .order_by(ApiKey.revoked_at.is_not(None), ApiKey.id.desc())))


def municipality_keys(viewer: User) -> list[ApiKey]:
    """The municipality keys viewer may see and revoke: an administrator all, a caseworker their municipality's."""
    query = select(ApiKey).where(ApiKey.kind == ApiKeyKind.MUNICIPALITY)
    codes = municipality_codes(viewer)
    if codes is not None:
        query = query.where(ApiKey.municipality_code.in_(codes))
    return list(db.session.scalars(query.order_by(ApiKey.revoked_at.is_not(None), ApiKey.id.desc())))


def may_revoke(viewer: User, key: ApiKey) -> bool:
    if key.kind == ApiKeyKind.ORGANISATION:
        return viewer.organisation_id is not None and viewer.organisation_id == key.organisation_id
    return may_see_municipality(viewer, key.municipality_code)


def revoke(key: ApiKey, by: User) -> bool:
    """Revoke the key (the next call with it answers 401); False if it was revoked already; commits."""
    if not may_revoke(by, key):
        raise PermissionError("not this person's key to revoke")
    revoked = db.session.execute(update(ApiKey).where(ApiKey.id == key.id, ApiKey.revoked_at.is_(None))
                                 .values(revoked_at=utcnow())).rowcount
    if revoked:
        db.session.add(AuditEvent(actor_id=by.id, action=f"api-key:{key.id}:revoked"))
    db.session.commit()
    return revoked == 1


def authenticate(token: str | None) -> ApiKey | None:
    """The active key with this value, or None (unknown, malformed or revoked)."""
    if not token or not token.startswith(PREFIX) or len(token) > 100:
        return None
    key = db.session.scalar(select(ApiKey).where(ApiKey.token_hash == digest(token)))
    if key is None or key.revoked_at is not None:
        return None
    if key.kind == ApiKeyKind.ORGANISATION and key.organisation is None:
        return None
    return key


def record_use(key: ApiKey, operation: str) -> None:
    """One audit event per use of a key, in the caller's transaction: who made the key, which key, what it did.

    The event's actor is the person who made the key (accountable for it); the action names the key and the
    operation, e.g. "api-key:12:place.create". Committed at once, before the work: a call that then fails
    (refused values, a place of another organisation) is on the trail too.
    """
    key.last_used_at = utcnow()
    db.session.add(AuditEvent(actor_id=key.created_by_id, action=f"api-key:{key.id}:{operation}"[:64]))
    db.session.commit()
