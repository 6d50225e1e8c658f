"""Decisions on suggested matches."""
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.forms import options
from app.labels import REASON_LABELS


class DecisionForm(FlaskForm):
    decision = SelectField(_l("Decision"), choices=options([("approved", _l("Approve")), ("rejected", _l("Reject"))]),
                           validators=[DataRequired()])
    reason = SelectField(_l("Reason for rejecting"), choices=options([("", "")] + list(REASON_LABELS.items())), default="")
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=1000)])
    submit = SubmitField(_l("Save decision"))

    def validate_reason(self, field):
        if self.decision.data == "rejected" and not field.data:
            raise ValidationError(_("Choose a reason for rejecting."))


class RunMatchingForm(FlaskForm):
    submit = SubmitField(_l("Find matches for my municipality"))


class ApproveOrganisationForm(FlaskForm):
    submit = SubmitField(_l("Approve the organisation"))
