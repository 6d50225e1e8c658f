"""Profile, suggestions and the person's own data (copy, access log, deletion) for the person themself."""
from flask import Response, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale, gettext as _
from flask_login import current_user, logout_user
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.services import privacy_register
from app.presentation.consent_texts import CONSENT_TEXT_VERSION, INTRODUCTION_CONSENT_TEXT
from app.presentation.explanations import explanation_sentences, reasons_for_jobseeker
from app.extensions import db
from app.forms import ActionForm
from app.jobseeker import bp
from app.auth.views import safe_next
from app.presentation.explanations import distance_sentence
from app.presentation.i18n import current_locale
from app.jobseeker.forms import DeleteAccountForm, ProfileForm, _is_latin
from app.presentation.labels import AUDIT_ACTION_LABELS, KIND_EXPLAINED, KIND_LABELS
from app.models import Match, MatchStatus
from app.services import applications, cases, concepts, consents, drafts, retention
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


SWEDISH_BESIDE = "swedish_beside"  # session flag: show the Swedish beside the person's language


def _swedish_beside() -> bool:
    return bool(session.get(SWEDISH_BESIDE)) and current_locale() != "sv"


def _in_swedish(render):
    """render() again with Swedish as the language, for the 'Swedish beside' switch."""
    with force_locale("sv"):
        return render()


def _beside_sv(text: str) -> Markup:
    """The Swedish of a heading, to show beside the person's language."""
    return Markup(' <span class="sv-beside" lang="sv" dir="ltr">(<bdi>%s</bdi>)</span>') % _in_swedish(lambda: _(text))


def _own_matches(profile):
    return db.session.scalars(
        select(Match).where(Match.profile_id == profile.id, Match.status.in_(VISIBLE_TO_JOBSEEKER))
        .options(selectinload(Match.opportunity), selectinload(Match.events))
        .order_by(Match.score.desc(), Match.id)).all()


def _card(match):
    """What the card needs beyond the match itself: reasons (and in Swedish), distance, deadlines."""
    beside = _swedish_beside()
    return {
        "match": match,
        "reasons": reasons_for_jobseeker(match),
        "reasons_sv": _in_swedish(lambda: reasons_for_jobseeker(match)) if beside else None,
        "where": distance_sentence(match),
        "where_sv": _in_swedish(lambda: distance_sentence(match)) if beside else None,
        "kind_sv": _in_swedish(lambda: f"{KIND_LABELS[match.opportunity.kind]}. {KIND_EXPLAINED[match.opportunity.kind]}")
        if beside else None,
        "municipality": applications.municipality_name(match.opportunity.municipality_code),
        "reply_days": applications.reply_working_days(match.opportunity),
        "open": applications.place_is_open(match.opportunity),
        "yes_again": applications.can_say_yes_again(match),
    }


@bp.route("/")
def home():
    profile = profile_of(current_user)
    if profile is None:
        return redirect(url_for("jobseeker.profile"))
    cards = [_card(match) for match in _own_matches(profile)]
    return render_template("jobseeker/home.html", profile=profile, cards=cards, form=ActionForm(),
                           consent_text=INTRODUCTION_CONSENT_TEXT, contact=applications.contact_for_person(profile),
                           beside=_swedish_beside())


@bp.route("/applications")
def my_applications():
    """Each case's journey as a timeline, with what happens next, by when, and whom to ask."""
    profile = profile_of(current_user)
    if profile is None:
        return redirect(url_for("jobseeker.profile"))
    matches = _own_matches(profile)
    return render_template("jobseeker/applications.html", profile=profile, matches=matches,
                           journey=applications.journey, answers_by=applications.employer_answers_by,
                           yes_again=applications.can_say_yes_again, form=ActionForm(),
                           contact=applications.contact_for_person(profile))


