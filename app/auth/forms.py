"""Forms for creating accounts and logging in."""
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.forms import options, municipality_field
from app.i18n import SUPPORTED_LOCALES
from app.services.accounts import email_taken, org_number_taken
from app.services.orgnr import normalise_org_number

PASSWORD_MIN, PASSWORD_MAX = 12, 128


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)])
    submit = SubmitField(_l("Log in"))


class AccountFields(FlaskForm):
    full_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)])
    password = PasswordField(
        _l("Password"), description=_l("At least 12 characters. A short sentence is easy to remember."),
        validators=[DataRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX)])
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[DataRequired(), EqualTo("password", message=_l("The passwords are not the same."))])
    locale = SelectField(_l("Language"), choices=options(list(SUPPORTED_LOCALES.items())))

    def validate_email(self, field):
        if email_taken(field.data):
            raise ValidationError(_("There is already an account with this e-mail. Log in instead."))


class RegisterJobseekerForm(AccountFields):
    submit = SubmitField(_l("Create account"))


class RegisterOrganisationForm(AccountFields):
    kind = SelectField(_l("Type of organisation"), choices=options([
        ("employer", _l("Employer")), ("education_provider", _l("School or education provider"))]))
    organisation_name = StringField(_l("Name of the organisation"), validators=[DataRequired(), Length(max=200)])
    org_number = StringField(_l("Organisation number"), description=_l("10 digits, for example 556677-8899."),
                             validators=[DataRequired(), Length(max=20)])
    municipality = municipality_field(validators=[DataRequired()])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=32)])
    submit = SubmitField(_l("Register organisation"))

    def validate_org_number(self, field):
        normalised = normalise_org_number(field.data)
        if normalised is None:
            raise ValidationError(_("This is not a valid Swedish organisation number. Check the digits."))
        if org_number_taken(normalised):
            raise ValidationError(_("This organisation is already registered. Ask a colleague to invite you."))
        field.normalised = normalised
