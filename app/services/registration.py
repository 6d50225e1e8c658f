"""A jobseeker's own registration, confirmed by e-mail (red team 5: the answer must not tell which addresses
have an account).

The form asks for name, e-mail and language; the answer is the same for every address. In the background
the address gets either a signed link that completes the account (the person chooses the password
there) or, if it already has an account, a note saying so with links to log in or reset. Nothing is
stored before the link is opened, so nobody can hold an address they cannot read.
"""
from flask import current_app
from flask_babel import force_locale, gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.extensions import db
from app.presentation.i18n import SUPPORTED_LOCALES
from app.models import Role, User
from app.services.accounts import create_user, email_taken
from app.services.links import external_url, public_base_url
from app.services.mail import send_mail

SALT = "jobbrygga.register"
MAX_AGE_SECONDS = 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(email: str, full_name: str, locale: str | None) -> str:
    return _serializer().dumps({"email": email.strip().lower(), "name": full_name.strip(), "locale": locale})


def request_registration(email: str, full_name: str, locale: str | None) -> None:
    """Queue the mail; the visitor's request does the same work whether or not the address has an account."""
    base_url = public_base_url()
    if base_url is None:
        return
    from app.background import jobqueue, tasks

    jobqueue.in_background(tasks.deliver_registration_mail, email.strip().lower()[:254], full_name.strip()[:120],
                       locale if locale in SUPPORTED_LOCALES else None, base_url)


def send_registration_mail(email: str, full_name: str, locale: str | None, base_url: str) -> None:
    """The link that completes the account, or (the address has one) a note with links to log in or reset."""
    with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Your account on Jobbrygga")
        if email_taken(email):
            body = _("Hello,\n\nSomeone (we hope you) tried to create an account on Jobbrygga with this e-mail "
                     "address. You already have an account. Log in here:\n\n%(login)s\n\n"
                     "Forgot your password? Choose a new one here:\n\n%(reset)s\n\n"
                     "If it was not you, you can ignore this e-mail.",
                     login=external_url(base_url, "auth.login"), reset=external_url(base_url, "auth.reset_request"))
        else:
            link = external_url(base_url, "auth.register_complete", token=make_token(email, full_name, locale))
            body = _("Hello %(name)s,\n\nOpen this link within 24 hours to finish creating your account on "
                     "Jobbrygga. You choose your password there.\n\n%(link)s\n\n"
                     "If you did not ask for an account, you can ignore this e-mail.", name=full_name, link=link)
    send_mail(email, subject, body)


def pending_registration(token: str) -> dict | None:
    """What a valid, unexpired link asks for: {"email", "name", "locale"}; None if the link is bad, too old, or
    already used (the address has an account by now)."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE_SECONDS)
    except BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(key), str) for key in ("email", "name")):
        return None
    if email_taken(data["email"]):
        return None
    return data


def complete_registration(data: dict, password: str) -> User:
    """Create the jobseeker's account from an opened link; commits."""
    user = create_user(email=data["email"], password=password, role=Role.JOBSEEKER, full_name=data["name"],
                       locale=data.get("locale") if data.get("locale") in SUPPORTED_LOCALES else None)
    db.session.commit()
    return user
