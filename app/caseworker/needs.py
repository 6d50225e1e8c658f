"""A caseworker records an organisation's competence need on its behalf (after a company visit), with the
organisation's own form; only for organisations in their area (the scope rule, app/services/needs_ahead)."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.caseworker import bp
from app.employer.need_forms import CompetenceNeedForm
from app.employer.needs import need_page_context, save_from_form
from app.extensions import db
from app.models import Organisation
from app.services import needs_ahead


def get_organisation_in_my_area_or_404(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not needs_ahead.may_record_for(current_user, organisation):
        abort(404)
    return organisation


@bp.route("/organisations/<int:organisation_id>/needs", methods=["GET", "POST"])
def organisation_needs(organisation_id: int):
    """The organisation's needs, and the form to record one more on its behalf."""
    organisation = get_organisation_in_my_area_or_404(organisation_id)
    form = CompetenceNeedForm()
    form.fill(None, organisation, on_behalf=True)
    if form.validate_on_submit():
        saved = save_from_form(form, organisation, None)
        if saved is not None or not form.errors:
            if saved is not None:
                flash(_("The need is saved on behalf of %(name)s. They see it in their list.", name=organisation.name),
                      "success")
            return redirect(url_for("caseworker.organisation_needs", organisation_id=organisation.id))
    if form.errors:
        flash(_("Some answers need to be fixed. See the messages below."), "error")
    return render_template("caseworker/organisation_needs.html", organisation=organisation, form=form,
                           **need_page_context(needs_ahead.needs_of(organisation))), 400 if form.errors else 200
