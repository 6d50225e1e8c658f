"""Password reset by e-mail: a signed link that lasts one hour and works once."""
import hashlib
import hmac

from flask import current_app
from flask_babel import force_locale, gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.extensions import db
from app.models import User
from app.services.accounts import find_user_by_email
from app.services.links import external_url, public_base_url
from app.services.mail import send_mail

SALT = "jobbrygga.password-reset"
MAX_AGE_SECONDS = 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(user: User) -> str:
    """Changes whenever the password does, so a used (or outdated) link stops working.

    The hash itself never goes into the link: only a digest of it, which reveals nothing.
    """
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:32]


def make_token(user: User) -> str:
    return _serializer().dumps({"user": user.id, "password": _fingerprint(user)})


def user_for_token(token: str) -> User | None:
    """The user a valid, unexpired, unused token was made for; None for anything else."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE_SECONDS)
    except BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("user"), int):
        return None
    user = db.session.get(User, data["user"])
    if user is None or not hmac.compare_digest(str(data.get("password", "")), _fingerprint(user)):
        return None
    return user


def request_reset(email: str) -> None:
    """Queue the reset mail; the visitor's request does the same work whether or not the account exists.

    The link's host comes from the configuration (app/services/links.py), never from the Host header.
    """
    base_url = public_base_url()
    if base_url is None:
        return
    from app.background import jobqueue, tasks

    jobqueue.in_background(tasks.deliver_reset_mail, (email or "").strip().lower()[:254], base_url)


def send_reset_mail(email: str, base_url: str) -> None:
    """Mail a reset link if there is an account for email; nothing otherwise (runs in the background)."""
    user = find_user_by_email(email)
    if user is None:
        return
    link = external_url(base_url, "auth.reset_password", token=make_token(user))
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Choose a new password for Jobbrygga")
        body = _("Hello %(name)s,\n\nSomeone (we hope you) asked to choose a new password for Jobbrygga. "
                 "Open this link within an hour to do it:\n\n%(link)s\n\n"
                 "The link works once. If you did not ask for this, you can ignore this e-mail: "
                 "your password stays the same.", name=user.full_name, link=link)
    send_mail(user.email, subject, body)


def reset_password(user: User, new_password: str) -> None:
    """Set the new password; every session of user, on every device, ends (set_password does that)."""
    user.set_password(new_password)
    db.session.commit()
