"""The one short form of a competence need, used by the organisation itself and by a caseworker after a visit.

The form only reads what was typed; the rules (a known occupation, 1–10,000 people, 6/12/24 months, a real
municipality …) are app/services/needs_ahead.clean(), whose messages are put on the fields here.
"""
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from app.forms import (CEFR_CHOICES, DRIVING_LICENCES, ConceptTermsField, Form, fill_municipality_choices,
                       municipality_field, options, single_concept_validator)
from app.jobseeker.forms import MultiCheckboxField
from app.guards.once import SubmitOnce
from app.services import needs_ahead
from app.services.concepts import label_for

HORIZON_LABELS = {6: _l("Within 6 months"), 12: _l("Within a year"), 24: _l("Within two years")}
WOULD_TAKE_CHOICES = [("trainee_job", _l("Trainees (a trainee job)")), ("apprenticeship", _l("Apprentices")),
                      ("vocational_programme", _l("People from a vocational programme"))]
FORM_NAMES = {"occupation_id": "occupation"}  # the service's field names where the form's differ


class CompetenceNeedForm(SubmitOnce, Form):
    """A new need carries a one-time token (app/once.py): sent twice, it is saved once."""

    occupation = StringField(_l("Which occupation?"), description=_l("Start typing and choose, for example: Lagerarbetare"),
                             render_kw={"data-autocomplete": "occupation"},
                             validators=[Optional(), Length(max=200), single_concept_validator("occupation")])
    headcount = IntegerField(_l("How many people do you expect to hire?"),
                             description=_l("A rough number is fine."), validators=[Optional()],
                             render_kw={"min": 1, "max": needs_ahead.MAX_HEADCOUNT, "inputmode": "numeric"})
    horizon_months = RadioField(_l("When?"), choices=options([(str(m), label) for m, label in HORIZON_LABELS.items()]),
                                default="12", validate_choice=False)
    municipality_code = municipality_field(_l("Where?"), description=_l("The municipality where they will work."),
                                           validate_choice=False)
    min_swedish = SelectField(_l("Lowest Swedish level you would accept"),
                              description=_l("A1 is a beginner, C1 very good. A low level lets more people apply."),
                              choices=options([("", _l("No requirement"))] + CEFR_CHOICES), default="",
                              validate_choice=False)
    driving_licences = MultiCheckboxField(_l("Driving licence needed"),
                                          description=_l("Leave empty if no licence is needed."),
                                          choices=options([(code, code) for code in DRIVING_LICENCES]),
                                          validate_choice=False)
    certificates = ConceptTermsField(_l("Other licences or certificates (one per line)"), concept_type="skill",
                                     max_terms=needs_ahead.MAX_CERTIFICATES,
                                     description=_l("For example: ADR-intyg. Leave empty if none is needed."))
    would_take = MultiCheckboxField(_l("Would you take people who are still learning?"),
                                    description=_l("Choose all that fit."), choices=options(WOULD_TAKE_CHOICES),
                                    validate_choice=False)
    note = TextAreaField(_l("Anything else we should know? (optional)"),
                         validators=[Optional(), Length(max=needs_ahead.MAX_NOTE)])
    submit = SubmitField(_l("Save the need"))
    page_order = ("occupation", "headcount", "horizon_months", "municipality_code", "min_swedish", "driving_licences",
                  "certificates", "would_take", "note")

    def fill(self, need=None, organisation=None, on_behalf: bool = False) -> None:
        """Choices in the reader's language, and on a fresh page the saved need's answers (or the organisation's
        municipality for a new one). on_behalf: a caseworker fills it in, so the questions speak of "they"."""
        fill_municipality_choices(self.municipality_code)
        if on_behalf:
            self.headcount.label.text = _("How many people do they expect to hire?")
            self.min_swedish.label.text = _("Lowest Swedish level they would accept")
            self.would_take.label.text = _("Would they take people who are still learning?")
        if self.is_submitted():
            return
        if need is not None:
            self.occupation.data = label_for(need.occupation_id)
            self.horizon_months.data = str(need.horizon_months)
            self.min_swedish.data = need.min_swedish or ""
            self.certificates.process_data(need.certificates)
        elif organisation is not None:
            self.municipality_code.data = organisation.municipality_code or ""

    def values(self) -> dict:
        return {
            "occupation_id": getattr(self.occupation, "concept_id", None),
            "headcount": self.headcount.data,
            "horizon_months": self.horizon_months.data,
            "municipality_code": self.municipality_code.data or None,
            "min_swedish": self.min_swedish.data or None,
            "driving_licences": list(self.driving_licences.data or []),
            "certificates": list(self.certificates.concept_ids),
            "would_take": list(self.would_take.data or []),
            "note": self.note.data or "",
        }

    def validate(self, extra_validators=None) -> bool:
        """The form's own checks, then the rules of a need (needs_ahead.clean), each message on its field."""
        ok = super().validate(extra_validators)
        if "csrf_token" in self.errors:  # an expired page: say only that
            return False
        try:
            needs_ahead.clean(self.values())
        except needs_ahead.NeedInvalid as refused:
            for name, messages in refused.errors.items():
                field = getattr(self, FORM_NAMES.get(name, name))
                if not field.errors:  # one message per field: the form's own (e.g. not a number) comes first
                    field.errors = [*messages]
            return False
        return ok
