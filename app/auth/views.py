"""Register, log in (password, then a code for staff), log out, change or reset the password."""
import time
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import bp
from app.auth.forms import (ChangePasswordForm, LoginForm, RegisterJobseekerForm, RegisterOrganisationForm,
                            ResetPasswordForm, ResetRequestForm, TwoFactorForm)
from app.extensions import db, limiter
from app.forms import ActionForm, fill_municipality_choices
from app.i18n import current_locale
from app.models import Role, User
from app.services import accounts, drafts, password_reset, two_factor
from app.services.accounts import authenticate, create_user, end_all_sessions, record_login, register_organisation

HOME_BY_ROLE = {
    Role.JOBSEEKER: "jobseeker.home",
    Role.EMPLOYER: "employer.home",
    Role.EDUCATION_PROVIDER: "employer.home",
    Role.CASEWORKER: "caseworker.queue",
    Role.ADMIN: "admin.home",
}


def home_url(user) -> str:
    return url_for(HOME_BY_ROLE[user.role])


def safe_next(target: str | None) -> str | None:
    """Only same-site paths are followed after login (no open redirects)."""
    if not target or target.startswith("//") or "\\" in target:
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


def _finish_login(user, next_url: str | None):
    _start_session(user)
    record_login(user)
    return redirect(safe_next(next_url) or home_url(user))


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
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)  # per address
@limiter.limit(_login_limit, methods=["POST"], key_func=_submitted_account, deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("Wrong e-mail or password."), "error")
            return render_template("auth/login.html", form=form), 200
        if two_factor.needs_code(user):
            return _begin_second_step(user, request.args.get("next"))
        return _finish_login(user, request.args.get("next"))
    return render_template("auth/login.html", form=form)


@bp.route("/two-factor", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_limit, methods=["POST"], key_func=_pending_account, deduct_when=_failed)
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
    if form.validate_on_submit():
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
    form = TwoFactorForm(check=lambda code: two_factor.enrol(user, secret, code))
    if form.validate_on_submit():  # enrolled by the check
        db.session.commit()
        session.pop(ENROL_SECRET, None)
        flash(_("Two-step login is on. Next time you log in, we ask for a code from the app."), "success")
        if pending:
            return _finish_login(user, session[PENDING].get("next"))
        return redirect(url_for("auth.change_password"))
    uri = two_factor.provisioning_uri(user, secret)
    return render_template("auth/two_factor_setup.html", form=form, secret=secret, uri=uri,
                           qr=two_factor.qr_data_uri(uri), required=two_factor.required_for(user))


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
    return render_template("auth/change_password.html", form=form, two_factor_on=bool(user.totp_secret))


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


@bp.route("/register", methods=["GET", "POST"])
def register():
    draft = drafts.load("register") if request.method == "GET" else None
    if draft is not None:  # back from a language switch: what was typed, in the new language (passwords are never kept)
        data = drafts.formdata(draft)
        data.setlist("locale", [current_locale()])
        form = RegisterJobseekerForm(formdata=data)
    else:
        form = RegisterJobseekerForm(locale=current_locale())
    if form.validate_on_submit():
        user = create_user(email=form.email.data, password=form.password.data, role=Role.JOBSEEKER,
                           full_name=form.full_name.data, locale=form.locale.data)
        db.session.commit()
        drafts.discard("register")
        _start_session(user)
        flash(_("Welcome! Tell us a little about yourself."), "success")
        return redirect(url_for("jobseeker.profile"))
    return render_template("auth/register.html", form=form, draft_form="register-form")


@bp.route("/register/organisation", methods=["GET", "POST"])
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
