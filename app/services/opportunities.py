"""Opportunities that employers and schools post."""
from sqlalchemy import select

from app.extensions import db
from app.models import Opportunity, OpportunityStatus, Organisation

OPPORTUNITY_FIELDS = (
    "kind", "title", "description", "occupation_id", "leads_to", "skills_required", "min_swedish",
    "driving_licences", "municipality_code", "seats", "start_date", "deadline",
)


def opportunities_of(organisation: Organisation) -> list[Opportunity]:
    return list(db.session.scalars(
        select(Opportunity).where(Opportunity.organisation_id == organisation.id).order_by(Opportunity.id.desc())))


def save_opportunity(opportunity: Opportunity | None, values: dict, *, organisation: Organisation) -> Opportunity:
    """Create or update from validated values; seats can never drop below those already taken."""
    if opportunity is None:
        opportunity = Opportunity(organisation=organisation)
        db.session.add(opportunity)
    for name in OPPORTUNITY_FIELDS:
        if name in values:
            setattr(opportunity, name, values[name])
    opportunity.seats = max(opportunity.seats, opportunity.seats_taken or 0)
    db.session.commit()
    return opportunity


def close_opportunity(opportunity: Opportunity) -> Opportunity:
    """No longer shown or matched; cases already under way go on; commits."""
    opportunity.status = OpportunityStatus.CLOSED
    db.session.commit()
    return opportunity
