"""Posting a trainee job, apprenticeship or vocational programme."""
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.forms import (Form, options, CEFR_CHOICES, DRIVING_LICENCES, ConceptTermsField, fill_municipality_choices,
                       municipality_field, single_concept_validator)
from app.jobseeker.forms import MultiCheckboxField
from app.labels import KIND_LABELS
from app.models import EMPLOYER_KINDS, OpportunityKind
from app.once import SubmitOnce


class OpportunityForm(SubmitOnce, Form):
    kind = SelectField(_l("Type"), choices=[], description=_l("Trainee job, apprenticeship, internship, introduction job or programme."))
    title = StringField(_l("Title"), description=_l("A short name that says what the work is."), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), description=_l("What will the person do and learn?"),
                                validators=[DataRequired(), Length(max=20000)])
    occupation = StringField(_l("Occupation"), description=_l("For example: Lagerarbetare"),
                             render_kw={"data-autocomplete": "occupation"},
                             validators=[Optional(), Length(max=200), single_concept_validator("occupation")])
    leads_to = ConceptTermsField(_l("Occupations the programme leads to (one per line)"), concept_type="occupation",
                                 description=_l("Only for programmes. People who want these jobs will see the programme."))
    skills_required = ConceptTermsField(_l("Skills needed (one per line)"), concept_type="skill",
                                        description=_l("Only what is really needed from day one."))
    min_swedish = SelectField(_l("Lowest Swedish level accepted"),
                              description=_l("A1 is a beginner, C1 very good. A low level lets more people apply."),
                              choices=options([("", _l("No requirement"))] + CEFR_CHOICES), default="")
    driving_licences = MultiCheckboxField(_l("Driving licence needed"),
                                          description=_l("Leave empty if no licence is needed."),
                                          choices=options([(code, code) for code in DRIVING_LICENCES]))
    municipality_code = municipality_field(_l("Where is it?"), description=_l("The municipality where the work or the programme is."),
                                           validators=[DataRequired()])
    seats = IntegerField(_l("Number of places"), default=1, description=_l("How many people you can take."),
                         validators=[DataRequired(), NumberRange(min=1, max=500)])
    start_date = DateField(_l("Start date"), description=_l("Leave empty if the start is flexible."), validators=[Optional()])
    deadline = DateField(_l("Last day to apply"), description=_l("Must be before the start date."), validators=[Optional()])
    submit = SubmitField(_l("Publish"))

    def fill_choices(self, organisation_kind: str) -> None:
        kinds = ([OpportunityKind.VOCATIONAL_PROGRAMME] if organisation_kind == "education_provider"
                 else EMPLOYER_KINDS)
        self.kind.choices = options([(kind.value, KIND_LABELS[kind]) for kind in kinds])
        fill_municipality_choices(self.municipality_code)

    def validate_deadline(self, field):
        if field.data and self.start_date.data and field.data > self.start_date.data:
            raise ValidationError(_("The last day to apply must be before the start date."))

    def values(self) -> dict:
        return {
            "kind": self.kind.data,
            "title": self.title.data.strip(),
            "description": self.description.data.strip(),
            "occupation_id": getattr(self.occupation, "concept_id", None),
            "leads_to": self.leads_to.concept_ids,
            "skills_required": self.skills_required.concept_ids,
            "min_swedish": self.min_swedish.data or None,
            "driving_licences": self.driving_licences.data or [],
            "municipality_code": self.municipality_code.data,
            "seats": self.seats.data,
            "start_date": self.start_date.data,
            "deadline": self.deadline.data,
        }


class OutcomeForm(Form):
    outcome = SelectField(_l("What happened?"), choices=options([
        ("interview", _l("Interview")), ("placed", _l("Hired")), ("not_placed", _l("Not hired"))]))
    submit = SubmitField(_l("Save outcome"))
