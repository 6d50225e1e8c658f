"""The caseworker's forms: decisions on suggestions, caseload, notes, follow-ups."""
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.forms import Form, options
from app.jobseeker.forms import ProfileForm
from app.presentation.labels import REASON_LABELS
from app.models.profile import NOTE_MAX_LENGTH
from app.guards.once import SubmitOnce


class DecisionForm(Form):
    decision = SelectField(_l("Decision"), choices=options([("approved", _l("Approve")), ("rejected", _l("Reject"))]),
                           validators=[DataRequired()])
    reason = SelectField(_l("Reason for rejecting"), choices=options([("", "")] + list(REASON_LABELS.items())), default="")
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])
    # Shown for people under 18 only; the case service refuses to approve a minor without it.
    minor_checked = BooleanField(_l("I have checked this suggestion for a person under 18"))
    submit = SubmitField(_l("Save decision"))

    def validate_reason(self, field):
        if self.decision.data == "rejected" and not field.data:
            raise ValidationError(_("Choose a reason for rejecting."))


class RunMatchingForm(Form):
    submit = SubmitField(_l("Find matches for my municipality"))


class ApproveOrganisationForm(Form):
    submit = SubmitField(_l("Approve the organisation"))


def reason_field(field_id: str) -> StringField:
    """Why a person with protected identity is handed over or unmarked; kept in the audit trail (red team 1)."""
    return StringField(_l("Reason"), id=field_id, validators=[Optional(), Length(max=300)],
                       description=_l("Needed for a person with protected identity. It is kept in the audit trail."))


class OrganisationReasonForm(Form):
    """Reject a registration or suspend an approval: the organisation is told the reason."""

    reason = TextAreaField(_l("Reason (the organisation is told)"), validators=[DataRequired(), Length(max=500)])


class RejectOrganisationForm(OrganisationReasonForm):
    submit = SubmitField(_l("Reject the organisation"))


class SuspendOrganisationForm(OrganisationReasonForm):
    submit = SubmitField(_l("Suspend the organisation"))


class LiftSuspensionForm(Form):
    submit = SubmitField(_l("Lift the suspension"))


class ProtectedIdentityForm(Form):
    protected = BooleanField(_l("The person has protected identity (skyddade personuppgifter)"),
                             description=_l("Phone, e-mail and address are then shown only to the assigned "
                                            "caseworker. Employers never see them; you arrange the contact."))
    reason = reason_field("protected-reason")
    submit = SubmitField(_l("Save"))


class PeopleSearchForm(Form):
    """A GET search: it changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    q = StringField(_l("Search by name"), validators=[Optional(), Length(max=120)])
    submit = SubmitField(_l("Search"))


class PersonProfileForm(SubmitOnce, ProfileForm):
    """The jobseeker's profile form, filled in by a caseworker for a person without an account."""

    full_name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    about = TextAreaField(_l("In the person's own words"),
                          description=_l("Write what the person says, in the language they use."),
                          validators=[Optional(), Length(max=2000)])

    def limit_municipality(self, municipality_code: str | None) -> None:
        """A caseworker keeps people of their own municipality only (an administrator: any)."""
        if municipality_code:
            self.municipality_code.choices = [c for c in self.municipality_code.choices
                                              if c.value == municipality_code]


class AssignForm(Form):
    caseworker = SelectField(_l("Caseworker"), choices=[], coerce=int, validators=[DataRequired()])
    reason = reason_field("assign-reason")
    submit = SubmitField(_l("Assign"))


class TakeOnForm(Form):
    reason = reason_field("take-on-reason")
    submit = SubmitField(_l("Take on this person"))


class NoteForm(SubmitOnce, Form):
    text = TextAreaField(_l("New note"), description=_l("At most %(n)s characters. Write facts: the person has the "
                                                       "right to read what is written about them.", n=NOTE_MAX_LENGTH),
                         validators=[DataRequired(), Length(max=NOTE_MAX_LENGTH)])
    submit = SubmitField(_l("Save the note"))


