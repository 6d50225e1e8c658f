"""Forms for messages, finding places and "I'm interested" (the person's own reach into the service)."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, SubmitField
from wtforms.validators import Optional

from app.forms import Form, options
from app.presentation.labels import KIND_LABELS
from app.guards.once import SubmitOnce

ALERT_CHOICES = [("off", _l("No, thank you")), ("daily", _l("Once a day")), ("weekly", _l("Once a week"))]
DISTANCE_CHOICES = [("", _l("As far as I can travel")), ("10", _l("10 km")), ("30", _l("30 km")),
                    ("50", _l("50 km")), ("100", _l("100 km"))]
START_CHOICES = [("", _l("Any time")), ("month", _l("Within a month")), ("quarter", _l("Within three months"))]


class MessagesForm(Form):
    email = BooleanField(_l("E-mail"))
    sms = BooleanField(_l("SMS (text message)"),
                       description=_l("An SMS only says that there is news, never what it is about. "
                                      "We do not send SMS between 21:00 and 08:00."))
    alerts = SelectField(_l("Tell me about new places that fit me"), choices=options(ALERT_CHOICES), default="off")
    submit = SubmitField(_l("Save"))


class PlaceFilterForm(Form):
    """The filters of the "find places" page: a GET form, so nothing to protect and no token."""

    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), choices=[], default="", validators=[Optional()])
    km = SelectField(_l("Distance"), choices=options(DISTANCE_CHOICES), default="", validators=[Optional()])
    start = SelectField(_l("Starts"), choices=options(START_CHOICES), default="", validators=[Optional()])
    submit = SubmitField(_l("Show places"))

    def fill_choices(self):
        self.kind.choices = [("", _l("All kinds"))] + list(KIND_LABELS.items())


class InterestForm(SubmitOnce, Form):
    submit = SubmitField(_l("I'm interested"))
