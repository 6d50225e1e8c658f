"""What an employer may see of a candidate: anonymised until the person agreed to be introduced."""
import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app

from flask import current_app
from flask_babel import gettext as _

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Match, MatchStatus
from app.services.audit import record_access
from app.services.cases import HIRED
from app.services.concepts import labels_for
from app.services.contact import Contact, contact_for
from app.services.vetting import is_vetted

IDENTIFIED_STATUSES = frozenset({MatchStatus.INTRODUCED, MatchStatus.INTERVIEW, MatchStatus.NOT_PLACED}) | HIRED
SHOWN_TO_EMPLOYER = IDENTIFIED_STATUSES | {MatchStatus.APPROVED}


@dataclass(frozen=True)
class CandidateCard:
    match_id: int
    reference: str  # "Candidate K7Q-2MX": stable, opaque, different for every organisation and place
    status: str
    score: float
    skills: list[str]
    occupations: list[str]
    languages: list[dict]
    swedish_level: str | None
    experience_years: float | None  # exact only once identified; before that, experience_range
    identified: bool
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    contact_protected: bool = False  # protected identity: the caseworker arranges contact
    experience_range: str = ""
    agreed_at: datetime | None = None  # when the person said yes to being introduced (what they agreed to share)
    reply_due: date | None = None  # the employer answers by this day (app/services/replies.py)
    reply_overdue: bool = False


def candidate_reference(match: Match) -> str:
    """A short reference for a candidate, stable for one organisation and meaningless outside it.

    A keyed hash of the organisation and the case (never the internal id, which would tell how many people
    the service has and let two organisations see that they were shown the same person).
    """
    organisation_id = match.opportunity.organisation_id if match.opportunity else 0
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"candidate:{organisation_id}:{match.id}".encode(), hashlib.sha256).digest()
    code = base64.b32encode(digest[:5]).decode()  # 8 letters and digits
    return f"{code[:4]}-{code[4:]}"



def experience_range(years: float) -> str:
    """Years of work coarsened for an anonymous card, so exact facts do not identify the person across places."""
    if years < 1:
        return _("less than 1 year")
    if years < 3:
        return _("1–2 years")
    if years <= 5:
        return _("3–5 years")
    return _("more than 5 years")


def candidate_card(match: Match, viewer) -> CandidateCard:
    """Only taxonomy-coded facts before consent: no name, age, contact, free text or job titles typed."""
    profile = match.profile
    names = labels_for(list(profile.skills or []) + list(profile.wanted_occupations or []))
    identified = match.status in IDENTIFIED_STATUSES
    if identified:
        record_access(viewer, profile, "employer_view_candidate")
    contact = contact_for(profile, viewer) if identified else Contact(None, None)
    years = sum(float(e.get("years") or 0) for e in profile.experience or [])
    from app.services import replies  # replies uses this module's statuses
    due = replies.reply_due(match)
    return CandidateCard(
        match_id=match.id,
        reference=candidate_reference(match),
        agreed_at=replies.introduced_at(match) if identified else None,
        reply_due=due,
        reply_overdue=due is not None and due < date.today(),
        status=match.status,
        score=match.score,
        skills=[names[s] for s in profile.skills or []],
        occupations=[names[o] for o in profile.wanted_occupations or []],
        languages=list(profile.languages or []),
        swedish_level=profile.swedish_level,
        experience_years=years if identified else None,
        experience_range=experience_range(years),
        identified=identified,
        name=profile.full_name if identified else None,
        email=contact.email,
        phone=contact.phone,
        contact_protected=contact.protected,
    )


def cards_for_opportunity(opportunity, viewer) -> list[CandidateCard] | None:
    """The cards an organisation may see for its opportunity; None (no card at all) until it is vetted."""
    if not is_vetted(opportunity.organisation):
        return None
    matches = db.session.scalars(
        select(Match).where(Match.opportunity_id == opportunity.id, Match.status.in_(SHOWN_TO_EMPLOYER))
        .options(selectinload(Match.profile)).order_by(Match.score.desc())).all()
    cards = [candidate_card(m, viewer) for m in matches]
    db.session.commit()  # the audit events of the introduced people the cards name
    return cards
