"""The caseworker's forms: decisions on suggestions, caseload, notes, follow-ups."""
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.forms import Form, options
from app.jobseeker.forms import ProfileForm
from app.labels import REASON_LABELS
from app.models.profile import NOTE_MAX_LENGTH
from app.once import SubmitOnce


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


class ProtectedIdentityForm(Form):
    protected = BooleanField(_l("The person has protected identity (skyddade personuppgifter)"),
                             description=_l("Phone, e-mail and address are then shown only to the assigned "
                                            "caseworker. Employers never see them; you arrange the contact."))
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
    submit = SubmitField(_l("Assign"))


class TakeOnForm(Form):
    submit = SubmitField(_l("Take on this person"))


class NoteForm(SubmitOnce, Form):
    text = TextAreaField(_l("New note"), description=_l("At most %(n)s characters. Write facts: the person has the "
                                                       "right to read what is written about them.", n=NOTE_MAX_LENGTH),
                         validators=[DataRequired(), Length(max=NOTE_MAX_LENGTH)])
    submit = SubmitField(_l("Save the note"))


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
