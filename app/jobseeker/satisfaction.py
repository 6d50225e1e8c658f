"""The jobseeker's one-question survey: a small card on the home page once a case has an outcome."""
from flask import abort, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.forms import SatisfactionForm
from app.jobseeker import bp
from app.jobseeker.views import get_own_match_or_404, home
from app.services import satisfaction
from app.services.profiles import profile_of


@bp.route("/satisfaction/<int:match_id>", methods=["POST"])
def satisfaction_answer(match_id: int):
    """Store the answer (or "do not ask me") about one of the person's cases with an outcome, once."""
    match = get_own_match_or_404(match_id)
    form = SatisfactionForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        g.satisfaction_form = form  # the home page again, with what was chosen and written and why it was refused
        return home(), 400
    if match.status not in satisfaction.OUTCOMES:  # not asked about (yet): nothing to answer
        abort(404)
    dismissed = bool(form.dismiss.data)
    stored = satisfaction.answer_case(match, None if dismissed else form.score.data, form.comment.data)
    flash(_("We will not ask you about this again.") if dismissed and stored else
          _("Thank you for your answer.") if stored else _("You have already answered this question. Thank you."),
          "success")
    return redirect(url_for("jobseeker.home"))


@bp.context_processor
def _survey():
    """satisfaction_question() for the home page: the card's content, or None when there is nothing to ask."""
    def satisfaction_question():
        match = satisfaction.question_for_jobseeker(profile_of(current_user))
        if match is None:
            return None
        return {"action": url_for("jobseeker.satisfaction_answer", match_id=match.id),
                "question": _("How satisfied are you overall with the help you got from Jobbrygga with this place?"),
                "subject": f"{match.opportunity.title} – {match.opportunity.organisation.name}",
                "form": g.get("satisfaction_form") or SatisfactionForm(formdata=None)}

    return {"satisfaction_question": satisfaction_question}
