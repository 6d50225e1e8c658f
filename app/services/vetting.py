"""Vetting organisations: no employer or school sees a candidate, and none of its places is matched, until a
caseworker or administrator approved it; an approval can be suspended (and lifted), a registration rejected.

States (Organisation.vetting_state): waiting → approved ⇄ suspended; waiting → rejected → approved (reconsidered).
Organisation.is_approved is the one predicate for "may take part" (also usable in a query). Every decision is
kept in organisation_event (who, what, why, when) and told to the organisation's accounts by e-mail and on
their own page.
"""
import re

from flask_babel import force_locale, gettext as _
from rapidfuzz import fuzz
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Opportunity, Organisation, OrganisationEvent, Role, User
from app.models.user import utcnow
from app.services.mail import send_mail
from app.services.scope import municipality_codes

REASON_MAX_LENGTH = 500


class VettingError(ValueError):
    """The decision does not fit the organisation's state (someone else decided first), or lacks a reason."""


def is_vetted(organisation: Organisation | None) -> bool:
    """May this organisation see candidates: approved and not suspended (Organisation.is_approved)."""
    return organisation is not None and bool(organisation.is_approved)


def _in_municipality(code: str):
    """The organisation is registered in, or posts places in, municipality code: vetting belongs there."""
    return or_(Organisation.municipality_code == code,
               Organisation.opportunities.any(Opportunity.municipality_code == code))


def may_vet(viewer: User, organisation: Organisation) -> bool:
    """Administrators vet any organisation; a caseworker those registered or posting in their own municipality
    (a vetting counts for the vetting caseworker's municipality only: services/matching.open_opportunities)."""
    query = _in_area(select(func.count()).select_from(Organisation).where(Organisation.id == organisation.id), viewer)
    return query is not None and db.session.scalar(query) > 0


def _in_area(query, viewer: User):
    """query limited to organisations registered or posting in the municipalities viewer works for (the scope rule:
    services/scope.municipality_codes); None when viewer works for none."""
    codes = municipality_codes(viewer)
    if codes is None:
        return query
    if not codes:
        return None
    return query.where(or_(*[_in_municipality(code) for code in codes]))


def awaiting_vetting(viewer: User) -> list[Organisation]:
    """Organisations with at least one account that viewer may approve, oldest first."""
    query = _in_area(select(Organisation).where(Organisation.vetted_at.is_(None), Organisation.rejected_at.is_(None),
                                                Organisation.members.any())
                     .options(selectinload(Organisation.members)).order_by(Organisation.created_at, Organisation.id),
                     viewer)
    return [] if query is None else list(db.session.scalars(query))


def decided(viewer: User) -> list[Organisation]:
    """Organisations with accounts that are approved, suspended or rejected, in viewer's area; by name."""
    query = _in_area(select(Organisation).where((Organisation.vetted_at.is_not(None))
                                                | (Organisation.rejected_at.is_not(None)), Organisation.members.any())
                     .order_by(Organisation.name, Organisation.id), viewer)
    return [] if query is None else list(db.session.scalars(query))


def history(organisation: Organisation) -> list[OrganisationEvent]:
    """The organisation's vetting decisions, newest first."""
    return list(db.session.scalars(select(OrganisationEvent).where(OrganisationEvent.organisation_id == organisation.id)
                                   .options(selectinload(OrganisationEvent.actor))
                                   .order_by(OrganisationEvent.at.desc(), OrganisationEvent.id.desc())))


def latest_decision(organisation: Organisation) -> OrganisationEvent | None:
    events = history(organisation)
    return events[0] if events else None


def _reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason or len(reason) > REASON_MAX_LENGTH:
        raise VettingError("a reason of 1 to REASON_MAX_LENGTH characters")
    return reason


def _decide(organisation: Organisation, by: User, action: str, condition, values: dict, reason: str | None) -> bool:
    """One conditional UPDATE (two people deciding at once: the first wins), the event, the e-mail; commits."""
    moved = db.session.execute(update(Organisation).where(Organisation.id == organisation.id, *condition)
                               .values(**values)).rowcount
    if moved != 1:
        db.session.rollback()
        return False
    db.session.add(OrganisationEvent(organisation_id=organisation.id, actor_id=by.id, action=action, reason=reason))
    db.session.commit()
    db.session.refresh(organisation)
    _tell(organisation, action, reason)
    return True


