"""The one-question survey's card and answer, the same for jobseekers and organisations (only what is asked about
differs: a case or a place; app/jobseeker/satisfaction.py, app/employer/satisfaction.py)."""
from collections.abc import Callable

from flask import abort, flash, g, redirect, url_for
from flask_babel import gettext as _

from app.forms import SatisfactionForm


def answer(may_ask: bool, store: Callable[[int | None, str], bool], home_view: Callable, home_endpoint: str):
    """Store the answer (or "do not ask me") once; a refused form shows the home page again with what was chosen."""
    form = SatisfactionForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            abort(400)
        g.satisfaction_form = form  # the home page again, with what was chosen and written and why it was refused
        return home_view(), 400
    if not may_ask:  # not asked about (yet): nothing to answer
        abort(404)
    dismissed = bool(form.dismiss.data)
    stored = store(None if dismissed else form.score.data, form.comment.data)
    flash(_("We will not ask you about this again.") if dismissed and stored else
          _("Thank you for your answer.") if stored else _("You have already answered this question. Thank you."),
          "success")
    return redirect(url_for(home_endpoint))


def card(action: str, question: str, subject: str) -> dict:
    """What the home page's card shows (_macros/satisfaction.html)."""
    return {"action": action, "question": question, "subject": subject,
            "form": g.get("satisfaction_form") or SatisfactionForm(formdata=None)}
