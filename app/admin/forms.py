"""Administrators' settings."""
from flask_babel import lazy_gettext as _l
import re

from flask_babel import gettext as _
from wtforms import EmailField, IntegerField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from app.forms import Form, fill_municipality_choices, municipality_field
from app.services.retention import DEFAULT_DELETE_AFTER_DAYS, DEFAULT_HIDE_AFTER_DAYS, MAX_DAYS


class RetentionForm(Form):
    municipality_code = municipality_field(validators=[DataRequired()])
    hide_after_days = IntegerField(_l("Hide a profile after this many days without activity"),
                                   default=DEFAULT_HIDE_AFTER_DAYS,
                                   validators=[DataRequired(), NumberRange(min=30, max=MAX_DAYS)])
    delete_after_days = IntegerField(_l("Delete a hidden profile after this many more days"),
                                     default=DEFAULT_DELETE_AFTER_DAYS,
                                     validators=[DataRequired(), NumberRange(min=1, max=MAX_DAYS)])
    submit = SubmitField(_l("Save retention"))

    def fill_choices(self) -> None:
        fill_municipality_choices(self.municipality_code)


PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")


class MunicipalitySettingsForm(Form):
    """Everything an administrator sets for one municipality (MunicipalitySettings)."""

    contact_name = StringField(_l("Contact shown to jobseekers"),
                               description=_l("A team or a function, e.g. \"Arbetsmarknadsenheten\", not a private person."),
                               validators=[Optional(), Length(max=120)])
    contact_phone = StringField(_l("Contact phone"), description=_l("E.g. +46 21 39 00 00"),
                                validators=[Optional(), Length(max=32)])
    contact_email = EmailField(_l("Contact e-mail"), validators=[Optional(), Length(max=254), Email()])
    contact_hours = StringField(_l("When the contact answers"), description=_l("E.g. Mon–Fri 9–12"),
                                validators=[Optional(), Length(max=200)])
    reply_working_days = IntegerField(_l("Employers answer a person who said yes within this many working days"),
                                      default=10, validators=[DataRequired(), NumberRange(min=1, max=60)])
    close_after_days = IntegerField(_l("A case without an answer closes after this many days"), default=90,
                                    validators=[DataRequired(), NumberRange(min=7, max=365)])
    hide_after_days = IntegerField(_l("Hide a profile after this many days without activity"),
                                   default=DEFAULT_HIDE_AFTER_DAYS,
                                   validators=[DataRequired(), NumberRange(min=30, max=MAX_DAYS)])
    delete_after_days = IntegerField(_l("Delete a hidden profile after this many more days"),
                                     default=DEFAULT_DELETE_AFTER_DAYS,
                                     validators=[DataRequired(), NumberRange(min=1, max=MAX_DAYS)])
    submit = SubmitField(_l("Save the settings"))

    def validate_contact_phone(self, field):
        if field.data and not PHONE.match(field.data.strip()):
            raise ValidationError(_("Write the phone number with digits, e.g. +46 21 39 00 00."))

    def validate_close_after_days(self, field):
        if self.reply_working_days.data and field.data and field.data < self.reply_working_days.data:
            raise ValidationError(_("A case cannot close before the employer's time to answer is over."))
