"""An overview for administrators, the register of personal data and retention settings."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, gettext as _
from sqlalchemy import func, select

from app.services import privacy_register
from app.admin import bp
from app.admin.forms import MunicipalitySettingsForm, RetentionForm
from app.extensions import db
from app.models import Concept, JobseekerProfile, Match, Opportunity, Organisation, User
from app.services import retention
from app.services.concepts import labels_for
from app.services.statistics import suppress_small


@bp.app_template_filter("small_group")
def small_group(count):
    """A count that passed suppress_small, for reading: None is "fewer than 5"."""
    return _("fewer than 5") if count is None else format_decimal(count)


@bp.route("/")
def home():
    tables = {_("Accounts"): User, _("Organisations"): Organisation, _("Jobseeker profiles"): JobseekerProfile,
              _("Opportunities"): Opportunity, _("Matches"): Match, _("Taxonomy concepts"): Concept}
    counts = {name: suppress_small(db.session.scalar(select(func.count()).select_from(model)))
              for name, model in tables.items()}
    return render_template("admin/home.html", counts=counts)


@bp.route("/privacy")
def privacy():
    """The register of personal fields, and retention per municipality."""
    form = RetentionForm()
    form.fill_choices()
    return _privacy_page(form)


@bp.route("/privacy/retention", methods=["POST"])
def retention_settings():
    form = RetentionForm()
    form.fill_choices()
    if not form.validate_on_submit():
        return _privacy_page(form)
    retention.save_settings(form.municipality_code.data, form.hide_after_days.data, form.delete_after_days.data)
    flash(_("The retention for the municipality is saved."), "success")
    return redirect(url_for("admin.privacy"))


def _privacy_page(form: RetentionForm):
    settings = retention.saved_settings()
    return render_template("admin/privacy.html", register=privacy_register.REGISTER,
                           not_personal=privacy_register.NOT_PERSONAL, settings=settings, form=form,
                           names=labels_for([s.municipality_code for s in settings]),
                           defaults=(retention.DEFAULT_HIDE_AFTER_DAYS, retention.DEFAULT_DELETE_AFTER_DAYS))


def _municipalities() -> dict[str, str]:
    """Every municipality in the taxonomy: code → name, by name."""
    from app.services.concepts import choices

    return dict(choices("municipality"))


@bp.route("/municipalities")
def municipalities():
    """Every municipality's settings at a glance, with a link to change them."""
    names = _municipalities()
    chosen = request.args.get("m", "")
    if chosen in names:  # "change another municipality" (a GET form, no script needed)
        return redirect(url_for("admin.municipality_settings", municipality=chosen))
    saved = sorted(retention.saved_settings(), key=lambda row: names.get(row.municipality_code, row.municipality_code))
    return render_template("admin/municipalities.html", names=names, saved=saved)


@bp.route("/municipalities/<municipality>", methods=["GET", "POST"])
def municipality_settings(municipality: str):
    """One municipality: the contact shown to jobseekers, the employers' reply deadlines, retention."""
    names = _municipalities()
    if municipality not in names:
        abort(404)
    row = retention.settings_row(municipality)
    form = MunicipalitySettingsForm(obj=row)
    if form.validate_on_submit():
        retention.save_municipality_settings(municipality, {name: form[name].data for name in retention.SETTINGS_FIELDS})
        flash(_("The settings for %(name)s are saved.", name=names[municipality]), "success")
        return redirect(url_for("admin.municipalities", _anchor=f"m-{municipality}"))
    return render_template("admin/municipality_settings.html", form=form, name=names[municipality],
                           code=municipality), 400 if form.errors else 200
