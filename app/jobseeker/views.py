"""Profile, suggestions and the person's own data (copy, access log, deletion) for the person themself."""
from flask import Response, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import privacy_register
from app.consent import CONSENT_TEXT_VERSION, INTRODUCTION_CONSENT_TEXT
from app.explanations import explanation_sentences
from app.extensions import db
from app.forms import ActionForm
from app.jobseeker import bp
from app.jobseeker.forms import DeleteAccountForm, ProfileForm
from app.labels import AUDIT_ACTION_LABELS
from app.models import Match, MatchStatus
from app.services import cases, consents, retention
from app.services.audit import events_about
from app.services.deletion import erase_person
from app.services.personal_data import personal_data, personal_data_json, reader
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
                           explain=explanation_sentences, consent_text=INTRODUCTION_CONSENT_TEXT)


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
        if answer == "yes":
            consents.agree_to_introduction(match, current_user, CONSENT_TEXT_VERSION)
        else:
            cases.move(match, MatchStatus.DECLINED, current_user)
    except cases.NoSeatsLeft:
        flash(_("Sorry, all places are taken now. Your caseworker will help you find another."), "error")
    except cases.TransitionError:
        flash(_("You have already answered this suggestion."), "error")
    else:
        flash(_("Thank you! The employer will contact you.") if answer == "yes"
              else _("Thank you for your answer."), "success")
    return redirect(url_for("jobseeker.home"))


@bp.route("/matches/<int:match_id>/withdraw", methods=["POST"])
def withdraw(match_id: int):
    """Take back the yes to an introduction, as long as the employer has not recorded an outcome."""
    match = get_own_match_or_404(match_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        consents.withdraw_introduction(match, current_user)
    except cases.TransitionError:
        flash(_("The employer has already recorded what happened, so your yes can no longer be taken back here. "
                "Talk to your caseworker."), "error")
    else:
        flash(_("Your yes is taken back. The employer can no longer see your name or contact details."), "success")
    return redirect(url_for("jobseeker.home"))


@bp.route("/privacy")
def privacy():
    """What we keep about you and why, in plain language."""
    profile = profile_of(current_user)
    rules = retention.settings_for(profile.municipality_code) if profile else None
    return render_template("jobseeker/privacy.html", groups=privacy_register.GROUPS, rules=rules)


@bp.route("/data")
def my_data():
    """Everything we keep about the person, readable, in their language."""
    return render_template("jobseeker/data.html", data=personal_data(current_user))


@bp.route("/data.json")
def my_data_json():
    """The same, as a JSON file to keep or take elsewhere."""
    return Response(personal_data_json(current_user), mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="jobbrygga-my-data.json"'})


@bp.route("/data/readers")
def access_log():
    """Who has read my data: date, role and organisation or municipality of each reader."""
    profile = profile_of(current_user)
    events = events_about(profile) if profile else []
    return render_template("jobseeker/access_log.html", events=events, reader=reader, action_labels=AUDIT_ACTION_LABELS)


@bp.route("/delete", methods=["GET", "POST"])
def delete_account():
    """Erase the account and everything about the person once they tick the box; then log them out."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        locale = current_user.locale
        erase_person(user=current_user._get_current_object())
        logout_user()
        session.clear()
        if locale:
            session["locale"] = locale  # the confirmation is still in the person's language
        return redirect(url_for("main.account_deleted"))
    return render_template("jobseeker/delete.html", form=form)
