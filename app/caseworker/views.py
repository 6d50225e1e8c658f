"""Review queue, matching runs, a person's page and the follow-ups of hires, limited to the caseworker's
municipality."""
from urllib.parse import parse_qsl, urlencode

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _, ngettext
from werkzeug.datastructures import MultiDict
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.caseworker import bp
from app.caseworker.forms import (ApproveOrganisationForm, AssignForm, BulkDecisionForm, DecisionForm, FollowUpForm,
                                  LiftSuspensionForm, NoteForm, PersonDataForm, ProtectedIdentityForm, QueueFilterForm,
                                  RejectOrganisationForm,
                                  RunMatchingForm, SkipForm, SuspendOrganisationForm, TakeOnForm)
from app.presentation.explanations import explanation_sentences, why_in_one_line
from app.extensions import db
from app.presentation.labels import KIND_LABELS, REASON_LABELS, ROLE_LABELS, VETTING_LABELS
from app.models import JobseekerProfile, Match, MatchEvent, Organisation
from app.services import cases, people as people_service, queue as queue_service
from app.services import vetting
from app.services import person_reads
from app.services.concepts import choices as concept_choices, labels_for
from app.services.scope import pool_of
from app.services.contact import contact_for
from app.services.profiles import is_minor, moved_here_from

SKIPPED = "queue_skipped"  # session key: suggestions skipped in this login session, in order


def get_match_in_my_area_or_404(match_id: int) -> Match:
    match = person_reads.match_for(current_user, match_id)
    if match is None:
        abort(404)
    return match


def queue_filter_form(args) -> QueueFilterForm:
    """The queue's filters from a query string, with the choices this viewer has."""
    form = QueueFilterForm(args)
    pool = pool_of(current_user.municipality_code) if current_user.municipality_code else ()
    names = labels_for(pool)
    form.fill_choices([(k, str(v)) for k, v in KIND_LABELS.items()], concept_choices("ssyk1"),
                      sorted(((c, names.get(c, c)) for c in pool), key=lambda pair: pair[1]))
    return form


def _args(back: str | None) -> MultiDict:
    """The filters the page sent back (its query string), at most a few values."""
    return MultiDict(parse_qsl(str(back or "")[:500], keep_blank_values=False)[:10])


def queue_url(back: str | None = None, match_id: int | None = None) -> str:
    """The queue with the filters the caseworker had (back: their query string), at the row of match_id."""
    form = queue_filter_form(_args(back))
    filters = form.filters()
    values = {name: value for name, value in (("kind", filters.kind), ("field", filters.field),
                                             ("municipality", filters.municipality), ("minors", filters.minors),
                                             ("waited", filters.waited_days)) if value}
    return url_for("caseworker.queue", **values, _anchor=f"match-{match_id}" if match_id else None)


