"""Posting a trainee job, apprenticeship or vocational programme; recording what happened with a candidate."""
from datetime import date

from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.forms import (Form, options, CEFR_CHOICES, DRIVING_LICENCES, ConceptTermsField, fill_municipality_choices,
                       municipality_field, single_concept_validator)
from app.jobseeker.forms import MultiCheckboxField
from app.presentation.labels import KIND_LABELS, OUTCOME_CHOICES, PROGRAMME_KIND_LABELS
from app.models import EMPLOYER_KINDS, OpportunityKind
from app.guards.once import SubmitOnce

MAX_INTAKES = 12


class OpportunityForm(SubmitOnce, Form):
    """On a new place the hidden `once` field carries the form's key (app/employer/views.py): the place is saved
    with it, so the same form sent again changes that place instead of adding a second one."""

    kind = SelectField(_l("Type"), choices=[], description=_l("Trainee job, apprenticeship, internship, introduction job or programme."))
    programme_kind = SelectField(_l("Kind of programme"), choices=[], default="",
                                 description=_l("As Swedish adult education names it."))
    title = StringField(_l("Title"), description=_l("A short name that says what the work is."),
                        validators=[DataRequired(message=_l("Write a title.")), Length(max=200)])
    description = TextAreaField(_l("Description"), description=_l("What will the person do and learn?"),
                                validators=[DataRequired(message=_l("Write what the person will do and learn.")),
                                            Length(max=20000)])
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
    eligibility = StringField(_l("Who may apply (behörighet)"),
                              description=_l("For example: completed SFI course D, or basic eligibility for YH."),
                              validators=[Optional(), Length(max=500)])
    driving_licences = MultiCheckboxField(_l("Driving licence needed"),
                                          description=_l("Leave empty if no licence is needed."),
                                          choices=options([(code, code) for code in DRIVING_LICENCES]))
    municipality_code = municipality_field(_l("Where is it?"), description=_l("The municipality where the work or the programme is."),
                                           validators=[DataRequired(message=_l("Choose the municipality."))])
    seats = IntegerField(_l("Number of places"), default=1, description=_l("How many people you can take."),
                         validators=[InputRequired(message=_l("Write how many people you can take.")),
                                     NumberRange(min=1, max=500)])
    start_date = DateField(_l("Start date"), description=_l("Leave empty if the start is flexible."), validators=[Optional()])
    deadline = DateField(_l("Last day to apply"), description=_l("Must be before the start date."), validators=[Optional()])
    intake_dates = TextAreaField(_l("Intake dates (one per line)"),
                                 description=_l("When new students can start, for example 2027-01-18."),
                                 validators=[Optional(), Length(max=1000)])
    study_finance = StringField(_l("Study finance"),
                                description=_l("For example: CSN study grant and loan, or studiestartsstöd."),
                                validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Publish"))
    save_draft = SubmitField(_l("Save as draft"))
    page_order = ("kind", "programme_kind", "title", "description", "leads_to", "occupation", "skills_required",
                  "min_swedish", "eligibility", "driving_licences", "municipality_code", "seats", "start_date",
                  "deadline", "intake_dates", "study_finance")

    def __init__(self, *args, today: date | None = None, saved=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or date.today()
        self.saved = saved  # the place being changed: a date it already has is not refused for having passed
        self.intakes: list[date] = []

    def fill_choices(self, organisation_kind: str) -> None:
        school = organisation_kind == "education_provider"
        kinds = [OpportunityKind.VOCATIONAL_PROGRAMME] if school else EMPLOYER_KINDS
        self.kind.choices = options([(kind.value, KIND_LABELS[kind]) for kind in kinds])
        self.programme_kind.choices = options([("", _("Choose the kind of programme"))]
                                              + [(code, label) for code, label in PROGRAMME_KIND_LABELS.items()])
        if school:
            self.programme_kind.validators = [DataRequired(message=_l("Choose the kind of programme."))]
        else:
            self.programme_kind.validators = [Optional()]
        fill_municipality_choices(self.municipality_code)

    def _not_past(self, field, message: str):
        kept = self.saved is not None and getattr(self.saved, field.name) == field.data
        if field.data and field.data < self.today and not kept:
            raise ValidationError(message)

    def validate_start_date(self, field):
        self._not_past(field, _("The start date has passed. Choose today or a later day, or leave it empty."))

    def validate_deadline(self, field):
        self._not_past(field, _("The last day to apply has passed. Choose today or a later day, or leave it empty."))
        if field.data and self.start_date.data and field.data > self.start_date.data:
            raise ValidationError(_("The last day to apply must be before the start date."))

    def validate_intake_dates(self, field):
        intakes = []
        for line in (field.data or "").splitlines():
            if not line.strip():
                continue
            try:
                day = date.fromisoformat(line.strip())
            except ValueError:
                raise ValidationError(_("Write each date as year-month-day, for example 2027-01-18: %(line)s",
                                        line=line.strip()[:40])) from None
            if day < self.today and day.isoformat() not in (getattr(self.saved, "intake_dates", None) or []):
                raise ValidationError(_("This intake date has passed: %(day)s", day=day.isoformat()))
            intakes.append(day)
        if len(intakes) > MAX_INTAKES:
            raise ValidationError(_("Write at most %(n)s items.", n=MAX_INTAKES))
        self.intakes = sorted(set(intakes))

    def values(self) -> dict:
        school = self.kind.data == OpportunityKind.VOCATIONAL_PROGRAMME
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
            "programme_kind": (self.programme_kind.data or None) if school else None,
            "intake_dates": [day.isoformat() for day in self.intakes] if school else [],
            "eligibility": (self.eligibility.data or "").strip() or None,
            "study_finance": ((self.study_finance.data or "").strip() or None) if school else None,
        }


class OutcomeForm(Form):
    """No answer is chosen beforehand: one careless click must not record an interview or a hire."""

    outcome = RadioField(_l("What happened?"), choices=options(OUTCOME_CHOICES), default=None,
                         validators=[InputRequired(message=_l("Choose what happened."))])
    submit = SubmitField(_l("Save outcome"))
