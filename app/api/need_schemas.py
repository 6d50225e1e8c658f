"""What /api/v1/organisation/needs reads and writes (marshmallow): competence needs, for the OpenAPI document.

The schemas describe the shapes; the rules themselves (a known occupation, a real municipality …) are
app/services/needs_ahead.clean(), whose refusals come back as 422 problem details naming the field.
"""
from marshmallow import fields, validate

from app.api.schemas import CONCEPT_ID, KINDS, SWEDISH_LEVELS, Concept, Municipality, Occupation, StrictSchema, Text
from app.forms import DRIVING_LICENCES
from app.models.need import HORIZONS, NeedStatus
from app.services.needs_ahead import MAX_CERTIFICATES, MAX_HEADCOUNT, MAX_NOTE


class NeedIn(StrictSchema):
    """A need to record (the required fields) or change (any of them)."""

    occupation = Text(required=True, validate=validate.Length(min=1, max=128),
                      metadata={"description": "Occupation id (see /taxonomy/concepts)."})
    headcount = fields.Integer(required=True, validate=validate.Range(min=1, max=MAX_HEADCOUNT),
                               metadata={"description": "How many people they expect to hire."})
    horizon_months = fields.Integer(required=True, validate=validate.OneOf(HORIZONS),
                                    metadata={"description": "Within how many months: 6, 12 or 24."})
    municipality = Text(required=True, validate=validate.Regexp(r"^[0-9]{4}$"),
                        metadata={"description": "SCB municipality code where they will work, e.g. 1980."})
    swedish_level = Text(allow_none=True, validate=validate.OneOf(SWEDISH_LEVELS),
                         metadata={"description": "Lowest CEFR level of Swedish they would accept; null: none."})
    driving_licences = fields.List(Text(validate=validate.OneOf(DRIVING_LICENCES)),
                                   validate=validate.Length(max=len(DRIVING_LICENCES)))
    certificates = fields.List(CONCEPT_ID, validate=validate.Length(max=MAX_CERTIFICATES),
                               metadata={"description": "Other licences or certificates needed (skill ids)."})
    would_take = fields.List(Text(validate=validate.OneOf(KINDS)), validate=validate.Length(max=len(KINDS)),
                             metadata={"description": "Roads in they would take: trainee_job, apprenticeship, "
                                                      "vocational_programme …"})
    note = Text(validate=validate.Length(max=MAX_NOTE))


class NeedChange(NeedIn):
    """Any of a need's fields to change (used with partial=True: none is required)."""


class Need(StrictSchema):
    id = fields.Integer(required=True)
    occupation = fields.Nested(Occupation, required=True)
    headcount = fields.Integer(required=True)
    horizon_months = fields.Integer(required=True, validate=validate.OneOf(HORIZONS))
    municipality = fields.Nested(Municipality, required=True)
    swedish_level = fields.String(required=True, allow_none=True, validate=validate.OneOf(SWEDISH_LEVELS))
    driving_licences = fields.List(fields.String(), required=True)
    certificates = fields.List(fields.Nested(Concept), required=True)
    would_take = fields.List(fields.String(validate=validate.OneOf(KINDS)), required=True)
    note = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf([s.value for s in NeedStatus]))
    stated_on = fields.Date(required=True, metadata={"description": "The day it was stated (or stated again)."})
    withdrawn_at = fields.DateTime(required=True, allow_none=True)
    recorded_by_municipality = fields.Boolean(required=True,
                                              metadata={"description": "A caseworker recorded it on the "
                                                                      "organisation's behalf."})


class Needs(StrictSchema):
    needs = fields.List(fields.Nested(Need), required=True)
