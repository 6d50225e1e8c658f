"""The organisation's one-question survey: a small card on its home page once it has answered a candidate on a
place, or closed the place."""
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.employer import bp
from app.employer.views import get_own_opportunity_or_404, home
from app.presentation import survey
from app.services import satisfaction


@bp.route("/satisfaction/<int:opportunity_id>", methods=["POST"])
def satisfaction_answer(opportunity_id: int):
    """Store the answer (or "do not ask me") about one of the organisation's places, once."""
    place = get_own_opportunity_or_404(opportunity_id)
    return survey.answer(satisfaction.may_ask_about_place(place),
                         lambda score, comment: satisfaction.answer_place(place, score, comment), home, "employer.home")


@bp.context_processor
def _survey():
    """satisfaction_question() for the home page: the card's content, or None when there is nothing to ask."""
    def satisfaction_question():
        place = satisfaction.question_for_organisation(current_user.organisation)
        if place is None:
            return None
        return survey.card(url_for("employer.satisfaction_answer", opportunity_id=place.id),
                           _("How satisfied are you overall with Jobbrygga for this place?"), place.title)

    return {"satisfaction_question": satisfaction_question}
