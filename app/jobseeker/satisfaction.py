"""The jobseeker's one-question survey: a small card on the home page once a case has an outcome."""
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.jobseeker import bp
from app.jobseeker.views import get_own_match_or_404, home
from app.presentation import survey
from app.services import satisfaction
from app.services.profiles import profile_of


@bp.route("/satisfaction/<int:match_id>", methods=["POST"])
def satisfaction_answer(match_id: int):
    """Store the answer (or "do not ask me") about one of the person's cases with an outcome, once."""
    match = get_own_match_or_404(match_id)
    return survey.answer(match.status in satisfaction.OUTCOMES,
                         lambda score, comment: satisfaction.answer_case(match, score, comment), home, "jobseeker.home")


@bp.context_processor
def _survey():
    """satisfaction_question() for the home page: the card's content, or None when there is nothing to ask."""
    def satisfaction_question():
        match = satisfaction.question_for_jobseeker(profile_of(current_user))
        if match is None:
            return None
        return survey.card(url_for("jobseeker.satisfaction_answer", match_id=match.id),
                           _("How satisfied are you overall with the help you got from Jobbrygga with this place?"),
                           f"{match.opportunity.title} – {match.opportunity.organisation.name}")

    return {"satisfaction_question": satisfaction_question}
