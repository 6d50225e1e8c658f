"""Register, log in (password, then a code for staff), log out, change or reset the password."""
import hashlib
import time
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user
from itsdangerous import BadSignature, URLSafeSerializer

from app.guards import throttle
from app.auth import bp
from app.auth.forms import (ChangePasswordForm, CompleteRegistrationForm, EnrolTwoFactorForm, LoginForm,
                            ReauthenticateForm, RegisterJobseekerForm, RegisterOrganisationForm,
                            ResetPasswordForm, ResetRequestForm, TwoFactorForm)
from app.extensions import db, limiter
from app.forms import ActionForm, fill_municipality_choices
from app.presentation.i18n import current_locale
from app.models import Role, User
from app.services import accounts, drafts, password_reset, registration, two_factor
from app.services.accounts import authenticate, end_all_sessions, record_login, register_organisation

HOME_BY_ROLE = {
    Role.JOBSEEKER: "jobseeker.home",
    Role.EMPLOYER: "employer.home",
    Role.EDUCATION_PROVIDER: "employer.home",
    Role.CASEWORKER: "caseworker.queue",
    Role.ADMIN: "admin.home",
    Role.PLANNER: "planning.overview",
}


def home_url(user) -> str:
    return url_for(HOME_BY_ROLE[user.role])


def safe_next(target: str | None) -> str | None:
    """Only same-site paths are followed after login (no open redirects, no control characters: CR/LF would
    split the Location header, which failed with a 500 after the login was already saved)."""
    if not target or target.startswith("//") or "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc and target.startswith("/") else None


PENDING = "pending_login"  # session key: who passed the password step and still owes a code
PENDING_SECONDS = 10 * 60
ENROL_SECRET = "totp_enrol_secret"


def _start_session(user) -> None:
    session.clear()  # a fresh session at login: nothing from before carries over
    login_user(user)
    # Also in the session: the "busy" and "database down" pages cannot ask the database for the saved choice.
    session["locale"] = user.locale


KNOWN_DEVICE_COOKIE = "jb_device"
KNOWN_DEVICE_DAYS = 180


def _device_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="jobbrygga.known-device")


def _account_digest(email: str) -> str:
    return hashlib.sha256((email or "").strip().lower().encode()).hexdigest()[:24]


def _known_device(email: str) -> bool:
    """This browser has logged in to this account before (red team 6: others' guesses never lock the owner out)."""
    try:
        return _device_serializer().loads(request.cookies.get(KNOWN_DEVICE_COOKIE, "")) == _account_digest(email)
    except BadSignature:
        return False


def _finish_login(user, next_url: str | None):
    _start_session(user)
    record_login(user)
    response = redirect(safe_next(next_url) or home_url(user))
    response.set_cookie(KNOWN_DEVICE_COOKIE, _device_serializer().dumps(_account_digest(user.email)),
                        max_age=KNOWN_DEVICE_DAYS * 86400, path=url_for("auth.login").rsplit("/", 1)[0],
                        secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True, samesite="Lax")
    return response


def _begin_second_step(user, next_url: str | None):
    """Password accepted; the user is not logged in until the code is (only their id waits in the session)."""
    session.clear()
    session[PENDING] = {"user": user.id, "version": user.session_version, "next": next_url, "at": time.time()}
    return redirect(url_for("auth.two_factor_code" if user.totp_secret else "auth.two_factor_setup"))


