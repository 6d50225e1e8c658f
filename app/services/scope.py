"""Who may see what: the one rule for staff scope.

An administrator sees everything; a caseworker sees their own municipality (people living there, cases of
those people, opportunities and organisations there) and, where people share a pool of opportunities, the
opportunities of that pool. Anyone else sees no one. Every query that limits staff to their part of the
country goes through municipality_codes() or the restrict_* helpers here, so the rule is written once.
"""
from __future__ import annotations

from app.models import Role

# Municipalities (SCB codes) whose people share one pool of opportunities; caseloads stay per municipality.
SHARED_POOLS = {
    "malardalen": ("1980", "0484", "0486", "0381"),  # Västerås, Eskilstuna, Strängnäs, Enköping
}


def pool_of(municipality_code: str) -> tuple[str, ...]:
    """The municipalities whose opportunities people of municipality_code are proposed for."""
    return next((codes for codes in SHARED_POOLS.values() if municipality_code in codes), (municipality_code,))


def municipalities_in(area: str) -> list[str]:
    """A 4-digit municipality code is itself; a 2-digit county code (a region) is its municipalities."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Concept

    if len(area) == 4:
        return [area]
    return list(db.session.scalars(select(Concept.id).where(Concept.type == "municipality",
                                                            Concept.parent_id == area).order_by(Concept.id)))


def sees_everything(viewer) -> bool:
    return getattr(viewer, "role", None) == Role.ADMIN


def municipality_codes(viewer) -> tuple[str, ...] | None:
    """The municipalities viewer works for: None means every one (an administrator); () means none."""
    if sees_everything(viewer):
        return None
    if getattr(viewer, "role", None) == Role.CASEWORKER and getattr(viewer, "municipality_code", None):
        return (viewer.municipality_code,)
    return ()


def may_see_municipality(viewer, municipality_code: str | None) -> bool:
    codes = municipality_codes(viewer)
    return codes is None or (municipality_code is not None and municipality_code in codes)


def restrict(query, column, viewer):
    """query limited to rows whose municipality column is one viewer may see."""
    codes = municipality_codes(viewer)
    return query if codes is None else query.where(column.in_(codes))


class MunicipalityScope:
    """A viewer that is not a person: a municipality's key sees what a caseworker of that municipality sees."""

    role = Role.CASEWORKER

    def __init__(self, municipality_code: str):
        self.municipality_code = municipality_code