def _row_id(value) -> int | None:
    """A row id sent back by the page (the next row to go to); anything else is None."""
    value = str(value or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None


@bp.route("/")
def queue():
    return render_queue(request.args)


def render_queue(args, error: tuple | None = None):
    """The queue with the filters in args; error = (match id, message, decision, note) of a refused decision,
    shown on that row, opened, with what the caseworker had chosen and written."""
    filter_form = queue_filter_form(args)
    filters = filter_form.filters()
    matches = queue_service.review_queue(current_user, session.get(SKIPPED, []), filters)
    queue_service.read_labels(matches)  # one query for every row's skills and occupations, not one per row
    page = render_template("caseworker/queue.html", matches=matches, run_form=RunMatchingForm(),
                           decision_form=DecisionForm(formdata=None), bulk_form=BulkDecisionForm(formdata=None),
                           skip_form=SkipForm(formdata=None),
                           explain=explanation_sentences, why=why_in_one_line, is_minor=is_minor,
                           skipped=set(session.get(SKIPPED, [])), own_language=people_service.own_language,
                           waiting=queue_service.waiting_count(current_user), filter_form=filter_form,
                           filters=filters, back=queue_url(urlencode(list(args.items(multi=True)))).partition("?")[2],
                           strength=queue_service.strength, waiting_days=queue_service.waiting_days, error=error)
    # Logged before the page leaves the server; rendered first, because the commit would expire every card.
    person_reads.read_cases(current_user, matches, "caseworker_queue")
    return page


@bp.route("/matches/<int:match_id>/skip", methods=["POST"])
def skip(match_id: int):
    """Move the card to the end of the queue for this login session; the case itself does not change.
    The page comes back at the row that followed it."""
    match = get_match_in_my_area_or_404(match_id)
    if not SkipForm().validate_on_submit():
        abort(400)
    skipped = [i for i in session.get(SKIPPED, []) if i != match.id] + [match.id]
    session[SKIPPED] = skipped[-queue_service.MAX_SKIPPED:]
    return redirect(queue_url(request.form.get("back"), _row_id(request.form.get("next"))))


@bp.route("/matches/bulk", methods=["POST"])
def bulk_decide():
    """One decision for the ticked suggestions; people under 18 are never approved this way."""
    form = BulkDecisionForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(queue_url(request.form.get("back")))
    matches = queue_service.suggestions_in_area(queue_service.parse_ids(request.form.getlist("match_id")),
                                                current_user)
    if not matches:
        flash(_("Tick at least one suggestion first."), "error")
        return redirect(queue_url(request.form.get("back")))
    result = queue_service.decide_many(matches, form.action.data, current_user,
                                       reason_code=form.reason.data or None, note=form.note.data or None)
    if result.done:
        flash(ngettext("%(num)s decision is saved.", "%(num)s decisions are saved.", result.done), "success")
    if result.minors:
        flash(ngettext("%(num)s person under 18 was not approved: approve each one on their own card, "
                       "after checking the suggestion.",
                       "%(num)s people under 18 were not approved: approve each one on their own card, "
                       "after checking the suggestion.", len(result.minors)), "info")
    if result.not_moved:
        flash(ngettext("%(num)s suggestion was already decided by someone else.",
                       "%(num)s suggestions were already decided by someone else.", result.not_moved), "info")
    return redirect(queue_url(request.form.get("back")))


@bp.route("/matches/<int:match_id>/decide", methods=["POST"])
def decide(match_id: int):
    """Save a decision; the page comes back at the next row. A refused decision (no reason, a minor not ticked)
    shows the queue again at the same row, opened, with the message and what was chosen and written on it:
    the caseworker keeps their place."""
    match = get_match_in_my_area_or_404(match_id)
    form = DecisionForm()
    back, following = request.form.get("back"), _row_id(request.form.get("next"))
    if not form.validate_on_submit():
        messages = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return render_queue(_args(back), (match.id, messages, form.decision.data, form.note.data or ""))
    try:
        cases.move(match, form.decision.data, current_user, reason_code=form.reason.data or None,
                   note=form.note.data or None, minor_checked=form.minor_checked.data)
        flash(_("The decision is saved."), "success")
    except cases.MinorNeedsCheck:
        db.session.rollback()
        return render_queue(_args(back), (match.id, _("This person is under 18. Tick the box to confirm that you "
                                                      "have checked the suggestion."),
                                          form.decision.data, form.note.data or ""))
    except cases.TransitionError:
        flash(_("Someone already decided on this suggestion."), "error")
    return redirect(queue_url(back, following))


@bp.route("/people/<int:profile_id>")
def person(profile_id: int):
    profile = person_reads.person_for(current_user, profile_id)
    if profile is None:
        abort(404)
    return render_person(profile)


def render_person(profile: JobseekerProfile, note_form: NoteForm | None = None):
    """The person page: profile, caseworker, cases and notes (newest first); the read is audited."""
    person_reads.read(current_user, profile)
    moved = moved_here_from(profile)
    names = labels_for(list(profile.skills or []) + list(profile.wanted_occupations or [])
                       + [profile.municipality_code, profile.education_level])
    matches = db.session.scalars(select(Match).where(Match.profile_id == profile.id)
                                 .options(selectinload(Match.opportunity),
                                          selectinload(Match.events).selectinload(MatchEvent.actor))
                                 .order_by(Match.updated_at.desc(), Match.id.desc())).all()
    from app.caseworker.forms import AddConceptForm, ReadingCorrectionForm
    from app.services.readings import reading_for

    return render_template("caseworker/person.html", profile=profile, names=names,
                           reading=reading_for(profile), correction_form=ReadingCorrectionForm(),
                           add_concept_form=AddConceptForm(),
                           contact=contact_for(profile, current_user),
                           protected_form=ProtectedIdentityForm(protected=profile.protected_identity),
                           matches=matches, notes=people_service.notes_about(profile, current_user),
                           moved=moved, moved_from_name=labels_for([moved.detail])[moved.detail] if moved else None,
                           note_form=note_form or NoteForm(), take_on_form=TakeOnForm(),
                           assign_form=assign_form_for(profile), follow_up_statuses=cases.FOLLOW_UP_MONTHS,
                           may_hand_over=people_service.may_hand_over(profile, current_user),
                           data_form=_person_data_form(profile),
                           is_minor=is_minor, own_language=people_service.own_language,
                           role_labels=ROLE_LABELS, reason_labels=REASON_LABELS)


def _person_data_form(profile: JobseekerProfile) -> PersonDataForm:
    from app.caseworker.people import _copy_locale
    from app.presentation.i18n import SUPPORTED_LOCALES

    form = PersonDataForm(formdata=None, lang=_copy_locale(profile))
    form.lang.choices = list(SUPPORTED_LOCALES.items())
    return form


def assign_form_for(profile: JobseekerProfile) -> AssignForm:
    form = AssignForm(caseworker=profile.caseworker_id)
    form.caseworker.choices = [(u.id, u.full_name) for u in people_service.caseworkers_for(profile.municipality_code)]
    return form


@bp.route("/follow-ups")
def follow_ups():
    """Hires whose 3- or 6-month follow-up is due, the longest waiting first."""
    due = cases.follow_ups_due(current_user)
    page = render_template("caseworker/follow_ups.html", due=due, months=cases.FOLLOW_UP_MONTHS)
    person_reads.read_many(current_user, [match.profile for match, _at in due], "caseworker_list")  # after rendering
    return page


@bp.route("/matches/<int:match_id>/follow-up", methods=["GET", "POST"])
def follow_up(match_id: int):
    match = get_match_in_my_area_or_404(match_id)
    if match.status not in cases.FOLLOW_UP_MONTHS:
        flash(_("This case has no follow-up to record."), "info")
        return redirect(url_for("caseworker.person", profile_id=match.profile_id))
    form = FollowUpForm()
    if form.validate_on_submit():
        try:
            cases.follow_up(match, current_user, still_working=form.still_working.data == "yes",
                            note=form.note.data or None)
        except cases.TransitionError:
            flash(_("Only a caseworker can record a follow-up."), "error")
        else:
            flash(_("The follow-up is saved."), "success")
            return redirect(url_for("caseworker.follow_ups"))
    person_reads.read(current_user, match.profile)
    return render_template("caseworker/follow_up.html", match=match, form=form,
                           months=cases.FOLLOW_UP_MONTHS[match.status])


@bp.route("/organisations")
def organisations():
    """Organisations waiting for approval, then those decided (to suspend or lift): in the caseworker's
    municipality, or all for an administrator."""
    return render_organisations()


def render_organisations(failed: tuple[int, str, object] | None = None):
    """The page; failed = (organisation id, which form, the form with its errors) after a refused decision."""
    def form_for(organisation, kind, cls):
        if failed and failed[0] == organisation.id and failed[1] == kind:
            return failed[2]
        return cls(formdata=None)
    waiting = vetting.awaiting_vetting(current_user)
    return render_template("caseworker/organisations.html", organisations=waiting,
                           decided=vetting.decided(current_user), form=ApproveOrganisationForm(),
                           lift_form=LiftSuspensionForm(), form_for=form_for, history=vetting.history,
                           RejectOrganisationForm=RejectOrganisationForm,
                           SuspendOrganisationForm=SuspendOrganisationForm, VETTING_LABELS=VETTING_LABELS,
                           look_alikes={o.id: vetting.look_alikes(o) for o in waiting}), 400 if failed else 200


def _organisation_to_vet_or_404(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not vetting.may_vet(current_user, organisation):
        abort(404)
    return organisation


@bp.route("/organisations/<int:organisation_id>/approve", methods=["POST"])
def approve_organisation(organisation_id: int):
    organisation = _organisation_to_vet_or_404(organisation_id)
    if not ApproveOrganisationForm().validate_on_submit():
        abort(400)
    if vetting.vet(organisation, current_user):
        flash(_("%(name)s is approved and can now see the candidates you approve.", name=organisation.name),
              "success")
    else:
        flash(_("This organisation was already approved."), "info")
    return redirect(url_for("caseworker.organisations"))


@bp.route("/organisations/<int:organisation_id>/reject", methods=["POST"])
def reject_organisation(organisation_id: int):
    organisation = _organisation_to_vet_or_404(organisation_id)
    form = RejectOrganisationForm()
    if not form.validate_on_submit():
        flash(_("Write the reason: the organisation is told it."), "error")
        return render_organisations((organisation.id, "reject", form))
    if vetting.reject(organisation, current_user, form.reason.data):
        flash(_("%(name)s is rejected; the organisation is told why.", name=organisation.name), "success")
    else:
        flash(_("Someone already decided on this organisation."), "info")
    return redirect(url_for("caseworker.organisations"))


@bp.route("/organisations/<int:organisation_id>/suspend", methods=["POST"])
def suspend_organisation(organisation_id: int):
    organisation = _organisation_to_vet_or_404(organisation_id)
    form = SuspendOrganisationForm()
    if not form.validate_on_submit():
        flash(_("Write the reason: the organisation is told it."), "error")
        return render_organisations((organisation.id, "suspend", form))
    if vetting.suspend(organisation, current_user, form.reason.data):
        flash(_("%(name)s is suspended: its places are not matched and it sees no candidates.",
                name=organisation.name), "success")
    else:
        flash(_("Someone already decided on this organisation."), "info")
    return redirect(url_for("caseworker.organisations", _anchor=f"organisation-{organisation.id}"))


@bp.route("/organisations/<int:organisation_id>/lift-suspension", methods=["POST"])
def lift_organisation_suspension(organisation_id: int):
    organisation = _organisation_to_vet_or_404(organisation_id)
    if not LiftSuspensionForm().validate_on_submit():
        abort(400)
    if vetting.lift_suspension(organisation, current_user):
        flash(_("The suspension of %(name)s is lifted.", name=organisation.name), "success")
    else:
        flash(_("Someone already decided on this organisation."), "info")
    return redirect(url_for("caseworker.organisations", _anchor=f"organisation-{organisation.id}"))
