"""Review queue, matching runs and a person's profile, limited to the caseworker's municipality."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.caseworker import bp
from app.caseworker.forms import ApproveOrganisationForm, DecisionForm, ProtectedIdentityForm, RunMatchingForm
from app.explanations import explanation_sentences
from app.extensions import db
from app.models import JobseekerProfile, Match, MatchStatus, Organisation, Role
from app.services import cases
from app.services import matching as matching_service
from app.services import vetting
from app.services.audit import record_access, record_access_to_many
from app.services.concepts import labels_for
from app.services.contact import contact_for
from app.services.profiles import is_minor


def in_my_area(profile: JobseekerProfile) -> bool:
    return current_user.role == Role.ADMIN or profile.municipality_code == current_user.municipality_code


def get_match_in_my_area_or_404(match_id: int) -> Match:
    match = db.session.get(Match, match_id)
    if match is None or not in_my_area(match.profile):
        abort(404)
    return match


@bp.route("/")
def queue():
    query = (select(Match).join(JobseekerProfile).where(Match.status == MatchStatus.SUGGESTED,
                                                        JobseekerProfile.hidden_at.is_(None))
             .options(selectinload(Match.profile), selectinload(Match.opportunity))
             .order_by(Match.score.desc(), Match.created_at))
    if current_user.role != Role.ADMIN:
        query = query.where(JobseekerProfile.municipality_code == current_user.municipality_code)
    matches = db.session.scalars(query.limit(200)).all()
    record_access_to_many(current_user, [match.profile for match in matches], "caseworker_queue")
    db.session.commit()
    return render_template("caseworker/queue.html", matches=matches, run_form=RunMatchingForm(),
                           decision_form=DecisionForm(), explain=explanation_sentences, is_minor=is_minor)


@bp.route("/matching/run", methods=["POST"])
def run_matching():
    if not RunMatchingForm().validate_on_submit():
        abort(400)
    if not current_user.municipality_code:
        flash(_("Your account has no municipality. Ask an administrator to set it."), "error")
        return redirect(url_for("caseworker.queue"))
    created = matching_service.run_for_municipality(current_user.municipality_code)
    flash(_("%(n)s new suggestions are waiting for review.", n=created), "success")
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
    profile = db.session.get(JobseekerProfile, profile_id)
    if profile is None or not in_my_area(profile):
        abort(404)
    record_access(current_user, profile, "caseworker_view_profile")
    db.session.commit()
    names = labels_for(list(profile.skills or []) + list(profile.wanted_occupations or [])
                       + [profile.municipality_code, profile.education_level])
    return render_template("caseworker/person.html", profile=profile, names=names,
                           contact=contact_for(profile, current_user),
                           protected_form=ProtectedIdentityForm(protected=profile.protected_identity))


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
