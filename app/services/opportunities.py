"""Opportunities that employers and schools post, and their life: draft → published → closed → reopened."""
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Opportunity, OpportunityStatus, Organisation, utcnow
from app.models.opportunity import ClosedReason

OPPORTUNITY_FIELDS = (
    "kind", "title", "description", "occupation_id", "leads_to", "skills_required", "min_swedish",
    "driving_licences", "municipality_code", "seats", "start_date", "deadline",
    "programme_kind", "intake_dates", "eligibility", "study_finance",
)
# Fields a new place takes over from an earlier one ("start from an earlier place"); dates are left for the new one.
COPIED_FIELDS = tuple(name for name in OPPORTUNITY_FIELDS if name not in ("start_date", "deadline", "intake_dates"))
S = OpportunityStatus


class CannotReopen(Exception):
    """Reopening needs a deadline that has not passed and a seat left; .reason says which is missing."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def opportunities_of(organisation: Organisation) -> list[Opportunity]:
    return list(db.session.scalars(
        select(Opportunity).where(Opportunity.organisation_id == organisation.id).order_by(Opportunity.id.desc())))


def place_of_form(organisation: Organisation, form_key: str | None) -> Opportunity | None:
    """The place this organisation first saved from the "new place" form with this key, if any."""
    if not form_key:
        return None
    return db.session.scalar(select(Opportunity).where(Opportunity.organisation_id == organisation.id,
                                                        Opportunity.form_key == form_key))


def save_opportunity(opportunity: Opportunity | None, values: dict, *, organisation: Organisation,
                     publish: bool = True, form_key: str | None = None,
                     copied_from: Opportunity | None = None) -> tuple[Opportunity, bool]:
    """Create or update from validated values; commits. Returns (place, created).

    A new place is saved with the key of the form it came from: the same form sent again (Back then
    Publish, a double click, a resend) finds that place and changes it instead of adding a second one,
    also when both requests arrive at once (the key is unique in the database).
    Seats can never drop below those already taken.
    """
    created = False
    if opportunity is None:
        opportunity = place_of_form(organisation, form_key)
    if opportunity is None:
        opportunity = Opportunity(organisation=organisation, form_key=form_key, status=S.DRAFT,
                                  copied_from_id=copied_from.id if copied_from else None)
        db.session.add(opportunity)
        created = True
    for name in OPPORTUNITY_FIELDS:
        if name in values:
            setattr(opportunity, name, values[name])
    opportunity.seats = max(opportunity.seats or 1, opportunity.seats_taken or 0)
    if publish and opportunity.status == S.DRAFT:
        opportunity.status = S.OPEN
        opportunity.published_at = utcnow()
    try:
        db.session.commit()
    except IntegrityError:  # the same form sent twice at the same moment: the other request saved it
        db.session.rollback()
        existing = place_of_form(organisation, form_key)
        if existing is None:
            raise
        return existing, False
    return opportunity, created


def copy_values(earlier: Opportunity) -> dict:
    """What a new place starts with when made from an earlier one."""
    return {name: getattr(earlier, name) for name in COPIED_FIELDS}


def close(opportunity: Opportunity, reason: str = ClosedReason.BY_ORGANISATION) -> bool:
    """Stop taking people; cases already under way go on. False if it was not open. Commits."""
    result = db.session.execute(
        update(Opportunity).where(Opportunity.id == opportunity.id, Opportunity.status.in_((S.OPEN, S.FILLED)))
        .values(status=S.CLOSED, closed_reason=reason, closed_at=utcnow())
        .execution_options(synchronize_session=False))
    db.session.commit()
    db.session.refresh(opportunity)
    return result.rowcount == 1


def reopen(opportunity: Opportunity, today: date | None = None) -> None:
    """Take people again. Raises CannotReopen("deadline") or ("seats") when that has to change first. Commits."""
    today = today or date.today()
    if opportunity.status != S.CLOSED:
        raise CannotReopen("status")
    if opportunity.deadline is not None and opportunity.deadline < today:
        raise CannotReopen("deadline")
    if opportunity.seats_left <= 0:
        raise CannotReopen("seats")
    opportunity.status = S.OPEN
    opportunity.closed_reason = None
    opportunity.closed_at = None
    db.session.commit()


def close_finished(today: date | None = None) -> dict[str, int]:
    """The daily run: close published places whose last day to apply has passed or whose seats are all taken."""
    today = today or date.today()
    open_now = Opportunity.status.in_((S.OPEN, S.FILLED))
    counts = {}
    for reason, condition in ((ClosedReason.DEADLINE_PASSED, Opportunity.deadline < today),
                              (ClosedReason.SEATS_FILLED, Opportunity.seats_taken >= Opportunity.seats)):
        result = db.session.execute(
            update(Opportunity).where(open_now, condition)
            .values(status=S.CLOSED, closed_reason=reason, closed_at=utcnow())
            .execution_options(synchronize_session=False))
        counts[str(reason)] = result.rowcount
    db.session.commit()
    return counts