@bp.route("/swedish-beside", methods=["POST"])
def swedish_beside():
    """Turn 'Swedish beside my language' on or off (kept for the session)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    session[SWEDISH_BESIDE] = request.form.get("on") == "1"
    return redirect(safe_next(request.form.get("next")) or url_for("jobseeker.home"))


@bp.route("/profile", methods=["GET", "POST"])
def profile():
    existing = profile_of(current_user)
    draft = drafts.load("profile", user=current_user) if request.method == "GET" else None
    if draft is not None:
        form = ProfileForm(formdata=drafts.formdata(draft))
    else:
        form = ProfileForm(obj=existing, full_name=_latin_start(existing))
        if existing is None and not form.is_submitted():
            form.name_own_script.data = None if _is_latin(current_user.full_name) else current_user.full_name
    form.fill_choices()
    if form.validate_on_submit():
        first_time = existing is None
        save_profile(existing, form.values(), user=current_user)
        drafts.discard("profile", user=current_user)
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("jobseeker.home", saved=1 if first_time else None) + "#next-steps")
    if form.errors:
        flash(_("Some answers need to be fixed. See the messages below."), "error")
    return render_template("jobseeker/profile.html", form=form, step=draft.step if draft else 0,
                           draft_restored=draft is not None, draft_form="profile-form")


def _latin_start(existing) -> str:
    """The name to start the Latin-letter field with: the profile's, or the account's if written in Latin letters."""
    if existing is not None:
        return existing.full_name
    return current_user.full_name if _is_latin(current_user.full_name) else ""


@bp.route("/matches/<int:match_id>/respond", methods=["POST"])
def respond(match_id: int):
    match = get_own_match_or_404(match_id)
    answer = request.form.get("answer")
    if not ActionForm().validate_on_submit() or answer not in ("yes", "no"):
        abort(400)
    if answer == "no" and request.form.get("confirmed") != "1":
        return redirect(url_for("jobseeker.confirm", match_id=match.id, action="no"))
    was_declined = match.status == MatchStatus.DECLINED
    try:
        if answer == "yes":
            consents.agree_to_introduction(match, current_user, CONSENT_TEXT_VERSION)
        else:
            cases.move(match, MatchStatus.DECLINED, current_user)
    except cases.NoSeatsLeft:
        flash(_("Sorry, all places are taken now. Your caseworker will help you find another."), "error")
    except cases.TransitionError:
        flash(_("You have already answered this suggestion.") if not was_declined
              else _("This place is no longer open, so you cannot say yes any more. Your caseworker can help you find another."),
              "error")
    else:
        flash(_("Thank you! The employer will contact you.") if answer == "yes"
              else _("You said no. You can change your mind while the place is open."), "success")
    return redirect(url_for("jobseeker.home") + f"#match-{match.id}")


@bp.route("/matches/<int:match_id>/confirm/<action>")
def confirm(match_id: int, action: str):
    """'Are you sure?' before saying no or taking back a yes: a page of its own, so it works without JavaScript."""
    match = get_own_match_or_404(match_id)
    if action not in ("no", "withdraw"):
        abort(404)
    if (action == "no" and match.status != MatchStatus.APPROVED) or (
            action == "withdraw" and match.status != MatchStatus.INTRODUCED):
        flash(_("This suggestion has changed since you opened it. Here is where it stands now."), "info")
        return redirect(url_for("jobseeker.home") + f"#match-{match.id}")
    return render_template("jobseeker/confirm.html", match=match, action=action, form=ActionForm(),
                           open_until=match.opportunity.deadline)


@bp.route("/matches/<int:match_id>/withdraw", methods=["POST"])
def withdraw(match_id: int):
    """Take back the yes to an introduction, as long as the employer has not recorded an outcome."""
    match = get_own_match_or_404(match_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if request.form.get("confirmed") != "1":
        return redirect(url_for("jobseeker.confirm", match_id=match.id, action="withdraw"))
    try:
        consents.withdraw_introduction(match, current_user)
    except cases.TransitionError:
        flash(_("The employer has already recorded what happened, so your yes can no longer be taken back here. "
                "Talk to your caseworker."), "error")
    else:
        flash(_("Your yes is taken back. The employer can no longer see your name or contact details."), "success")
    return redirect(url_for("jobseeker.home") + f"#match-{match.id}")


@bp.route("/privacy")
def privacy():
    """What we keep about you and why, in plain language."""
    profile = profile_of(current_user)
    rules = retention.settings_for(profile.municipality_code) if profile else None
    return render_template("jobseeker/privacy.html", groups=privacy_register.GROUPS, rules=rules)


@bp.route("/data")
def my_data():
    """Everything we keep about the person, readable, in their language."""
    return render_template("jobseeker/data.html", data=personal_data(current_user),
                           language_names=dict(concepts.choices("language", "code")), beside=_swedish_beside(),
                           beside_sv=_beside_sv if _swedish_beside() else lambda text: "")


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
