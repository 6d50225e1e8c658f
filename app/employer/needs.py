"""Needs ahead, the organisation's side: record what it expects to recruit, change it, withdraw it, state it again.

The rules and the audit are app/services/needs_ahead.py; a caseworker records needs on the organisation's behalf
with the same form (app/caseworker/needs.py) and they show here, marked as recorded by the municipality.
"""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.employer import bp
from app.employer.need_forms import CompetenceNeedForm, HORIZON_LABELS, WOULD_TAKE_CHOICES
from app.forms import ActionForm
from app.presentation.labels import LEVEL_LABELS
from app.models import Organisation
from app.models.need import CompetenceNeed, NeedStatus
from app.guards.once import already_sent
from app.services import needs_ahead
from app.services.concepts import labels_for


def need_page_context(needs) -> dict:
    """What the list of needs shows beside the rows: labels in the reader's language, who recorded each."""
    ids = [c for need in needs for c in (need.occupation_id, need.municipality_code, *(need.certificates or []))]
    return {"needs": needs, "labels": labels_for(ids), "creators": needs_ahead.recorders(needs),
            "by_municipality": needs_ahead.recorded_by_municipality, "HORIZON_LABELS": HORIZON_LABELS,
            "WOULD_TAKE_LABELS": dict(WOULD_TAKE_CHOICES), "LEVEL_LABELS": LEVEL_LABELS, "ACTIVE": NeedStatus.ACTIVE}


def save_from_form(form: CompetenceNeedForm, organisation: Organisation, need: CompetenceNeed | None):
    """Record or change from a validated form; the saved need, or None when the rules refused (the messages are
    then on the form's fields) or the same new-need form was sent before."""
    try:
        if need is None:
            if already_sent(form.once.data):
                return None
            return needs_ahead.record(organisation, form.values(), current_user)
        needs_ahead.change(need, form.values(), current_user)
        return need
    except needs_ahead.NeedInvalid as refused:  # valid a moment ago; the taxonomy changed in between
        for name, messages in refused.errors.items():
            getattr(form, {"occupation_id": "occupation"}.get(name, name)).errors = list(messages)
        return None


def _organisation() -> Organisation:
    organisation = current_user.organisation
    if organisation is None:
        abort(404)
    return organisation


def get_own_need_or_404(need_id: int) -> CompetenceNeed:
    """A need of the logged-in user's organisation; 404 for anyone else's."""
    need = needs_ahead.need_for(current_user, need_id, _organisation())
    if need is None:
        abort(404)
    return need


@bp.route("/needs")
def needs():
    organisation = _organisation()
    return render_template("employer/needs.html", organisation=organisation, action_form=ActionForm(),
                           **need_page_context(needs_ahead.needs_of(organisation)))


@bp.route("/needs/new", methods=["GET", "POST"])
def need_new():
    return _edit(None)


@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
def need_edit(need_id: int):
    return _edit(get_own_need_or_404(need_id))


def _edit(need: CompetenceNeed | None):
    organisation = _organisation()
    form = CompetenceNeedForm(obj=need)
    form.fill(need, organisation)
    if form.validate_on_submit():
        saved = save_from_form(form, organisation, need)
        if saved is not None or not form.errors:
            if saved is not None:
                flash(_("The need is saved. Thank you: it helps the municipality and schools plan."), "success")
            return redirect(url_for("employer.needs", _anchor=f"need-{saved.id}" if saved else None))
    if form.errors:
        flash(_("Some answers need to be fixed. See the messages below."), "error")
    return render_template("employer/need_form.html", form=form, need=need), 400 if form.errors else 200


@bp.route("/needs/<int:need_id>/withdraw", methods=["GET", "POST"])
def need_withdraw(need_id: int):
    """GET asks for confirmation; POST withdraws (the need stays in the list, marked withdrawn, and can be stated
    again)."""
    need = get_own_need_or_404(need_id)
    form = ActionForm()
    if form.validate_on_submit():
        if needs_ahead.withdraw(need, current_user):
            flash(_("The need is withdrawn. You can state it again if it comes back."), "success")
        return redirect(url_for("employer.needs", _anchor=f"need-{need.id}"))
    if form.is_submitted():
        abort(400)
    context = need_page_context([need])
    return render_template("employer/need_withdraw.html", need=need, form=form,
                           **{k: v for k, v in context.items() if k != "needs"})


@bp.route("/needs/<int:need_id>/restate", methods=["POST"])
def need_restate(need_id: int):
    need = get_own_need_or_404(need_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if needs_ahead.restate(need, current_user):
        flash(_("The need is stated again, from today."), "success")
    return redirect(url_for("employer.needs", _anchor=f"need-{need.id}"))
