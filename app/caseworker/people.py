"""The caseworker's people: list (search, CSV export), caseload, profiles kept on a person's behalf, notes,
and the protected identity marker."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext as _
from flask_login import current_user

from app.caseworker import bp
from app.caseworker.forms import (AddConceptForm, EraseForm, ExportForm, NoteForm, ReadingCorrectionForm, PeopleSearchForm,
                                PersonProfileForm, ProtectedIdentityForm, TakeOnForm)
from app.caseworker.views import assign_form_for, render_person
from app.extensions import db
from app.models import JobseekerProfile, User
from app.guards.once import already_sent
from app.presentation.i18n import SUPPORTED_LOCALES
from app.services import concepts, people as people_service, person_reads, personal_data
from app.services.deletion import erase_person
from app.services.audit import record_access
from app.services.contact import set_protected_identity
from app.services.exports import CSV_MIMETYPE, XLSX_MIMETYPE
from app.services.people import people_csv, people_for, people_xlsx
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
    found = people_for(current_user, search)
    return render_template("caseworker/people.html", form=form, people=found, search=search, is_minor=is_minor,
                           export_form=ExportForm(q=search or ""),
                           municipalities=people_service.municipality_names(p.municipality_code for p in found))


@bp.route("/people.csv", methods=["POST"], defaults={"fmt": "csv"})
@bp.route("/people.xlsx", methods=["POST"], defaults={"fmt": "xlsx"})
def people_export(fmt: str):
    """The list (or the search's result) as a spreadsheet; a POST with the CSRF token, audited as an export."""
    form = ExportForm()
    if not form.validate_on_submit():
        abort(400)
    search = form.q.data or None
    if fmt == "xlsx":
        return Response(people_xlsx(current_user, search), mimetype=XLSX_MIMETYPE,
                        headers={"Content-Disposition": 'attachment; filename="people.xlsx"'})
    return Response(people_csv(current_user, search), mimetype=CSV_MIMETYPE,
                    headers={"Content-Disposition": 'attachment; filename="people.csv"'})


@bp.route("/people/<int:profile_id>/protected-identity", methods=["POST"])
def protected_identity(profile_id: int):
    profile = get_person_in_my_area_or_404(profile_id)
    form = ProtectedIdentityForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        set_protected_identity(profile, form.protected.data, current_user, reason=form.reason.data)
    except PermissionError:
        flash(_("Only the person's assigned caseworker or an administrator can remove the protected identity "
                "marker."), "error")
    except ValueError:
        flash(_("Write the reason."), "error")
    else:
        person_reads.read(current_user, profile, "caseworker_set_protected_identity",
                          detail=(form.reason.data or "").strip() or None)
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
    form = TakeOnForm()
    if not form.validate_on_submit():
        abort(400)
    return _assign(profile, current_user, form.reason.data)


@bp.route("/people/<int:profile_id>/assign", methods=["POST"])
def assign(profile_id: int):
    profile = get_person_in_my_area_or_404(profile_id)
    form = assign_form_for(profile)
    if not form.validate_on_submit():
        abort(400)
    return _assign(profile, db.session.get(User, form.caseworker.data), form.reason.data)


def _assign(profile: JobseekerProfile, caseworker: User, reason: str | None):
    if not people_service.may_hand_over(profile, current_user):
        flash(_("Only the assigned caseworker or an administrator can hand over a person with protected identity."),
              "error")
        return redirect(url_for("caseworker.person", profile_id=profile.id))
    try:
        people_service.assign(profile, caseworker, current_user, reason=reason)
    except people_service.ReasonRequired:
        flash(_("Write the reason."), "error")
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


# A person without an account gets a copy of their data and is erased through their caseworker (red team 8):
# the same copy and the same erasure as self-service, for the caseworker's own area (an administrator: any).

class HasAccount(Exception):
    """A person with an account downloads their data and deletes their account themselves."""


def _person_without_account_or_404(profile_id: int) -> JobseekerProfile:
    profile = get_person_in_my_area_or_404(profile_id)
    if profile.user_id is not None:
        raise HasAccount(profile.id)
    return profile


@bp.errorhandler(HasAccount)
def _has_account(error: HasAccount):
    flash(_("This person has an account and keeps their own profile."), "info")
    return redirect(url_for("caseworker.person", profile_id=error.args[0]))


def _copy_locale(profile: JobseekerProfile) -> str:
    """The language asked for (?lang=), else the person's own if the service speaks it, else Swedish."""
    asked = request.args.get("lang", "", type=str)
    if asked in SUPPORTED_LOCALES:
        return asked
    own = (people_service.own_language(profile) or "").replace("-", "_")
    return own if own in SUPPORTED_LOCALES else ("fa_AF" if own == "fa" else "sv")


@bp.route("/people/<int:profile_id>/data")
def person_data(profile_id: int):
    """The person's copy, readable, in their language: everything kept about them; audited."""
    profile = _person_without_account_or_404(profile_id)
    locale = _copy_locale(profile)
    person_reads.read(current_user, profile, "caseworker_person_data")
    with force_locale(locale):
        return render_template("jobseeker/data.html", data=personal_data.person_data(profile),
                               json_url=url_for("caseworker.person_data_json", profile_id=profile.id, lang=locale),
                               language_names=dict(concepts.choices("language", "code")), beside=False,
                               beside_sv=lambda text: "")


@bp.route("/people/<int:profile_id>/data.json")
def person_data_json(profile_id: int):
    """The same as a JSON file, the texts in the person's language; audited."""
    profile = _person_without_account_or_404(profile_id)
    person_reads.read(current_user, profile, "caseworker_person_data")
    with force_locale(_copy_locale(profile)):
        body = personal_data.person_data_json(profile)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="jobbrygga-person-{profile.id}.json"'})


@bp.route("/people/<int:profile_id>/erase", methods=["GET", "POST"])
def person_erase(profile_id: int):
    """Erase everything about a person without an account, as self-service deletion does; the act is audited
    (the event stays for staff accountability, detached from the erased person)."""
    profile = _person_without_account_or_404(profile_id)
    form = EraseForm()
    if form.validate_on_submit():
        record_access(current_user, profile, "caseworker_erase")
        erase_person(profile=profile)
        flash(_("Everything about the person is deleted."), "success")
        return redirect(url_for("caseworker.caseload"))
    return render_template("caseworker/erase.html", form=form, profile=profile)


@bp.route("/people/<int:profile_id>/reading", methods=["POST"])
def correct_reading(profile_id: int):
    """Remove a concept read wrongly from the person's words, take a removal back, or add what was missed; kept
    with the person, used by every later matching run, counted as feedback on the reading."""
    from app.services import readings
    from app.services.concepts import resolve_terms

    profile = get_person_in_my_area_or_404(profile_id)
    anchor = "reading"
    if "term" in request.form:
        form = AddConceptForm()
        if not form.validate_on_submit() or form.kind.data not in ("occupation", "skill"):
            flash(_("Write the name of an occupation or a skill."), "error")
            return redirect(url_for("caseworker.person", profile_id=profile.id, _anchor=anchor))
        found, _unknown = resolve_terms([form.term.data], form.kind.data)
        if not found:
            flash(_("No occupation or skill is called that. Choose one of the names offered."), "error")
            return redirect(url_for("caseworker.person", profile_id=profile.id, _anchor=anchor))
        readings.correct(profile, found[0], readings.ADDED, current_user)
        flash(_("Added. The next matching run uses it."), "success")
        return redirect(url_for("caseworker.person", profile_id=profile.id, _anchor=anchor))
    form = ReadingCorrectionForm()
    if not form.validate_on_submit() or form.action.data not in (readings.REMOVED, readings.RESTORED):
        abort(400)
    readings.correct(profile, form.concept_id.data, form.action.data, current_user)
    flash(_("Removed. The next matching run no longer reads it from the text.") if form.action.data == readings.REMOVED
          else _("Taken back. The reading counts again."), "success")
    return redirect(url_for("caseworker.person", profile_id=profile.id, _anchor=anchor))
