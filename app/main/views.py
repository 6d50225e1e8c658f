"""Start page and language choice."""
from datetime import date

from flask import abort, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.auth.views import home_url, safe_next
from app.forms import ActionForm
from app.presentation.i18n import SUPPORTED_LOCALES
from app.main import bp
from app.services import accounts, applications, drafts
from app.services.concept_search import search_concepts
from app.services.profiles import profile_of


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
        _keep_draft()  # a form sent along (the language menu of a form page): keep what was typed
        session["locale"] = code
        if current_user.is_authenticated:
            accounts.remember_locale(current_user, code)
    return redirect(safe_next(request.values.get("next")) or url_for("main.index"))


def _keep_draft() -> str | None:
    """Keep the form named in `_draft` for this account (or, before registration, this browser); its page."""
    name = request.form.get("_draft")
    if name not in drafts.DRAFT_PAGES:
        return None
    roles = drafts.DRAFT_ROLES.get(name)
    if roles is not None and not (current_user.is_authenticated and current_user.role in roles):
        return None
    if roles is None and current_user.is_authenticated:  # registering is for people without an account
        return None
    drafts.save(name, request.form, user=current_user)
    return url_for(drafts.DRAFT_PAGES[name])


@bp.route("/draft", methods=["POST"])
def keep_draft():
    """The page is about to time out: keep what was typed and come back to the form (see app/guards/sessions.py)."""
    page = _keep_draft() if ActionForm().validate_on_submit() else None
    return redirect(page or url_for("main.index"))


@bp.route("/help")
def help_page():
    """How the service works, and whom to contact (the person's municipal contact when logged in as a jobseeker)."""
    contact = None
    if current_user.is_authenticated and current_user.role == "jobseeker":
        profile = profile_of(current_user)
        contact = applications.contact_for_person(profile) if profile else None
    return render_template("main/help.html", contact=contact)


STATEMENT_DATE = date(2026, 12, 7)  # when the accessibility statement was last reviewed


@bp.route("/accessibility")
def accessibility():
    """Tillgänglighetsredogörelse: the accessibility statement Swedish public digital services publish (DOS-lagen)."""
    return render_template("main/accessibility.html", statement_date=STATEMENT_DATE)


@bp.route("/concepts/search")
def concept_search():
    """Autocomplete: ?type=occupation|skill&q=… → JSON list of {id, label, matched}. Public taxonomy data."""
    query = request.args.get("q", "", type=str)
    concept_type = request.args.get("type", "occupation", type=str)
    limit = min(request.args.get("limit", 10, type=int) or 10, 20)
    return jsonify(search_concepts(query, concept_type, limit=limit))


@bp.route("/session/keepalive", methods=["POST"])
def keepalive():
    """"Stay logged in": the request itself counts as activity (see app/guards/sessions.py)."""
    return "", 204


@bp.route("/account-deleted")
def account_deleted():
    """Shown once a person deleted their account; public, because they are logged out by then."""
    return render_template("main/account_deleted.html")