def look_alikes(organisation: Organisation, limit: int = 3) -> list[Organisation]:
    """Other organisations whose names resemble this one's (red team 2: "Mälarverken Industri AB" registered
    with another organisation number); compared without case, legal form and punctuation."""
    wanted = _comparable(organisation.name)
    if not wanted:
        return []
    others = db.session.scalars(select(Organisation).where(Organisation.id != organisation.id)).all()
    scored = [(fuzz.token_sort_ratio(wanted, _comparable(other.name)), other) for other in others]
    return [other for score, other in sorted(scored, key=lambda pair: -pair[0]) if score >= LOOK_ALIKE_SCORE][:limit]


LOOK_ALIKE_SCORE = 85
_LEGAL_FORMS = re.compile(r"\b(ab|aktiebolag|hb|kb|ek\s*för|ekonomisk förening|ideell förening|i\s*sverige)\b")


def _comparable(name: str) -> str:
    folded = _LEGAL_FORMS.sub(" ", (name or "").casefold())
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def vet(organisation: Organisation, by: User) -> bool:
    """Approve a waiting (or earlier rejected) organisation; False if it is already approved."""
    return _decide(organisation, by, "approved", [Organisation.vetted_at.is_(None)],
                   {"vetted_at": utcnow(), "vetted_by_id": by.id, "rejected_at": None, "vetting_reason": None}, None)


def reject(organisation: Organisation, by: User, reason: str) -> bool:
    """Refuse a waiting registration, with a reason the organisation is told; False if no longer waiting."""
    reason = _reason(reason)
    return _decide(organisation, by, "rejected", [Organisation.vetted_at.is_(None), Organisation.rejected_at.is_(None)],
                   {"rejected_at": utcnow(), "vetting_reason": reason}, reason)


def suspend(organisation: Organisation, by: User, reason: str) -> bool:
    """Stop an approved organisation taking part (no candidates, its places out of matching); False if not approved."""
    reason = _reason(reason)
    return _decide(organisation, by, "suspended",
                   [Organisation.vetted_at.is_not(None), Organisation.suspended_at.is_(None)],
                   {"suspended_at": utcnow(), "vetting_reason": reason}, reason)


def lift_suspension(organisation: Organisation, by: User) -> bool:
    """Let a suspended organisation take part again; False if it is not suspended."""
    return _decide(organisation, by, "reinstated", [Organisation.suspended_at.is_not(None)],
                   {"suspended_at": None, "vetting_reason": None}, None)


def _tell(organisation: Organisation, action: str, reason: str | None) -> None:
    """E-mail each account of the organisation, in the account's own language."""
    for member in organisation.members:
        if not member.email:
            continue
        with force_locale(member.locale or "sv"):
            subject, body = _message(organisation, action, reason)
        send_mail(member.email, subject, body)


def _message(organisation: Organisation, action: str, reason: str | None) -> tuple[str, str]:
    name = organisation.name
    if action == "approved":
        return (_("%(name)s is approved in Jobbrygga", name=name),
                _("The municipality has approved %(name)s. You now see the candidates that caseworkers suggest for "
                  "your places.", name=name))
    if action == "reinstated":
        return (_("%(name)s can take part in Jobbrygga again", name=name),
                _("The municipality has lifted the suspension of %(name)s. Your open places are matched again and "
                  "you see your candidates.", name=name))
    if action == "rejected":
        return (_("%(name)s was not approved in Jobbrygga", name=name),
                _("The municipality did not approve %(name)s. The reason: %(reason)s\n\nContact the municipality "
                  "if you think this is wrong.", name=name, reason=reason))
    return (_("%(name)s is suspended in Jobbrygga", name=name),
            _("The municipality has suspended %(name)s. Until the suspension is lifted your places are not matched "
              "and you see no candidates. The reason: %(reason)s\n\nContact the municipality if you think this "
              "is wrong.", name=name, reason=reason))
