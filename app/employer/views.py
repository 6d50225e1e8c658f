"""An organisation's opportunities and the candidates a caseworker approved for them."""
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.presentation import labels
from app.employer import bp
from app.employer.forms import OpportunityForm, OutcomeForm
from app.extensions import db
from app.forms import ActionForm
from app.models import Match, Opportunity, OpportunityStatus
from app.guards.once import TOKEN, new_token
from app.services import cases, notices, opportunities as places
from app.services.candidates import SHOWN_TO_EMPLOYER, cards_for_opportunity
from app.services.concepts import label_for, labels_for
from app.services.opportunities import opportunities_of, save_opportunity
from app.services import vetting
from app.services.vetting import is_vetted


@bp.context_processor
def _labels():
    return {"PROGRAMME_KIND_LABELS": labels.PROGRAMME_KIND_LABELS, "OUTCOME_EXPLANATIONS": labels.OUTCOME_EXPLANATIONS,
            "CLOSED_REASON_LABELS": labels.CLOSED_REASON_LABELS,
            "OPPORTUNITY_STATUS_LABELS": labels.OPPORTUNITY_STATUS_LABELS}


def get_own_opportunity_or_404(opportunity_id: int) -> Opportunity:
    """An opportunity of the logged-in user's organisation; 404 for anyone else's."""
    opportunity = db.session.get(Opportunity, opportunity_id)
    if opportunity is None or opportunity.organisation_id != current_user.organisation_id:
        abort(404)
    return opportunity


def get_own_match_or_404(match_id: int) -> Match:
    match = db.session.get(Match, match_id)
    if (match is None or match.status not in SHOWN_TO_EMPLOYER
            or match.opportunity.organisation_id != current_user.organisation_id
            or not is_vetted(current_user.organisation)):
        abort(404)
    return match


@bp.route("/")
def home():
    organisation = current_user.organisation
    if organisation is None:
        abort(404)
    return render_template("employer/home.html", organisation=organisation,
                           opportunities=opportunities_of(organisation), notices=notices.recent_for(current_user),
                           notice_text=notices.text_of, vetting_decision=vetting.latest_decision(organisation))


@bp.route("/opportunities/new", methods=["GET", "POST"])
def opportunity_new():
    """A new place. The page's address carries the form's key (?key=…), so Back after publishing reloads the same
    key and the place it was saved with is found again (one place, however often the form is sent)."""
    key = request.args.get("key") or (request.form.get("once") if request.method == "POST" else None) or ""
    earlier = None
    if request.args.get("from", "").isdigit():
        earlier = get_own_opportunity_or_404(int(request.args["from"]))
    if not TOKEN.fullmatch(key):
        if request.method == "POST":  # an old page or a script without a key: saved, but not protected
            return _edit(None, earlier=earlier)
        return redirect(url_for("employer.opportunity_new", key=new_token(), **({"from": earlier.id} if earlier else {})))
    saved = places.place_of_form(current_user.organisation, key)
    if saved is not None and request.method == "GET":  # Back to a form that was already sent: that place
        flash(_("This form was already sent. It is saved once.") + " " + _("You can change the place here."), "info")
        return redirect(url_for("employer.opportunity_edit", opportunity_id=saved.id))
    return _edit(None, form_key=key, earlier=earlier)


@bp.route("/opportunities/<int:opportunity_id>/edit", methods=["GET", "POST"])
def opportunity_edit(opportunity_id: int):
    return _edit(get_own_opportunity_or_404(opportunity_id))


