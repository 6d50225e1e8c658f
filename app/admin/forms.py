"""Administrators' settings."""
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SubmitField
from wtforms.validators import DataRequired, NumberRange

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
