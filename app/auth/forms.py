"""Forms for creating accounts and logging in."""
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.forms import Form, options, municipality_field
from app.presentation.i18n import SUPPORTED_LOCALES
from app.services.accounts import email_taken, org_number_taken
from app.services.orgnr import normalise_org_number
from app.services.passwords import PASSWORD_MAX, PASSWORD_MIN, PasswordProblem, password_problem


class StrongPassword:
    """The one password rule for every form that sets a password (see services/passwords.py).

    The form tells whose password it is with password_owner() → (e-mail, names), so that a password
    made of the person's own e-mail or name is refused.
    """

    def __call__(self, form, field):
        email, names = form.password_owner()
        problem = password_problem(field.data or "", email=email, other_inputs=tuple(names))
        if problem == PasswordProblem.TOO_SHORT:
            raise ValidationError(_("Use at least %(n)s characters.", n=PASSWORD_MIN))
        if problem == PasswordProblem.TOO_LONG:
            raise ValidationError(_("Use at most %(n)s characters.", n=PASSWORD_MAX))
        if problem == PasswordProblem.CONTAINS_EMAIL:
            raise ValidationError(_("The password must not contain your e-mail address."))
        if problem == PasswordProblem.TOO_COMMON:
            raise ValidationError(_("This password is too easy to guess. Try a short sentence, "
                                    "or a few words that do not belong together."))


def new_password_field():
    return PasswordField(_l("Password"), description=_l("At least 12 characters. A short sentence is easy to "
                                                        "remember."),
                         validators=[DataRequired(message=_l("Choose a password.")), StrongPassword()])


def repeat_password_field():
    return PasswordField(_l("Repeat the password"), description=_l("Type it once more, so we know there is no typo."),
                         validators=[DataRequired(message=_l("Type the password once more.")), EqualTo("password", message=_l("The passwords are not the same."))])


class PhoneNumber:
    """A phone number that can be called; the field's data becomes its E.164 form (+46…), which is what is stored."""

    def __call__(self, form, field):
        from app.services.phone import to_e164

        if not (field.data or "").strip():
            field.data = None
            return
        e164 = to_e164(field.data)
        if e164 is None:
            raise ValidationError(_("This is not a phone number we can call. Write it with the area code, "
                                    "for example 021-10 20 30 or +46 70 123 45 67."))
        field.data = e164


class LoginForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)])
    submit = SubmitField(_l("Log in"))


class AccountFields(Form):
    full_name = StringField(_l("Your name"), description=_l("Your first name and last name."),
                            validators=[DataRequired(message=_l("Write your name.")), Length(max=120)])
    email = EmailField(_l("E-mail"), description=_l("You log in with it. We send a link here if you forget your password."),
                       validators=[DataRequired(message=_l("Write your e-mail address.")), Length(max=254),
                                   Email(check_deliverability=False,
                                         message=_l("This is not an e-mail address. Check that it has an @ and no spaces."))])
    password = new_password_field()
    confirm = repeat_password_field()
    locale = SelectField(_l("Language"), choices=options(list(SUPPORTED_LOCALES.items())),
                         description=_l("The service talks to you in this language. You can change it at any time."))

    def password_owner(self):
        return self.email.data, (self.full_name.data or "").split()

    def validate_email(self, field):
        if email_taken(field.data):
            raise ValidationError(_("There is already an account with this e-mail. Log in instead."))


class RegisterJobseekerForm(Form):
    """The first step: who you are and where the link goes; the password is chosen from the e-mailed link.
    No check whether the address has an account: the answer must be the same (services/registration.py)."""

    locale = AccountFields.locale
    full_name = AccountFields.full_name
    email = EmailField(_l("E-mail"), description=_l("We send a link here. Open it to choose your password."),
                       validators=AccountFields.email.kwargs["validators"])  # the same specific messages
    submit = SubmitField(_l("Create account"))


