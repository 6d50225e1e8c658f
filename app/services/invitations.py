"""Staff accounts: invite (a one-time link to choose a password and connect an authenticator app), deactivate,
reactivate and move caseworkers. One service for `flask users create` and the administrator's staff page.

An invited account has no usable password until the person opens the link: the link's page asks for a
password (the one password rule, app/services/passwords.py), then the login's second step makes them
connect an authenticator app before anything else (staff never work without one). The link works once,
for INVITATION_HOURS; a new link for the same account makes older ones stop working. Only a digest of the
link's token is stored. Every change is recorded as a StaffEvent with who did it (NULL: the command line).
"""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from flask import current_app, url_for
from flask_babel import force_locale, gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Concept, Role, StaffEvent, StaffInvitation, User
from app.services.accounts import find_user_by_email

INVITATION_HOURS = 72
STAFF_ROLES = (Role.ADMIN, Role.CASEWORKER, Role.PLANNER)
# A password hash no password matches: argon2 refuses it as malformed, so check_password is False.
NO_PASSWORD = "!invited"


class StaffError(ValueError):
    """A staff change that cannot be made; the message is for the person who asked (already translated), field
    the form field it is about."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Invitation:
    user: User
    link: str
    expires_at: datetime


def _now() -> datetime:
    """Naive UTC, as the database's DateTime columns give it back."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_link(token: str) -> str:
    """From PUBLIC_URL when set (a forged Host header cannot redirect the link), else from the request or SERVER_NAME."""
    base = current_app.config.get("PUBLIC_URL")
    if base:
        return base.rstrip("/") + url_for("auth.accept_invitation", token=token)
    return url_for("auth.accept_invitation", token=token, _external=True)


def known_municipality(code: str | None) -> bool:
    concept = db.session.get(Concept, code) if code else None
    return concept is not None and concept.type == "municipality"


def known_area(code: str | None) -> bool:
    """A county (2 digits) or a municipality (4): where a planner works."""
    concept = db.session.get(Concept, code) if code else None
    return concept is not None and concept.type in ("county", "municipality")


def _record(actor: User | None, user: User, action: str, detail: str | None = None) -> None:
    db.session.add(StaffEvent(actor_id=actor.id if actor else None, user_id=user.id, action=action, detail=detail))


def _new_link(user: User, actor: User | None, hours: int) -> Invitation:
    """A fresh one-time link for user; every older unused link of theirs stops working."""
    now = _now()
    db.session.execute(update(StaffInvitation).where(StaffInvitation.user_id == user.id,
                                                     StaffInvitation.used_at.is_(None)).values(used_at=now))
    token = secrets.token_urlsafe(32)
    expires_at = now + timedelta(hours=hours)
    db.session.add(StaffInvitation(user_id=user.id, token_hash=_digest(token), created_by_id=actor.id if actor else None,
                                   created_at=now, expires_at=expires_at))
    return Invitation(user, invitation_link(token), expires_at)


def invite(email: str, role: str, municipality_code: str | None = None, *, full_name: str = "",
           locale: str | None = None, actor: User | None = None, hours: int = INVITATION_HOURS) -> Invitation:
    """Create a staff account without a password and return its one-time link (committed)."""
    email = (email or "").strip().lower()
    if role not in STAFF_ROLES:
        raise StaffError(_("Choose caseworker or administrator."), "role")
    if "@" not in email or len(email) > 254:
        raise StaffError(_("Enter a valid e-mail address."), "email")
    if find_user_by_email(email) is not None:
        raise StaffError(_("There is already an account with this e-mail address."), "email")
    if role == Role.CASEWORKER and not known_municipality(municipality_code):
        raise StaffError(_("A caseworker works for one municipality: choose it."), "municipality")
    if role == Role.PLANNER and not known_area(municipality_code):
        raise StaffError(_("A planner works for a county or a municipality: choose it."), "municipality")
    user = User(email=email, role=role, full_name=(full_name or "").strip(), locale=locale,
                municipality_code=municipality_code if role in (Role.CASEWORKER, Role.PLANNER) else None,
                password_hash=NO_PASSWORD)
    db.session.add(user)
    db.session.flush()
    invitation = _new_link(user, actor, hours)
    _record(actor, user, "invited", role + (f" {municipality_code}" if user.municipality_code else ""))
    db.session.commit()
    return invitation


