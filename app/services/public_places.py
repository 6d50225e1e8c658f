"""Places anyone may see: the open places that matching would use, described without anything about a person.

The selection is app/services/matching.open_opportunities (open, seats left, deadline not passed, and only
approved organisations' places), so the public feed, the API and matching never disagree about what is open.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import Concept, Opportunity
from app.services.concepts import labels_for
from app.services.matching import open_opportunities


def open_places(*, municipality: str | None = None, occupation: str | None = None, kind: str | None = None,
                today: date | None = None) -> list[Opportunity]:
    """Open places, newest first, optionally of one municipality, occupation or kind."""
    places = [o for o in open_opportunities(today)
              if (municipality is None or o.municipality_code == municipality)
              and (occupation is None or o.occupation_id == occupation)
              and (kind is None or o.kind == kind)]
    return sorted(places, key=lambda o: o.id, reverse=True)


def open_place(place_id: int, today: date | None = None) -> Opportunity | None:
    return next((o for o in open_opportunities(today) if o.id == place_id), None)


def ssyk_codes(occupation_ids: set[str]) -> dict[str, str | None]:
    if not occupation_ids:
        return {}
    parents = dict(db.session.execute(select(Concept.id, Concept.parent_id).where(Concept.id.in_(occupation_ids))).all())
    codes = dict(db.session.execute(select(Concept.id, Concept.code).where(
        Concept.id.in_({p for p in parents.values() if p}), Concept.type == "ssyk4")).all())
    return {o: codes.get(parents.get(o)) for o in occupation_ids}


def describe(places: list[Opportunity], *, with_status: bool = False, locale: str | None = None) -> list[dict]:
    """Each place as the API shows it (app/api/schemas.py Place): labels in the reader's language."""
    ids = set()
    for o in places:
        ids.update(filter(None, [o.occupation_id, o.municipality_code, *(o.leads_to or ()), *(o.skills_required or ())]))
    labels = labels_for(ids, locale)
    ssyk = ssyk_codes({o.occupation_id for o in places if o.occupation_id})

    def concept(concept_id):
        return {"id": concept_id, "label": labels.get(concept_id, concept_id)}

    described = []
    for o in places:
        row = {
            "id": o.id, "headline": o.title, "description": o.description or "", "kind": o.kind,
            "occupation": {**concept(o.occupation_id), "ssyk": ssyk.get(o.occupation_id)} if o.occupation_id else None,
            "leads_to": [concept(c) for c in o.leads_to or ()],
            "skills_required": [concept(c) for c in o.skills_required or ()],
            "municipality": ({"code": o.municipality_code, "name": labels.get(o.municipality_code, o.municipality_code)}
                             if o.municipality_code else None),
            "employer": {"name": o.organisation.name},
            "seats": o.seats, "seats_left": o.seats_left, "start_date": o.start_date,
            "application_deadline": o.deadline, "swedish_level": o.min_swedish,
            "driving_licences": list(o.driving_licences or ()),
        }
        if with_status:
            row["status"] = o.status
        described.append(row)
    return described
