"""Consent to be introduced to an employer: given with the exact text version shown, and withdrawn."""
from sqlalchemy import select

from app.presentation.consent_texts import INTRODUCTION
from app.extensions import db
from app.models import Consent, JobseekerProfile, Match, MatchStatus, User, utcnow
from app.services import cases


def agree_to_introduction(match: Match, person: User, text_version: str) -> Match:
    """Record the consent and move the case to INTRODUCED in one transaction (nothing kept if no seat is left).

    A person who said no (or took their yes back) may say yes again while the place is open; after its last
    day, or once it is filled or closed, that raises cases.TransitionError.
    """
    if match.status == MatchStatus.DECLINED and not _still_open(match):
        raise cases.TransitionError("the place is no longer open")
    db.session.add(Consent(profile_id=match.profile_id, purpose=INTRODUCTION, text_version=text_version,
                           match_id=match.id))
    return cases.move(match, MatchStatus.INTRODUCED, person)


def _still_open(match: Match) -> bool:
    from app.services.applications import place_is_open

    return place_is_open(match.opportunity)


def withdraw_introduction(match: Match, person: User) -> Match:
    """Withdraw the consent before the employer records an outcome: case back to DECLINED, seat released.

    Raises cases.TransitionError when the case has moved on (an outcome is recorded) or is not introduced.
    """
    if match.status != MatchStatus.INTRODUCED or MatchStatus.DECLINED not in cases.allowed_moves(match, person):
        raise cases.TransitionError(f"{match.status} cannot be withdrawn")
    for consent in active_consents(match.profile, match_id=match.id):
        consent.withdrawn_at = utcnow()
    return cases.move(match, MatchStatus.DECLINED, person)


def active_consents(profile: JobseekerProfile, *, match_id: int | None = None) -> list[Consent]:
    query = select(Consent).where(Consent.profile_id == profile.id, Consent.withdrawn_at.is_(None))
    if match_id is not None:
        query = query.where(Consent.match_id == match_id)
    return list(db.session.scalars(query))


def consents_of(profile: JobseekerProfile) -> list[Consent]:
    return list(db.session.scalars(select(Consent).where(Consent.profile_id == profile.id).order_by(Consent.id)))
