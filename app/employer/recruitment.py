"""Recruitment days, the organisation's side: who comes, and noting interest per person."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.employer import bp
from app.extensions import db
from app.forms import ActionForm
from app.models import RecruitmentDay, RecruitmentInvitation, recruitment_day_place, Opportunity
from app.services import recruitment
from app.services.concepts import labels_for


def _my_places(event: RecruitmentDay) -> list[Opportunity]:
    return [p for p in event.places if p.organisation_id == current_user.organisation_id]


def get_my_day_or_404(day_id: int) -> RecruitmentDay:
    event = db.session.get(RecruitmentDay, day_id)
    if event is None or not _my_places(event):
        abort(404)
    return event


@bp.route("/recruitment-days")
def recruitment_days():
    days = db.session.scalars(
        select(RecruitmentDay).join(recruitment_day_place).join(Opportunity)
        .where(Opportunity.organisation_id == current_user.organisation_id).distinct()
        .order_by(RecruitmentDay.day.desc())).all()
    return render_template("employer/recruitment_days.html", days=days)


@bp.route("/recruitment-days/<int:day_id>")
def recruitment_day(day_id: int):
    event = get_my_day_or_404(day_id)
    participants = recruitment.participants_for(event)
    concept_ids = [c for i in participants for c in (i.profile.wanted_occupations or []) + (i.profile.skills or [])]
    return render_template("employer/recruitment_day.html", event=event, participants=participants,
                           places=_my_places(event), labels=labels_for(concept_ids), form=ActionForm(),
                           code=recruitment.participant_code,
                           interested={(x.invitation_id, x.opportunity_id) for i in participants for x in i.interests})


@bp.route("/recruitment-days/invitations/<int:invitation_id>/interest", methods=["POST"])
def recruitment_interest(invitation_id: int):
    invitation = db.session.get(RecruitmentInvitation, invitation_id)
    if invitation is None:
        abort(404)
    event = get_my_day_or_404(invitation.day_id)
    place = next((p for p in _my_places(event) if str(p.id) == request.form.get("opportunity_id")), None)
    if invitation not in recruitment.participants_for(event):
        abort(404)
    if place is None:
        abort(400)
    if not ActionForm().validate_on_submit():
        abort(400)
    recruitment.note_interest(invitation, place, current_user)
    flash(_("Your interest is noted. The person is asked whether they want to be introduced; when they say yes, "
            "you see their contact details on the place's page."), "success")
    return redirect(url_for("employer.recruitment_day", day_id=event.id))
