"""Matching in the background for the caseworker's municipality, and its progress (page + JSON for progress.js)."""
from flask import abort, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.background import batches, jobqueue
from app.caseworker import bp
from app.caseworker.forms import RunMatchingForm
from app.services.scope import may_see_municipality


def _my_batch_or_404(batch_id: str) -> batches.Progress:
    try:
        current = batches.progress(batch_id)
    except jobqueue.QueueUnavailable:
        abort(503)
    if current is None or not may_see_municipality(current_user, current.area):
        abort(404)
    return current


@bp.route("/matching/batches", methods=["POST"])
def start_batch():
    if not RunMatchingForm().validate_on_submit():
        abort(400)
    if not current_user.municipality_code:
        flash(_("Your account has no municipality. Ask an administrator to set it."), "error")
        return redirect(url_for("caseworker.queue"))
    try:
        batch_id = batches.start_matching(current_user.municipality_code)
    except jobqueue.QueueUnavailable:
        flash(_("Matching cannot start right now because the job queue does not answer. Try again in a few "
                "minutes."), "error")
        return redirect(url_for("caseworker.queue"))
    if jobqueue.redis_url() is None:  # no queue: the run has finished in this request (and is known to this process only)
        flash(_("%(n)s new suggestions are waiting for review.", n=batches.progress(batch_id).created), "success")
        return redirect(url_for("caseworker.queue"))
    return redirect(url_for("caseworker.batch", batch_id=batch_id))


@bp.route("/matching/batches/<batch_id>")
def batch(batch_id: str):
    return render_template("caseworker/batch.html", progress=_my_batch_or_404(batch_id))


@bp.route("/matching/batches/<batch_id>/progress")
def batch_progress(batch_id: str):
    return jsonify(_my_batch_or_404(batch_id).as_dict())
