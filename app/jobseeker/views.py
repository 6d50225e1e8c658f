"""Profile and suggestions for the person themself."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.explanations import explanation_sentences
from app.extensions import db
from app.forms import ActionForm
from app.jobseeker import bp
from app.jobseeker.forms import ProfileForm
from app.models import Match, MatchStatus
from app.services import cases
from app.services.profiles import profile_of, save_profile

VISIBLE_TO_JOBSEEKER = [s for s in MatchStatus if s not in (MatchStatus.SUGGESTED, MatchStatus.REJECTED)]


def get_own_match_or_404(match_id: int) -> Match:
    """A match the caseworker approved for the logged-in person; 404 for anything else."""
    match = db.session.get(Match, match_id)
    if (match is None or match.status not in VISIBLE_TO_JOBSEEKER
            or match.profile.user_id != current_user.id):
        abort(404)
    return match


@bp.route("/")
def home():
    profile = profile_of(current_user)
    if profile is None:
        return redirect(url_for("jobseeker.profile"))
    matches = db.session.scalars(
        select(Match).where(Match.profile_id == profile.id, Match.status.in_(VISIBLE_TO_JOBSEEKER))
        .options(selectinload(Match.opportunity)).order_by(Match.score.desc())).all()
    return render_template("jobseeker/home.html", profile=profile, matches=matches, form=ActionForm(),
                           explain=explanation_sentences)


@bp.route("/profile", methods=["GET", "POST"])
def profile():
    existing = profile_of(current_user)
    form = ProfileForm(obj=existing, full_name=existing.full_name if existing else current_user.full_name)
    form.fill_choices()
    if form.validate_on_submit():
        save_profile(existing, form.values(), user=current_user)
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("jobseeker.home"))
    if form.errors:
        flash(_("Some answers need to be fixed. See the messages below."), "error")
    return render_template("jobseeker/profile.html", form=form)


@bp.route("/matches/<int:match_id>/respond", methods=["POST"])
def respond(match_id: int):
    match = get_own_match_or_404(match_id)
    answer = request.form.get("answer")
    if not ActionForm().validate_on_submit() or answer not in ("yes", "no"):
        abort(400)
    try:
        cases.move(match, MatchStatus.INTRODUCED if answer == "yes" else MatchStatus.DECLINED, current_user)
    except cases.NoSeatsLeft:
        flash(_("Sorry, all places are taken now. Your caseworker will help you find another."), "error")
    except cases.TransitionError:
        flash(_("You have already answered this suggestion."), "error")
    else:
        flash(_("Thank you! The employer will contact you.") if answer == "yes"
              else _("Thank you for your answer."), "success")
    return redirect(url_for("jobseeker.home"))