def _edit(opportunity: Opportunity | None, *, form_key: str | None = None, earlier: Opportunity | None = None):
    organisation = current_user.organisation
    start = places.copy_values(earlier) if earlier is not None and request.method == "GET" else {}
    form = OpportunityForm(obj=opportunity, saved=opportunity, **start)
    if not form.is_submitted():
        if opportunity is not None:
            form.occupation.data = label_for(opportunity.occupation_id)
            form.intake_dates.data = "\n".join(opportunity.intake_dates or [])
        elif earlier is not None:
            form.occupation.data = label_for(earlier.occupation_id)
            form.leads_to.process_data(earlier.leads_to)
            form.skills_required.process_data(earlier.skills_required)
        else:
            form.municipality_code.data = organisation.municipality_code  # where the organisation is
        if form_key:
            form.once.data = form_key
    form.fill_choices(organisation.kind)
    if form.validate_on_submit():
        publish = not form.save_draft.data
        key = form_key if form_key else None
        again = opportunity is None and places.place_of_form(organisation, key) is not None
        if again and places.place_of_form(organisation, key).status != OpportunityStatus.DRAFT:
            flash(_("This form was already sent. It is saved once."), "info")
            return redirect(url_for("employer.opportunity_view", opportunity_id=places.place_of_form(organisation, key).id))
        saved, _created = save_opportunity(opportunity, form.values(), organisation=organisation, publish=publish,
                                           form_key=key, copied_from=earlier)
        if saved.status == OpportunityStatus.DRAFT:
            flash(_("The draft is saved. Nobody sees it until you publish it."), "success")
        else:
            flash(_("The opportunity is saved."), "success")
        return redirect(url_for("employer.opportunity_view", opportunity_id=saved.id))
    if form.errors:
        flash(_("Some answers need to be fixed. See the messages below."), "error")
    return render_template("employer/opportunity_form.html", form=form, opportunity=opportunity, earlier=earlier)


@bp.route("/opportunities/<int:opportunity_id>")
def opportunity_view(opportunity_id: int):
    opportunity = get_own_opportunity_or_404(opportunity_id)
    cards = cards_for_opportunity(opportunity, current_user)  # None: not vetted yet, so no card at all
    concept_labels = labels_for([*opportunity.skills_required, *opportunity.leads_to])
    return render_template("employer/opportunity.html", opportunity=opportunity, cards=cards,
                           occupation=label_for(opportunity.occupation_id), outcome_form=OutcomeForm(),
                           skills=[concept_labels[c] for c in opportunity.skills_required or []],
                           leads_to=[concept_labels[c] for c in opportunity.leads_to or []],
                           municipality=label_for(opportunity.municipality_code) if opportunity.municipality_code else None,
                           intakes=[date.fromisoformat(d) for d in opportunity.intake_dates or []],
                           action_form=ActionForm(), today=date.today())


@bp.route("/opportunities/<int:opportunity_id>/close", methods=["POST"])
def opportunity_close(opportunity_id: int):
    opportunity = get_own_opportunity_or_404(opportunity_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if places.close(opportunity):
        flash(_("The opportunity is closed. Nobody new is suggested; people already introduced are still yours to "
                "answer."), "success")
    return redirect(url_for("employer.opportunity_view", opportunity_id=opportunity.id))


@bp.route("/opportunities/<int:opportunity_id>/reopen", methods=["POST"])
def opportunity_reopen(opportunity_id: int):
    opportunity = get_own_opportunity_or_404(opportunity_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        places.reopen(opportunity)
    except places.CannotReopen as refused:
        if refused.reason == "deadline":
            flash(_("The last day to apply has passed. Change it to a later day, then open the place again."), "error")
        elif refused.reason == "seats":
            flash(_("All places are taken. Add more places, then open it again."), "error")
        return redirect(url_for("employer.opportunity_view", opportunity_id=opportunity.id))
    flash(_("The opportunity is open again."), "success")
    return redirect(url_for("employer.opportunity_view", opportunity_id=opportunity.id))


@bp.route("/candidates/<int:match_id>/outcome", methods=["POST"])
def record_outcome(match_id: int):
    match = get_own_match_or_404(match_id)
    form = OutcomeForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        flash(_("Choose what happened before you save."), "error")
        return redirect(url_for("employer.opportunity_view", opportunity_id=match.opportunity_id))
    try:
        cases.move(match, form.outcome.data, current_user)
        flash(_("The outcome is saved."), "success")
    except cases.TransitionError:
        flash(_("This outcome cannot be recorded now: the candidate has not agreed to be introduced yet, "
                "or the case is already closed."), "error")
    return redirect(url_for("employer.opportunity_view", opportunity_id=match.opportunity_id))
