"""Vetting organisations: no employer or school sees a candidate until a caseworker or administrator approved it."""
import re

from rapidfuzz import fuzz
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Opportunity, Organisation, Role, User
from app.models.user import utcnow


def is_vetted(organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.vetted_at is not None


def _in_municipality(code: str):
    """The organisation is registered in, or posts places in, municipality code: vetting belongs there."""
    return or_(Organisation.municipality_code == code,
               Organisation.opportunities.any(Opportunity.municipality_code == code))


def may_vet(viewer: User, organisation: Organisation) -> bool:
    """Administrators vet any organisation; a caseworker those registered or posting in their own municipality
    (a vetting counts for the vetting caseworker's municipality only: services/matching.open_opportunities)."""
    if viewer.role == Role.ADMIN:
        return True
    if viewer.role != Role.CASEWORKER or viewer.municipality_code is None:
        return False
    return db.session.scalar(select(func.count()).select_from(Organisation).where(
        Organisation.id == organisation.id, _in_municipality(viewer.municipality_code))) > 0


def awaiting_vetting(viewer: User) -> list[Organisation]:
    """Organisations with at least one account that viewer may approve, oldest first."""
    query = (select(Organisation).where(Organisation.vetted_at.is_(None), Organisation.members.any())
             .options(selectinload(Organisation.members)).order_by(Organisation.created_at, Organisation.id))
    if viewer.role != Role.ADMIN:
        if viewer.municipality_code is None:
            return []
        query = query.where(_in_municipality(viewer.municipality_code))
    return list(db.session.scalars(query))


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
    """Record the approval; False if someone already approved it (the first approval is kept)."""
    approved = db.session.execute(
        update(Organisation).where(Organisation.id == organisation.id, Organisation.vetted_at.is_(None))
        .values(vetted_at=utcnow(), vetted_by_id=by.id)).rowcount
    db.session.commit()
    return approved == 1
