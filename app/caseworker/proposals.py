"""Batch proposal for a municipality: spread people over the free seats, then show the numbers."""
from flask import abort, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SubmitField

from app.caseworker import bp
from app.forms import Form
from app.services import proposals
from app.services.concepts import labels_for
from app.services.scope import may_see_municipality


class ProposalForm(Form):
    submit = SubmitField(_l("Make a batch proposal"))


def _my_municipality_or_404(municipality: str) -> str:
    """A caseworker proposes for their own municipality only; an administrator for any."""
    if not may_see_municipality(current_user, municipality):
        abort(404)
    return municipality


@bp.route("/municipalities/<municipality>/proposal", methods=["GET", "POST"])
def proposal(municipality: str):
    code = _my_municipality_or_404(municipality)
    form = ProposalForm()
    result = None
    if form.validate_on_submit():
        result = proposals.propose_for_municipality(code)
    elif form.is_submitted():
        abort(400)
    pool = proposals.pool_of(code)
    names = labels_for(list(pool))
    return render_template("caseworker/proposal.html", form=form, result=result, place=names.get(code, code),
                           shared_area=", ".join(names.get(c, c) for c in pool) if len(pool) > 1 else None,
                           per_person=proposals.PER_PERSON, good_score=proposals.GOOD_SCORE)