def renew_link(user: User, *, actor: User | None = None, hours: int = INVITATION_HOURS) -> Invitation:
    """A new one-time link for a staff account (an expired or lost invitation, or a first administrator locked
    out): the password stays until the person chooses a new one with the link (committed)."""
    if user.role not in STAFF_ROLES:
        raise StaffError(_("Only staff accounts are invited here."))
    if user.deactivated_at is not None:
        raise StaffError(_("The account is deactivated. Reactivate it first."))
    invitation = _new_link(user, actor, hours)
    _record(actor, user, "link_renewed")
    db.session.commit()
    return invitation


def user_for_token(token: str) -> User | None:
    """The account of a valid, unused, unexpired link; None for anything else."""
    invitation = db.session.scalar(select(StaffInvitation).where(StaffInvitation.token_hash == _digest(token or "")))
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= _now():
        return None
    user = invitation.user
    return user if user.deactivated_at is None else None


def accept(token: str, password: str) -> User | None:
    """Set the password chosen through the link and use the link up; None when the link no longer works.

    The caller has checked the password against the password rule. One conditional UPDATE claims the link, so
    two submissions at the same moment cannot both pass. The second factor is connected next, at login."""
    user = user_for_token(token)
    if user is None:
        return None
    claimed = db.session.execute(update(StaffInvitation).where(StaffInvitation.token_hash == _digest(token),
                                                               StaffInvitation.used_at.is_(None))
                                 .values(used_at=_now()).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        db.session.rollback()
        return None
    user.set_password(password)  # also ends any session the account had
    user.totp_secret = None  # a new phone is connected right after: whoever had the old one is locked out
    user.totp_last_step = None
    _record(None, user, "accepted")
    db.session.commit()
    return user


def deactivate(user: User, *, actor: User | None) -> None:
    """The account can no longer log in and every session of it ends at once; its history stays."""
    if actor is not None and actor.id == user.id:
        raise StaffError(_("You cannot deactivate your own account."))
    if user.deactivated_at is not None:
        return
    user.deactivated_at = _now()
    user.revoke_sessions()
    db.session.execute(update(StaffInvitation).where(StaffInvitation.user_id == user.id,
                                                     StaffInvitation.used_at.is_(None)).values(used_at=_now()))
    _record(actor, user, "deactivated")
    db.session.commit()


def reactivate(user: User, *, actor: User | None) -> None:
    if user.deactivated_at is None:
        return
    user.deactivated_at = None
    _record(actor, user, "reactivated")
    db.session.commit()


def move(user: User, municipality_code: str, *, actor: User | None) -> None:
    """A caseworker starts working for another municipality (what they see follows at their next request)."""
    if user.role != Role.CASEWORKER:
        raise StaffError(_("Only caseworkers work for a municipality."))
    if not known_municipality(municipality_code):
        raise StaffError(_("A caseworker works for one municipality: choose it."))
    if user.municipality_code == municipality_code:
        return
    _record(actor, user, "moved", f"{user.municipality_code or '-'} → {municipality_code}")
    user.municipality_code = municipality_code
    db.session.commit()


def staff() -> list[User]:
    """Every caseworker and administrator, active first, by e-mail."""
    return list(db.session.scalars(select(User).where(User.role.in_([str(r) for r in STAFF_ROLES]))
                                   .order_by(User.deactivated_at.is_not(None), User.email)))


def pending(user: User) -> bool:
    """Invited, and has not chosen a password yet."""
    return user.password_hash == NO_PASSWORD


def events(user: User) -> list[StaffEvent]:
    """What was done to user's account, newest first, with who did it."""
    return list(db.session.scalars(select(StaffEvent).where(StaffEvent.user_id == user.id)
                                   .options(selectinload(StaffEvent.actor))
                                   .order_by(StaffEvent.at.desc(), StaffEvent.id.desc())))


def mail_invitation(invitation: Invitation) -> None:
    """Send the link to the person invited, in their language (or the service's)."""
    from app.services.mail import send_mail

    user = invitation.user
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Your staff account on Jobbrygga")
        body = _("Hello,\n\nAn administrator has made a staff account for you on Jobbrygga. Open this link to "
                 "choose your password and connect an authenticator app on your phone:\n\n%(link)s\n\n"
                 "The link works once, within %(hours)d hours. If you did not expect this e-mail, ignore it.",
                 link=invitation.link, hours=INVITATION_HOURS)
    send_mail(user.email, subject, body)
