"""Administrators' settings."""
from flask_babel import lazy_gettext as _l
import re

from flask_babel import gettext as _
from wtforms import EmailField, IntegerField, StringField, SubmitField, TextAreaField, TimeField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from app.forms import Form, fill_municipality_choices, municipality_field
from app.services.recruitment_defaults import DEFAULT_CAPACITY, DEFAULT_SLOT_MINUTES, MAX_SLOTS
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
    recruitment_venue = StringField(_l("Place"), description=_l("For example: Kulturhuset, room 2."),
                                    validators=[Optional(), Length(max=200)])
    recruitment_address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    recruitment_accessibility = TextAreaField(
        _l("Accessibility"), description=_l("Step-free entrance, lift, hearing loop, quiet room, bus stop nearby …"),
        validators=[Optional(), Length(max=2000)])
    recruitment_capacity = IntegerField(_l("How many people can come"), default=DEFAULT_CAPACITY,
                                        validators=[NumberRange(min=1, max=1000)])
    recruitment_starts = TimeField(_l("The day starts at"), description=_l("E.g. 09:00. Leave empty to write the times "
                                                                          "for each day."),
                                   validators=[Optional()])
    recruitment_ends = TimeField(_l("The day ends at"), description=_l("E.g. 15:00"), validators=[Optional()])
    recruitment_slot_minutes = IntegerField(_l("Minutes per time"), default=DEFAULT_SLOT_MINUTES,
                                            description=_l("The day is cut into times of this length."),
                                            validators=[NumberRange(min=5, max=480)])
    submit = SubmitField(_l("Save the settings"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        starts, ends = self.recruitment_starts, self.recruitment_ends
        if starts.errors or ends.errors:
            return valid
        if (starts.data is None) != (ends.data is None):  # an empty field stops its own validators (Optional)
            (ends if ends.data is None else starts).errors.append(
                _("Write both when the day starts and when it ends, or neither."))
            return False
        return valid

    def validate_recruitment_ends(self, field):
        if self.recruitment_starts.data and field.data and field.data <= self.recruitment_starts.data:
            raise ValidationError(_("The day must end after it starts."))

    def validate_recruitment_slot_minutes(self, field):
        starts, ends = self.recruitment_starts.data, self.recruitment_ends.data
        if starts and ends and field.data and ends > starts:
            span = (ends.hour * 60 + ends.minute) - (starts.hour * 60 + starts.minute)
            if -(-span // field.data) > MAX_SLOTS:
                raise ValidationError(_("That makes more than %(n)s times in a day: choose longer times.", n=MAX_SLOTS))

    def validate_contact_phone(self, field):
        if field.data and not PHONE.match(field.data.strip()):
            raise ValidationError(_("Write the phone number with digits, e.g. +46 21 39 00 00."))

    def validate_close_after_days(self, field):
        if self.reply_working_days.data and field.data and field.data < self.reply_working_days.data:
            raise ValidationError(_("A case cannot close before the employer's time to answer is over."))