def _pending_user():
    """The user between password and code, if the step started recently and no password changed since."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending.get("user"))
    return user if user is not None and user.session_version == pending.get("version") else None


def _failed(response) -> bool:
    """Only failed attempts count towards the limit: a busy office behind one address can still log in."""
    return response.status_code != 302


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _submitted_account() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


def _pending_account() -> str:
    pending = session.get(PENDING)
    return f"user:{pending.get('user') if isinstance(pending, dict) else ''}"


def _logged_in_account() -> str:
    return f"user:{getattr(current_user, 'id', '')}"


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        # Throttled per address, account and both (app/guards/throttle.py): 429 with Retry-After when too early.
        attempt = throttle.begin(_submitted_account(), get_remote_address(), known_device=_known_device(form.email.data))
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("Wrong e-mail or password."), "error")
            return render_template("auth/login.html", form=form), 200
        throttle.succeeded(attempt)
        if two_factor.needs_code(user):
            return _begin_second_step(user, request.args.get("next"))
        return _finish_login(user, request.args.get("next"))
    return render_template("auth/login.html", form=form)


@bp.route("/two-factor", methods=["GET", "POST"])
def two_factor_code():
    """The second step of logging in: a code from the authenticator app."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    user = _pending_user()
    if user is None:
        return redirect(url_for("auth.login"))
    if not user.totp_secret:
        return redirect(url_for("auth.two_factor_setup"))
    form = TwoFactorForm(check=lambda code: two_factor.use_code(user, code))
    if form.is_submitted():
        attempt = throttle.begin(_pending_account(), get_remote_address(), known_device=_known_device(user.email))
        if form.validate():
            throttle.succeeded(attempt)
            return _finish_login(user, session[PENDING].get("next"))
    return render_template("auth/two_factor.html", form=form)


