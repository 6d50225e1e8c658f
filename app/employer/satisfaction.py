"""The organisation's one-question survey: a small card on its home page once it has answered a candidate on a
place, or closed the place."""
from flask import abort, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.employer import bp
from app.employer.views import get_own_opportunity_or_404, home
from app.forms import SatisfactionForm
from app.services import satisfaction


@bp.route("/satisfaction/<int:opportunity_id>", methods=["POST"])
def satisfaction_answer(opportunity_id: int):
    """Store the answer (or "do not ask me") about one of the organisation's places, once."""
    place = get_own_opportunity_or_404(opportunity_id)
    form = SatisfactionForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        g.satisfaction_form = form  # the home page again, with what was chosen and written and why it was refused
        return home(), 400
    if not satisfaction.may_ask_about_place(place):  # not asked about (yet): nothing to answer
        abort(404)
    dismissed = bool(form.dismiss.data)
    stored = satisfaction.answer_place(place, None if dismissed else form.score.data, form.comment.data)
    flash(_("We will not ask you about this again.") if dismissed and stored else
          _("Thank you for your answer.") if stored else _("You have already answered this question. Thank you."),
          "success")
    return redirect(url_for("employer.home"))


@bp.context_processor
def _survey():
    """satisfaction_question() for the home page: the card's content, or None when there is nothing to ask."""
    def satisfaction_question():
        place = satisfaction.question_for_organisation(current_user.organisation)
        if place is None:
            return None
        return {"action": url_for("employer.satisfaction_answer", opportunity_id=place.id),
                "question": _("How satisfied are you overall with Jobbrygga for this place?"),
                "subject": place.title, "form": g.get("satisfaction_form") or SatisfactionForm(formdata=None)}

    return {"satisfaction_question": satisfaction_question}
