"""What /api/v1 reads and writes (marshmallow): the OpenAPI document is generated from these."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.forms import DRIVING_LICENCES
from app.presentation.labels import LEVEL_LABELS
from app.models import OpportunityKind, OpportunityStatus

KINDS = [kind.value for kind in OpportunityKind]
SWEDISH_LEVELS = [code for code in LEVEL_LABELS if code != "native"]


def _no_nul(value: str) -> None:
    if "\x00" in value:  # never valid text, and PostgreSQL cannot store it
        raise ValidationError("must not contain NUL")


class Text(fields.String):
    """A string without NUL characters."""

    def __init__(self, *args, **kwargs):
        validators = kwargs.pop("validate", None)
        validators = [validators] if callable(validators) else list(validators or [])
        super().__init__(*args, validate=[*validators, _no_nul], **kwargs)


CONCEPT_ID = Text(validate=validate.Length(min=1, max=128))


class StrictSchema(Schema):
    class Meta:
        ordered = True


class Problem(StrictSchema):
    """RFC 9457 problem details, in the requester's language (Accept-Language)."""

    type = fields.String(required=True, metadata={"description": "Always about:blank: the status says what happened."})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(metadata={"description": "What to do about it."})
    errors = fields.Dict(keys=fields.String(), metadata={"description": "Per field: what is wrong with it."})


class Concept(StrictSchema):
    id = fields.String(required=True)
    label = fields.String(required=True, metadata={"description": "In the requester's language where there is one."})


class Occupation(Concept):
    ssyk = fields.String(required=True, allow_none=True, metadata={"description": "SSYK 2012 unit group (4 digits)."})


class Municipality(StrictSchema):
    code = fields.String(required=True, metadata={"description": "SCB municipality code (4 digits)."})
    name = fields.String(required=True)


class Employer(StrictSchema):
    name = fields.String(required=True)


class Place(StrictSchema):
    """A place as anyone may see it: never anything about a person."""

    id = fields.Integer(required=True)
    headline = fields.String(required=True)
    description = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    occupation = fields.Nested(Occupation, required=True, allow_none=True)
    leads_to = fields.List(fields.Nested(Concept), required=True,
                           metadata={"description": "Programmes: the occupations they lead to."})
    skills_required = fields.List(fields.Nested(Concept), required=True)
    municipality = fields.Nested(Municipality, required=True, allow_none=True)
    employer = fields.Nested(Employer, required=True)
    seats = fields.Integer(required=True)
    seats_left = fields.Integer(required=True)
    start_date = fields.Date(required=True, allow_none=True)
    application_deadline = fields.Date(required=True, allow_none=True)
    swedish_level = fields.String(required=True, allow_none=True, validate=validate.OneOf(SWEDISH_LEVELS),
                                  metadata={"description": "Lowest CEFR level of Swedish accepted."})
    driving_licences = fields.List(fields.String(), required=True)


class OwnPlace(Place):
    status = fields.String(required=True, validate=validate.OneOf([s.value for s in OpportunityStatus]))


class PlacePage(StrictSchema):
    total = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    places = fields.List(fields.Nested(Place), required=True)


class OwnPlaces(StrictSchema):
    places = fields.List(fields.Nested(OwnPlace), required=True)


class PlaceQuery(StrictSchema):
    municipality = Text(validate=validate.Regexp(r"^[0-9]{4}$"),
                                 metadata={"description": "SCB municipality code, e.g. 1980."})
    occupation = Text(validate=validate.Length(min=1, max=128), metadata={"description": "Occupation id."})
    kind = Text(validate=validate.OneOf(KINDS))
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=100000))


class ConceptQuery(StrictSchema):
    q = Text(load_default="", validate=validate.Length(max=100), metadata={"description": "What was typed."})
    type = Text(load_default="occupation", validate=validate.OneOf(["occupation", "skill"]))
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=20))


class ConceptHit(Concept):
    matched = fields.String(required=True, allow_none=True,
                            metadata={"description": "The other label that matched, when it was not the label."})


class ConceptHits(StrictSchema):
    concepts = fields.List(fields.Nested(ConceptHit), required=True)


class PlaceIn(StrictSchema):
    """A place to create (all required fields) or update (any of them)."""

    headline = Text(required=True, validate=validate.Length(min=1, max=200))
    description = Text(required=True, validate=validate.Length(min=1, max=20000))
    kind = Text(required=True, validate=validate.OneOf(KINDS))
    occupation = Text(allow_none=True, validate=validate.Length(min=1, max=128),
                               metadata={"description": "Occupation id (see /taxonomy/concepts)."})
    leads_to = fields.List(CONCEPT_ID, validate=validate.Length(max=30))
    skills_required = fields.List(CONCEPT_ID, validate=validate.Length(max=30))
    municipality = Text(required=True, validate=validate.Regexp(r"^[0-9]{4}$"))
    seats = fields.Integer(required=True, validate=validate.Range(min=1, max=500))
    start_date = fields.Date(allow_none=True)
    application_deadline = fields.Date(allow_none=True)
    swedish_level = Text(allow_none=True, validate=validate.OneOf(SWEDISH_LEVELS))
    driving_licences = fields.List(Text(validate=validate.OneOf(DRIVING_LICENCES)),
                                   validate=validate.Length(max=len(DRIVING_LICENCES)))

    @validates_schema
    def _deadline_before_start(self, data, **kwargs):
        start, deadline = data.get("start_date"), data.get("application_deadline")
        if start and deadline and deadline > start:
            raise ValidationError("must be on or before start_date", "application_deadline")


class Cell(StrictSchema):
    label = fields.String(required=True)
    values = fields.List(fields.Float(allow_none=True), required=True,
                         metadata={"description": "One per column; null: fewer than 5, not shown."})


class Table(StrictSchema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    group = fields.String(required=True)
    columns = fields.List(fields.String(), required=True)
    rows = fields.List(fields.Nested(Cell), required=True)


class Statistics(StrictSchema):
    municipality = fields.Nested(Municipality, required=True)
    tables = fields.List(fields.Nested(Table), required=True)


class PlaceChange(PlaceIn):
    """Any of a place's fields to change (used with partial=True: none is required)."""
