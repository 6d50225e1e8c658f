"""Vetting organisations: no employer or school sees a candidate until a caseworker or administrator approved it."""
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Organisation, User
from app.models.user import utcnow
from app.services.scope import may_see_municipality, restrict


def is_vetted(organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.vetted_at is not None


def may_vet(viewer: User, organisation: Organisation) -> bool:
    """Administrators vet any organisation; a caseworker those in their own municipality."""
    return may_see_municipality(viewer, organisation.municipality_code)


def awaiting_vetting(viewer: User) -> list[Organisation]:
    """Organisations with at least one account that viewer may approve, oldest first."""
    query = (select(Organisation).where(Organisation.vetted_at.is_(None), Organisation.members.any())
             .options(selectinload(Organisation.members)).order_by(Organisation.created_at, Organisation.id))
    query = restrict(query, Organisation.municipality_code, viewer)
    return list(db.session.scalars(query))


def vet(organisation: Organisation, by: User) -> bool:
    """Record the approval; False if someone already approved it (the first approval is kept)."""
    approved = db.session.execute(
        update(Organisation).where(Organisation.id == organisation.id, Organisation.vetted_at.is_(None))
        .values(vetted_at=utcnow(), vetted_by_id=by.id)).rowcount
    db.session.commit()
    return approved == 1
