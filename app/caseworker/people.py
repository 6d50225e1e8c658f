"""The caseworker's people: list (search, CSV export), caseload, profiles kept on a person's behalf, notes,
and the protected identity marker."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.caseworker import bp
from app.caseworker.forms import (NoteForm, PeopleSearchForm, PersonProfileForm, ProtectedIdentityForm,
                                  TakeOnForm)
from app.caseworker.views import assign_form_for, render_person
from app.extensions import db
from app.models import JobseekerProfile, User
from app.once import already_sent
from app.services import people as people_service
from app.services import person_reads
from app.services.contact import set_protected_identity
from app.services.people import people_csv, people_for
from app.services.profiles import is_minor
from app.services.scope import sees_everything


def get_person_in_my_area_or_404(profile_id: int) -> JobseekerProfile:
    profile = person_reads.person_for(current_user, profile_id)
    if profile is None:
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
        person_reads.read(current_user, profile, "caseworker_set_protected_identity")
        flash(_("Saved."), "success")
    return redirect(url_for("caseworker.person", profile_id=profile.id))


@bp.route("/caseload")
def caseload():
    """The people the caseworker is responsible for."""
    return render_template("caseworker/caseload.html", people=people_service.caseload(current_user),
                           is_minor=is_minor)


@bp.route("/people/<int:profile_id>/take-on", methods=["POST"])
def take_on(profile_id: int):
    profile = get_person_in_my_area_or_404(profile_id)
    if not TakeOnForm().validate_on_submit():
        abort(400)
    return _assign(profile, current_user)


@bp.route("/people/<int:profile_id>/assign", methods=["POST"])
def assign(profile_id: int):
    profile = get_person_in_my_area_or_404(profile_id)
    form = assign_form_for(profile)
    if not form.validate_on_submit():
        abort(400)
    return _assign(profile, db.session.get(User, form.caseworker.data))


def _assign(profile: JobseekerProfile, caseworker: User):
    try:
        people_service.assign(profile, caseworker, current_user)
    except PermissionError:
        flash(_("Only a caseworker of the person's municipality can take on the person."), "error")
    else:
        flash(_("%(name)s is now responsible for %(person)s.", name=caseworker.full_name, person=profile.full_name),
              "success")
    return redirect(url_for("caseworker.person", profile_id=profile.id))


def _person_form(profile: JobseekerProfile | None) -> PersonProfileForm:
    form = PersonProfileForm(obj=profile)
    form.fill_choices()
    if not sees_everything(current_user):
        form.limit_municipality(current_user.municipality_code)
    return form


@bp.route("/people/new", methods=["GET", "POST"])
def person_new():
    """A profile for a person without e-mail: the caseworker fills it in with them and keeps it."""
    form = _person_form(None)
    if form.validate_on_submit():
        if already_sent(form.once.data):  # the same page sent again (double click): the person exists already
            return redirect(url_for("caseworker.caseload"))
        profile = people_service.create_on_behalf(form.values(), current_user)
        flash(_("The profile is saved."), "success")
        return redirect(url_for("caseworker.person", profile_id=profile.id))
    if form.errors:
        flash(_("Some answers need to be fixed. See the messages below."), "error")
    return render_template("caseworker/person_form.html", form=form, profile=None)


@bp.route("/people/<int:profile_id>/edit", methods=["GET", "POST"])
def person_edit(profile_id: int):
    """Only profiles without an account: a person with an account keeps their own profile."""
    profile = get_person_in_my_area_or_404(profile_id)
    if profile.user_id is not None:
        flash(_("This person has an account and keeps their own profile."), "info")
        return redirect(url_for("caseworker.person", profile_id=profile.id))
    form = _person_form(profile)
    if form.validate_on_submit():
        people_service.edit_on_behalf(profile, form.values(), current_user)
        flash(_("The profile is saved."), "success")
        return redirect(url_for("caseworker.person", profile_id=profile.id))
    person_reads.read(current_user, profile)
    if form.errors:
        flash(_("Some answers need to be fixed. See the messages below."), "error")
    return render_template("caseworker/person_form.html", form=form, profile=profile)


@bp.route("/people/<int:profile_id>/notes", methods=["POST"])
def add_note(profile_id: int):
    profile = get_person_in_my_area_or_404(profile_id)
    form = NoteForm()
    if form.validate_on_submit():
        if already_sent(form.once.data):  # sent twice: the note is there once
            return redirect(url_for("caseworker.person", profile_id=profile.id, _anchor="notes"))
        try:
            people_service.add_note(profile, current_user, form.text.data)
        except ValueError:
            db.session.rollback()  # the one-time token too: the corrected note is sent with the same page
            form.text.errors = [_("Write the note first.")]
        else:
            flash(_("The note is saved."), "success")
            return redirect(url_for("caseworker.person", profile_id=profile.id, _anchor="notes"))
    return render_person(profile, note_form=form)  # the person page, with the note's errors