class CompleteRegistrationForm(Form):
    """The second step, from the link: the password."""

    password = new_password_field()
    confirm = repeat_password_field()
    submit = SubmitField(_l("Create account"))

    def __init__(self, *args, pending: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending = pending

    def password_owner(self):
        return self.pending["email"], self.pending["name"].split()


class RegisterOrganisationForm(AccountFields):
    kind = SelectField(_l("Type of organisation"), description=_l("Employers offer jobs. Schools offer programmes."),
                       choices=options([
        ("employer", _l("Employer")), ("education_provider", _l("School or education provider"))]))
    organisation_name = StringField(_l("Name of the organisation"), description=_l("As registered with Bolagsverket."),
                                    validators=[DataRequired(message=_l("Write the name of the organisation.")),
                                                Length(max=200)])
    org_number = StringField(_l("Organisation number"), description=_l("10 digits, for example 556677-8899."),
                             validators=[DataRequired(message=_l("Write the organisation number.")), Length(max=20)])
    municipality = municipality_field(description=_l("Where the organisation has its places."),
                                      validators=[DataRequired(message=_l("Choose the municipality."))])
    phone = StringField(_l("Phone"), description=_l("So that the municipality can reach you."),
                        validators=[Length(max=40), PhoneNumber()])
    submit = SubmitField(_l("Register organisation"))
    # The order of the fields on the page: the list of answers to fix follows it (_macros/forms.html).
    page_order = ("kind", "organisation_name", "org_number", "municipality", "full_name", "email", "phone",
                  "password", "confirm", "locale")

    def validate_org_number(self, field):
        normalised = normalise_org_number(field.data)
        if normalised is None:
            raise ValidationError(_("This is not a valid Swedish organisation number. Check the digits."))
        if org_number_taken(normalised):
            raise ValidationError(_("This organisation is already registered. Ask a colleague to invite you."))
        field.normalised = normalised


class UserPasswordForm(Form):
    """A form that sets the password of a known user (change or reset)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def password_owner(self):
        return self.user.email, (self.user.full_name or "").split()


class ChangePasswordForm(UserPasswordForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)])
    password = new_password_field()
    confirm = repeat_password_field()
    submit = SubmitField(_l("Change password"))

    def validate_current_password(self, field):
        if not self.user.check_password(field.data):
            raise ValidationError(_("This is not your current password."))


class ResetPasswordForm(UserPasswordForm):
    password = new_password_field()
    confirm = repeat_password_field()
    submit = SubmitField(_l("Save the new password"))


class ResetRequestForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)])
    submit = SubmitField(_l("Send a link"))


class ReauthenticateForm(Form):
    """The password again before changing how the account logs in (red team: a stolen session must not enrol its
    own authenticator or remove the owner's): check(password) says whether it is the account's."""

    current_password = PasswordField(_l("Current password"), id="remove-current-password",
                                     validators=[DataRequired(), Length(max=PASSWORD_MAX)])
    submit = SubmitField(_l("Turn two-step login off"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_current_password(self, field):
        if not self.user.check_password(field.data):
            raise ValidationError(_("This is not your current password."))


class TwoFactorForm(Form):
    """A six-digit code from the authenticator app; check(code) says whether it is right and unused."""

    code = StringField(_l("Code from your app"), description=_l("6 digits. A new code appears every 30 seconds."),
                       validators=[DataRequired(), Length(max=20)],
                       render_kw={"inputmode": "numeric", "autocomplete": "one-time-code"})
    submit = SubmitField(_l("Continue"))

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def validate_code(self, field):
        if not self.check(field.data):
            raise ValidationError(_("The code is not right. Check the time on your phone and try the newest code."))


class EnrolTwoFactorForm(TwoFactorForm):
    """Turning two-step login on from a logged-in session: the password first, then the code."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)])

    def __init__(self, *args, check, user, **kwargs):
        # With a wrong password the code is not even tried, so nothing is enrolled.
        super().__init__(*args, check=lambda code: user.check_password(self.current_password.data or "")
                         and check(code), **kwargs)
        self.user = user

    def validate_current_password(self, field):
        if not self.user.check_password(field.data):
            raise ValidationError(_("This is not your current password."))
