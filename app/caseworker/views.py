"""Review queue, matching runs, a person's page and the follow-ups of hires, limited to the caseworker's
municipality."""
from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.caseworker import bp
from app.caseworker.forms import (ApproveOrganisationForm, AssignForm, BulkDecisionForm, DecisionForm, FollowUpForm,
                                  NoteForm, ProtectedIdentityForm, RunMatchingForm, SkipForm, TakeOnForm)
from app.explanations import explanation_sentences
from app.extensions import db
from app.labels import REASON_LABELS, ROLE_LABELS
from app.models import JobseekerProfile, Match, MatchEvent, Organisation
from app.services import cases, people as people_service, queue as queue_service
from app.services import vetting
from app.services import person_reads
from app.services.concepts import labels_for
from app.services.contact import contact_for
from app.services.profiles import is_minor

SKIPPED = "queue_skipped"  # session key: suggestions skipped in this login session, in order


def get_match_in_my_area_or_404(match_id: int) -> Match:
    match = person_reads.match_for(current_user, match_id)
    if match is None:
        abort(404)
    return match


@bp.route("/")
def queue():
    matches = queue_service.review_queue(current_user, session.get(SKIPPED, []))
    page = render_template("caseworker/queue.html", matches=matches, run_form=RunMatchingForm(),
                           decision_form=DecisionForm(), bulk_form=BulkDecisionForm(), skip_form=SkipForm(),
                           explain=explanation_sentences, is_minor=is_minor, skipped=set(session.get(SKIPPED, [])),
                           own_language=people_service.own_language,
                           waiting=queue_service.waiting_count(current_user))
    # Logged before the page leaves the server; rendered first, because the commit would expire every card.
    person_reads.read_many(current_user, [match.profile for match in matches], "caseworker_queue")
    return page


@bp.route("/matches/<int:match_id>/skip", methods=["POST"])
def skip(match_id: int):
    """Move the card to the end of the queue for this login session; the case itself does not change."""
    match = get_match_in_my_area_or_404(match_id)
    if not SkipForm().validate_on_submit():
        abort(400)
    skipped = [i for i in session.get(SKIPPED, []) if i != match.id] + [match.id]
    session[SKIPPED] = skipped[-queue_service.MAX_SKIPPED:]
    return redirect(url_for("caseworker.queue"))


@bp.route("/matches/bulk", methods=["POST"])
def bulk_decide():
    """One decision for the ticked suggestions; people under 18 are never approved this way."""
    form = BulkDecisionForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(url_for("caseworker.queue"))
    matches = queue_service.suggestions_in_area(queue_service.parse_ids(request.form.getlist("match_id")),
                                                current_user)
    if not matches:
        flash(_("Tick at least one suggestion first."), "error")
        return redirect(url_for("caseworker.queue"))
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
    return redirect(url_for("caseworker.queue"))


@bp.route("/matches/<int:match_id>/decide", methods=["POST"])
def decide(match_id: int):
    match = get_match_in_my_area_or_404(match_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(url_for("caseworker.queue"))
    try:
        cases.move(match, form.decision.data, current_user, reason_code=form.reason.data or None,
                   note=form.note.data or None, minor_checked=form.minor_checked.data)
        flash(_("The decision is saved."), "success")
    except cases.MinorNeedsCheck:
        flash(_("This person is under 18. Tick the box to confirm that you have checked the suggestion."), "error")
    except cases.TransitionError:
        flash(_("Someone already decided on this suggestion."), "error")
    return redirect(url_for("caseworker.queue"))


@bp.route("/people/<int:profile_id>")
def person(profile_id: int):
    profile = person_reads.person_for(current_user, profile_id)
    if profile is None:
        abort(404)
    return render_person(profile)


def render_person(profile: JobseekerProfile, note_form: NoteForm | None = None):
    """The person page: profile, caseworker, cases and notes (newest first); the read is audited."""
    person_reads.read(current_user, profile)
    names = labels_for(list(profile.skills or []) + list(profile.wanted_occupations or [])
                       + [profile.municipality_code, profile.education_level])
    matches = db.session.scalars(select(Match).where(Match.profile_id == profile.id)
                                 .options(selectinload(Match.opportunity),
                                          selectinload(Match.events).selectinload(MatchEvent.actor))
                                 .order_by(Match.updated_at.desc(), Match.id.desc())).all()
    return render_template("caseworker/person.html", profile=profile, names=names,
                           contact=contact_for(profile, current_user),
                           protected_form=ProtectedIdentityForm(protected=profile.protected_identity),
                           matches=matches, notes=people_service.notes_about(profile),
                           note_form=note_form or NoteForm(), take_on_form=TakeOnForm(),
                           assign_form=assign_form_for(profile), follow_up_statuses=cases.FOLLOW_UP_MONTHS,
                           is_minor=is_minor, own_language=people_service.own_language,
                           role_labels=ROLE_LABELS, reason_labels=REASON_LABELS)


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
    """Organisations waiting for approval: in the caseworker's municipality, or all for an administrator."""
    return render_template("caseworker/organisations.html", organisations=vetting.awaiting_vetting(current_user),
                           form=ApproveOrganisationForm())


@bp.route("/organisations/<int:organisation_id>/approve", methods=["POST"])
def approve_organisation(organisation_id: int):
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not vetting.may_vet(current_user, organisation):
        abort(404)
    if not ApproveOrganisationForm().validate_on_submit():
        abort(400)
    if vetting.vet(organisation, current_user):
        flash(_("%(name)s is approved and can now see the candidates you approve.", name=organisation.name),
              "success")
    else:
        flash(_("This organisation was already approved."), "info")
    return redirect(url_for("caseworker.organisations"))
