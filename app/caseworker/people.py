"""The caseworker's list of people (search, CSV export) and the protected identity marker."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.caseworker import bp
from app.caseworker.forms import PeopleSearchForm, ProtectedIdentityForm
from app.caseworker.views import in_my_area
from app.extensions import db
from app.models import JobseekerProfile
from app.services.audit import record_access
from app.services.contact import set_protected_identity
from app.services.people import people_csv, people_for
from app.services.profiles import is_minor


def get_person_in_my_area_or_404(profile_id: int) -> JobseekerProfile:
    profile = db.session.get(JobseekerProfile, profile_id)
    if profile is None or not in_my_area(profile):
        abort(404)
    return profile


@bp.route("/people")
def people():
    form = PeopleSearchForm(request.args)
    search = form.q.data if form.validate() else None
    return render_template("caseworker/people.html", form=form, people=people_for(current_user, search),
                           search=search, is_minor=is_minor)


@bp.route("/people.csv")
def people_export():
    form = PeopleSearchForm(request.args)
    search = form.q.data if form.validate() else None
    return Response(people_csv(current_user, search), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="people.csv"'})


@bp.route("/people/<int:profile_id>/protected-identity", methods=["POST"])
def protected_identity(profile_id: int):
    profile = get_person_in_my_area_or_404(profile_id)
    form = ProtectedIdentityForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        set_protected_identity(profile, form.protected.data, current_user)
    except PermissionError:
        flash(_("Only the person's assigned caseworker can remove the protected identity marker."), "error")
    else:
        record_access(current_user, profile, "caseworker_set_protected_identity")
        db.session.commit()
        flash(_("Saved."), "success")
    return redirect(url_for("caseworker.person", profile_id=profile.id))
