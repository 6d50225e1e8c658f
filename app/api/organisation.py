"""An organisation's recruiting system: its own places, with the organisation's key (Authorization: Bearer)."""
from flask_babel import gettext as _
from flask_smorest import Blueprint, abort
from sqlalchemy import select

from app.api import schemas
from app.api.auth import current_key, require_key
from app.api.problems import abort_problem
from app.extensions import db
from app.presentation.i18n import current_locale
from app.models import EMPLOYER_KINDS, ApiKeyKind, Concept, Opportunity, OpportunityKind, OrganisationKind
from app.services import public_places
from app.services import opportunities as opportunities_service
from app.services.opportunities import opportunities_of, save_opportunity

blp = Blueprint("api_organisation", __name__, description="An organisation's own places (organisation key)")
SECURITY = [{"organisationKey": []}]
ORG = ApiKeyKind.ORGANISATION
# The API's names for the fields the pages call otherwise.
FIELD_NAMES = {"headline": "title", "occupation": "occupation_id", "municipality": "municipality_code",
               "application_deadline": "deadline", "swedish_level": "min_swedish"}


def _own_place_or_404(place_id: int) -> Opportunity:
    place = db.session.get(Opportunity, place_id)
    if place is None or place.organisation_id != current_key().organisation_id:
        abort_problem(404, detail=_("Your organisation has no place with this number."))
    return place


def _unknown(ids, concept_type: str) -> list[str]:
    ids = [i for i in ids if i]
    known = set(db.session.scalars(select(Concept.id).where(Concept.id.in_(ids), Concept.type == concept_type))) \
        if ids else set()
    return [i for i in ids if i not in known]


def _values(data: dict, place: Opportunity | None) -> dict:
    """The API's fields as save_opportunity's values, checked against the taxonomy and the organisation's kind."""
    organisation = current_key().organisation
    errors = {}
    kinds = ([OpportunityKind.VOCATIONAL_PROGRAMME] if organisation.kind == OrganisationKind.EDUCATION_PROVIDER
             else EMPLOYER_KINDS)
    for field in ("headline", "description"):
        if field in data and not data[field].strip():
            errors[field] = [_("This field is required.")]
    if "kind" in data and data["kind"] not in kinds:
        errors["kind"] = [_("Your organisation cannot post this kind of place.")]
    for field, concept_type in (("occupation", "occupation"), ("municipality", "municipality")):
        if data.get(field) and _unknown([data[field]], concept_type):
            errors[field] = [_("Unknown id.")]
    for field, concept_type in (("leads_to", "occupation"), ("skills_required", "skill")):
        unknown = _unknown(data.get(field) or [], concept_type)
        if unknown:
            errors[field] = [_("Unknown ids: %(ids)s.", ids=", ".join(unknown[:5]))]
    start = data.get("start_date", place.start_date if place else None)
    deadline = data.get("application_deadline", place.deadline if place else None)
    if start and deadline and deadline > start:
        errors["application_deadline"] = [_("The last day to apply must be before the start date.")]
    if errors:
        abort(422, errors=errors)
    values = {FIELD_NAMES.get(name, name): value for name, value in data.items()}
    for name in ("leads_to", "skills_required", "driving_licences"):
        if name in values and values[name] is None:
            values[name] = []
    for name in ("title", "description"):
        if name in values:
            values[name] = values[name].strip()
    return values


def _one(place: Opportunity) -> dict:
    return public_places.describe([place], with_status=True, locale=current_locale())[0]


@blp.route("/organisation/places")
@require_key(ORG, "place.list")
@blp.response(200, schemas.OwnPlaces)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.doc(security=SECURITY)
def list_own():
    """Every place of the key's organisation (open, filled and closed), newest first"""
    places = opportunities_of(current_key().organisation)
    return {"places": public_places.describe(places, with_status=True, locale=current_locale())}


@blp.route("/organisation/places", methods=["POST"])
@require_key(ORG, "place.create")
@blp.arguments(schemas.PlaceIn)
@blp.response(201, schemas.OwnPlace)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.doc(security=SECURITY)
def create(data):
    """Create a place (shown and matched once the organisation is approved)"""
    place, _created = save_opportunity(None, _values(data, None), organisation=current_key().organisation)
    return _one(place)


@blp.route("/organisation/places/<int(max=2147483647):place_id>")
@require_key(ORG, "place.read")
@blp.response(200, schemas.OwnPlace)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.alt_response(404, response="NOT_FOUND")
@blp.doc(security=SECURITY)
def get_own(place_id: int):
    """One place of the key's organisation"""
    return _one(_own_place_or_404(place_id))


@blp.route("/organisation/places/<int(max=2147483647):place_id>", methods=["PATCH"])
@require_key(ORG, "place.update")
@blp.arguments(schemas.PlaceChange(partial=True))
@blp.response(200, schemas.OwnPlace)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.alt_response(404, response="NOT_FOUND")
@blp.doc(security=SECURITY)
def update(data, place_id: int):
    """Change some fields of a place (seats never below those already taken)"""
    place = _own_place_or_404(place_id)
    return _one(save_opportunity(place, _values(data, place), organisation=current_key().organisation)[0])


@blp.route("/organisation/places/<int(max=2147483647):place_id>/close", methods=["POST"])
@require_key(ORG, "place.close")
@blp.response(200, schemas.OwnPlace)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.alt_response(404, response="NOT_FOUND")
@blp.doc(security=SECURITY)
def close(place_id: int):
    """Close a place: no longer shown or matched; cases already under way go on"""
    place = _own_place_or_404(place_id)
    opportunities_service.close(place)
    return _one(place)
