"""An organisation's opportunities and the candidates a caseworker approved for them."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.employer import bp
from app.employer.forms import OpportunityForm, OutcomeForm
from app.extensions import db
from app.models import Match, Opportunity
from app.once import already_sent
from app.services import cases
from app.services.candidates import SHOWN_TO_EMPLOYER, cards_for_opportunity
from app.services.concepts import label_for
from app.services.opportunities import opportunities_of, save_opportunity
from app.services import vetting
from app.services.vetting import is_vetted


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
                           opportunities=opportunities_of(organisation),
                           vetting_decision=vetting.latest_decision(organisation))


@bp.route("/opportunities/new", methods=["GET", "POST"])
def opportunity_new():
    return _edit(None)


@bp.route("/opportunities/<int:opportunity_id>/edit", methods=["GET", "POST"])
def opportunity_edit(opportunity_id: int):
    return _edit(get_own_opportunity_or_404(opportunity_id))


def _edit(opportunity: Opportunity | None):
    form = OpportunityForm(obj=opportunity)
    if opportunity is not None and not form.is_submitted():
        form.occupation.data = label_for(opportunity.occupation_id)
    form.fill_choices(current_user.organisation.kind)
    if form.validate_on_submit():
        if already_sent(form.once.data):  # the same page sent again (double click): it is saved already
            return redirect(url_for("employer.home"))
        saved = save_opportunity(opportunity, form.values(), organisation=current_user.organisation)
        flash(_("The opportunity is saved."), "success")
        return redirect(url_for("employer.opportunity_view", opportunity_id=saved.id))
    if form.errors:
        flash(_("Some answers need to be fixed. See the messages below."), "error")
    return render_template("employer/opportunity_form.html", form=form, opportunity=opportunity)


@bp.route("/opportunities/<int:opportunity_id>")
def opportunity_view(opportunity_id: int):
    opportunity = get_own_opportunity_or_404(opportunity_id)
    cards = cards_for_opportunity(opportunity, current_user)  # None: not vetted yet, so no card at all
    db.session.commit()  # the audit events written by candidate_card
    return render_template("employer/opportunity.html", opportunity=opportunity, cards=cards,
                           occupation=label_for(opportunity.occupation_id), outcome_form=OutcomeForm())


@bp.route("/candidates/<int:match_id>/outcome", methods=["POST"])
def record_outcome(match_id: int):
    match = get_own_match_or_404(match_id)
    form = OutcomeForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        cases.move(match, form.outcome.data, current_user)
        flash(_("The outcome is saved."), "success")
    except cases.TransitionError:
        flash(_("This outcome cannot be recorded now: the candidate has not agreed to be introduced yet, "
                "or the case is already closed."), "error")
    return redirect(url_for("employer.opportunity_view", opportunity_id=match.opportunity_id))
