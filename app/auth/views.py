"""Register, log in, log out."""
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.auth import bp
from app.auth.forms import LoginForm, RegisterJobseekerForm, RegisterOrganisationForm
from app.extensions import db
from app.forms import ActionForm, fill_municipality_choices
from app.i18n import current_locale
from app.models import Role
from app.services.accounts import create_user, find_user_by_email, register_organisation

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


def _start_session(user) -> None:
    session.clear()  # a fresh session at login: nothing from before carries over
    login_user(user)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = find_user_by_email(form.email.data)
        if user is None or not user.check_password(form.password.data):
            flash(_("Wrong e-mail or password."), "error")
            return render_template("auth/login.html", form=form), 200
        _start_session(user)
        return redirect(safe_next(request.args.get("next")) or home_url(user))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    if ActionForm().validate_on_submit():
        logout_user()
        session.clear()
        flash(_("You are logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegisterJobseekerForm(locale=current_locale())
    if form.validate_on_submit():
        user = create_user(email=form.email.data, password=form.password.data, role=Role.JOBSEEKER,
                           full_name=form.full_name.data, locale=form.locale.data)
        db.session.commit()
        _start_session(user)
        flash(_("Welcome! Tell us a little about yourself."), "success")
        return redirect(url_for("jobseeker.profile"))
    return render_template("auth/register.html", form=form)


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