@bp.route("/two-factor/setup", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
def two_factor_setup():
    """Connect an authenticator app: required for staff during login, optional for everyone else."""
    pending = _pending_user()
    user = pending or (current_user if current_user.is_authenticated else None)
    if user is None:
        return redirect(url_for("auth.login"))
    if user.totp_secret:
        flash(_("Two-step login is already on for your account."), "info")
        return redirect(url_for("auth.two_factor_code") if pending else home_url(user))
    secret = session.setdefault(ENROL_SECRET, two_factor.new_secret())
    if pending:  # the password was typed a moment ago, in this login
        form = TwoFactorForm(check=lambda code: two_factor.enrol(user, secret, code))
    else:  # a logged-in session asks for the password again: a stolen session cannot enrol its own app
        form = EnrolTwoFactorForm(check=lambda code: two_factor.enrol(user, secret, code), user=user)
    if form.validate_on_submit():  # enrolled (and committed) by the check
        session.pop(ENROL_SECRET, None)
        flash(_("Two-step login is on. Next time you log in, we ask for a code from the app."), "success")
        if pending:
            return _finish_login(user, session[PENDING].get("next"))
        return redirect(url_for("auth.change_password"))
    uri = two_factor.provisioning_uri(user, secret)
    return render_template("auth/two_factor_setup.html", form=form, secret=secret, uri=uri,
                           qr=two_factor.qr_data_uri(uri), required=two_factor.required_for(user))


@bp.route("/two-factor/remove", methods=["POST"])
@login_required
@limiter.limit(_login_limit, methods=["POST"], key_func=_logged_in_account, deduct_when=_failed)
def two_factor_remove():
    """Turn two-step login off (not for staff, who must keep it), with the password typed again."""
    user = current_user._get_current_object()
    form = ReauthenticateForm(user=user)
    if user.is_staff or not user.totp_secret:
        return redirect(url_for("auth.change_password"))
    if form.validate_on_submit():
        accounts.remove_two_factor(user)
        _start_session(user)  # every other session ends; this one is renewed
        flash(_("Two-step login is off."), "success")
        return redirect(url_for("auth.change_password"))
    return render_template("auth/change_password.html", form=ChangePasswordForm(user=user), two_factor_on=True,
                           remove_form=form), 200


@bp.route("/logout", methods=["POST"])
def logout():
    if ActionForm().validate_on_submit():
        locale = current_user.locale if current_user.is_authenticated else None
        if current_user.is_authenticated:
            end_all_sessions(current_user)  # a copied cookie stops working too
        logout_user()
        session.clear()
        if locale:
            session["locale"] = locale  # the logged-out page stays in the person's language
        flash(_("You are logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limiter.limit(_login_limit, methods=["POST"], key_func=_logged_in_account, deduct_when=_failed)
def change_password():
    """Any logged-in user: every other session ends, this one carries on."""
    user = current_user._get_current_object()
    form = ChangePasswordForm(user=user)
    if form.validate_on_submit():
        accounts.change_password(user, form.password.data)
        _start_session(user)  # the session version moved on: renew this session with the new one
        flash(_("Your password is changed. You are logged out on all other devices."), "success")
        return redirect(url_for("auth.change_password"))
    return render_template("auth/change_password.html", form=form, two_factor_on=bool(user.totp_secret),
                           remove_form=ReauthenticateForm(user=user))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_submitted_account)
def reset_request():
    """Ask for a reset link; the answer is the same whether or not the account exists."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        password_reset.request_reset(form.email.data)
        flash(_("If there is an account for this e-mail address, we have sent it a link to choose a new "
                "password. The link works for one hour."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    user = password_reset.user_for_token(token)
    if user is None:
        flash(_("This link has expired or has already been used. Ask for a new one."), "error")
        return redirect(url_for("auth.reset_request"))
    form = ResetPasswordForm(user=user)
    if form.validate_on_submit():
        password_reset.reset_password(user, form.password.data)
        logout_user()
        session.clear()
        flash(_("Your new password is saved. Log in with it."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


def _register_limit() -> str:
    return current_app.config["REGISTER_RATE_LIMIT"]


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"])  # per address
@limiter.limit("3 per hour", methods=["POST"], key_func=_submitted_account)
def register():
    """The same answer for every address (red team 5): the e-mail says what comes next."""
    draft = drafts.load("register") if request.method == "GET" else None
    if draft is not None:  # back from a language switch: what was typed, in the new language (passwords are never kept)
        data = drafts.formdata(draft)
        data.setlist("locale", [current_locale()])
        form = RegisterJobseekerForm(formdata=data)
    else:
        form = RegisterJobseekerForm(locale=current_locale())
    if form.validate_on_submit():
        registration.request_registration(form.email.data, form.full_name.data, form.locale.data)
        drafts.discard("register")
        flash(_("We have sent an e-mail to %(email)s. Open the link in it to finish creating your account. "
                "No e-mail? Look in the spam folder.", email=form.email.data.strip()), "info")
        return redirect(url_for("auth.register_sent"))
    return render_template("auth/register.html", form=form, draft_form="register-form")


@bp.route("/register/sent")
def register_sent():
    """What comes next after registering: the e-mail (the message itself is the flash above)."""
    return render_template("auth/register_sent.html")


@bp.route("/register/<token>", methods=["GET", "POST"])
def register_complete(token: str):
    """The link from the e-mail: choose a password, and the account exists."""
    pending = registration.pending_registration(token)
    if pending is None:
        flash(_("This link has expired or has already been used. Ask for a new one."), "error")
        return redirect(url_for("auth.register"))
    form = CompleteRegistrationForm(pending=pending)
    if form.validate_on_submit():
        user = registration.complete_registration(pending, form.password.data)
        _start_session(user)
        flash(_("Welcome! Tell us a little about yourself."), "success")
        return redirect(url_for("jobseeker.profile"))
    return render_template("auth/register_complete.html", form=form, email=pending["email"])


@bp.route("/register/organisation", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"])  # per address: its e-mail check still answers (issue 16's form)
def register_organisation_view():
    form = RegisterOrganisationForm(locale=current_locale())
    fill_municipality_choices(form.municipality)
    if form.validate_on_submit():
        user = register_organisation(
            name=form.organisation_name.data, org_number=form.org_number.normalised, kind=form.kind.data,
            municipality_code=form.municipality.data, email=form.email.data, password=form.password.data,
            full_name=form.full_name.data, phone=form.phone.data or None, locale=form.locale.data)
        _start_session(user)
        flash(_("Your organisation is registered."), "success")
        return redirect(url_for("employer.home"))
    return render_template("auth/register_organisation.html", form=form)