class EraseForm(Form):
    """Erasing a person without an account: final, so the caseworker ticks a box first (red team 8)."""

    confirm = BooleanField(_l("Everything about the person will be deleted: profile, suggestions, answers and notes. "
                              "This cannot be undone."),
                           validators=[DataRequired(message=_l("Tick the box if you want to delete everything."))])
    submit = SubmitField(_l("Delete everything about the person"))


class PersonDataForm(Form):
    """A GET: which language the copy of the person's data is written in."""

    class Meta:
        csrf = False

    lang = SelectField(_l("Language"), choices=[])
    submit = SubmitField(_l("Copy of the person's data"))


class BulkDecisionForm(Form):
    """One decision for every ticked suggestion (the match_id checkboxes on the cards belong to this form)."""

    action = SelectField(_l("Decision"), choices=options([("approved", _l("Approve selected")),
                                                          ("rejected", _l("Reject selected"))]),
                         validators=[DataRequired()])
    reason = SelectField(_l("Reason for rejecting"), choices=options([("", "")] + list(REASON_LABELS.items())), default="")
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])
    submit = SubmitField(_l("Apply to selected"))

    def validate_reason(self, field):
        if self.action.data == "rejected" and not field.data:
            raise ValidationError(_("Choose a reason for rejecting."))


class SkipForm(Form):
    submit = SubmitField(_l("Skip for now"))


class FollowUpForm(Form):
    still_working = RadioField(_l("Does the person still work or study there?"),
                               choices=options([("yes", _l("Yes")), ("no", _l("No"))]), validators=[DataRequired()])
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])
    submit = SubmitField(_l("Save the follow-up"))


class ExportForm(Form):
    """An export is a POST with the CSRF token: a link from another site cannot run one (or write its audit events)."""

    q = HiddenField(validators=[Optional(), Length(max=120)])


class QueueFilterForm(Form):
    """The queue's filters: a GET (it changes nothing), so no CSRF token; unknown values are ignored."""

    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), choices=[], default="", validate_choice=True)
    field = SelectField(_l("Occupation field"), choices=[], default="", validate_choice=True)
    municipality = SelectField(_l("Place in"), choices=[], default="", validate_choice=True)
    minors = SelectField(_l("Under 18"), choices=options([("", _l("All")), ("only", _l("Only under 18")),
                                                          ("none", _l("No one under 18"))]), default="")
    waited = SelectField(_l("Waiting"), choices=options([("", _l("Any time")), ("7", _l("A week or more")),
                                                         ("14", _l("Two weeks or more")),
                                                         ("30", _l("A month or more"))]), default="")
    asked = SelectField(_l("Who found it"), choices=options([("", _l("All")), ("person", _l("The person asked for it")),
                                                             ("matcher", _l("Suggested by Jobbrygga"))]), default="")
    submit = SubmitField(_l("Filter"))

    def fill_choices(self, kinds, fields, municipalities) -> None:
        everything = [("", _("All"))]
        self.kind.choices = options(everything + list(kinds))
        self.field.choices = options(everything + list(fields))
        self.municipality.choices = options(everything + list(municipalities))

    def filters(self):
        """The valid filters (an invalid value counts as "all")."""
        from app.services.queue import Filters

        self.validate()
        def ok(field):
            return field.data if field.data and not field.errors else None
        waited = ok(self.waited)
        return Filters(kind=ok(self.kind), field=ok(self.field), municipality=ok(self.municipality),
                       minors=ok(self.minors), waited_days=int(waited) if waited else None, asked=ok(self.asked))


class ReadingCorrectionForm(Form):
    """Remove a concept read wrongly from the person's words, or take a removal back."""

    concept_id = HiddenField(validators=[DataRequired(), Length(max=128)])
    action = HiddenField(validators=[DataRequired()])


class AddConceptForm(Form):
    """Add an occupation or skill the reading missed, by its name (the same look-up as the profile form)."""

    kind = SelectField(_l("Kind"), choices=options([("occupation", _l("Occupation")), ("skill", _l("Skill"))]),
                       default="occupation")
    term = StringField(_l("Add what the reading missed"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Add"))
