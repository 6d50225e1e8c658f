"""Start page and language choice."""
from flask import abort, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.auth.views import home_url, safe_next
from app.extensions import db
from app.forms import ActionForm
from app.i18n import SUPPORTED_LOCALES
from app.main import bp
from app.services.concept_search import search_concepts


@bp.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    return render_template("main/index.html")


@bp.route("/language/<code>", methods=["POST"])
def set_language(code: str):
    """Remember the chosen language in the session and, for a logged-in user, in the account."""
    if code not in SUPPORTED_LOCALES:
        abort(404)
    if ActionForm().validate_on_submit():
        session["locale"] = code
        if current_user.is_authenticated:
            current_user.locale = code
            db.session.commit()
    return redirect(safe_next(request.form.get("next")) or url_for("main.index"))


@bp.route("/concepts/search")
def concept_search():
    """Autocomplete: ?type=occupation|skill&q=… → JSON list of {id, label, matched}. Public taxonomy data."""
    query = request.args.get("q", "", type=str)
    concept_type = request.args.get("type", "occupation", type=str)
    limit = min(request.args.get("limit", 10, type=int) or 10, 20)
    return jsonify(search_concepts(query, concept_type, limit=limit))


@bp.route("/session/keepalive", methods=["POST"])
def keepalive():
    """"Stay logged in": the request itself counts as activity (see app/security.py)."""
    return "", 204


@bp.route("/account-deleted")
def account_deleted():
    """Shown once a person deleted their account; public, because they are logged out by then."""
    return render_template("main/account_deleted.html")
