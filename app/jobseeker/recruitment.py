"""Recruitment days, the person's side: invitations, signing up for a time, cancelling."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from flask_login import current_user

from app.extensions import db
from app.forms import ActionForm
from app.jobseeker import bp
from app.models import RecruitmentInvitation
from app.services import recruitment
from app.services.profiles import profile_of


def get_own_invitation_or_404(invitation_id: int) -> RecruitmentInvitation:
    invitation = db.session.get(RecruitmentInvitation, invitation_id)
    profile = profile_of(current_user)
    if invitation is None or profile is None or invitation.profile_id != profile.id:
        abort(404)
    return invitation


@bp.route("/recruitment-days")
def recruitment_days():
    profile = profile_of(current_user)
    invitations = recruitment.invitations_of(profile) if profile else []
    return render_template("jobseeker/recruitment_days.html", invitations=invitations, form=ActionForm(),
                           code=recruitment.participant_code)


@bp.route("/recruitment-days/<int:invitation_id>/sign-up", methods=["POST"])
def recruitment_sign_up(invitation_id: int):
    invitation = get_own_invitation_or_404(invitation_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    slot = request.form.get("slot", "")
    try:
        recruitment.sign_up(invitation, int(slot) if slot.isdigit() else None)
    except recruitment.Full:
        flash(_("Sorry, the recruitment day is full. Your caseworker can tell you about the next one."), "error")
    else:
        flash(_("You are signed up. Welcome!"), "success")
    return redirect(url_for("jobseeker.recruitment_days"))


@bp.route("/recruitment-days/<int:invitation_id>/cancel", methods=["POST"])
def recruitment_cancel(invitation_id: int):
    invitation = get_own_invitation_or_404(invitation_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    recruitment.cancel(invitation)
    flash(_("You have cancelled. Thank you for telling us."), "success")
    return redirect(url_for("jobseeker.recruitment_days"))


@bp.context_processor
def _notices():
    """Messages to the person (a closed case, an invitation) on their pages (app/templates/_notices.html)."""
    from app.services import notices

    if not current_user.is_authenticated:
        return {}
    return {"notices": notices.recent_for(current_user), "notice_text": notices.text_of}
