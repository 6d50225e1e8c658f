"""Decisions on suggested matches."""
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.forms import options
from app.labels import REASON_LABELS


class DecisionForm(FlaskForm):
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


class RunMatchingForm(FlaskForm):
    submit = SubmitField(_l("Find matches for my municipality"))


class ApproveOrganisationForm(FlaskForm):
    submit = SubmitField(_l("Approve the organisation"))


class ProtectedIdentityForm(FlaskForm):
    protected = BooleanField(_l("The person has protected identity (skyddade personuppgifter)"),
                             description=_l("Phone, e-mail and address are then shown only to the assigned "
                                            "caseworker. Employers never see them; you arrange the contact."))
    submit = SubmitField(_l("Save"))


class PeopleSearchForm(FlaskForm):
    """A GET search: it changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    q = StringField(_l("Search by name"), validators=[Optional(), Length(max=120)])
    submit = SubmitField(_l("Search"))
