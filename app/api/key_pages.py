"""The one "revoke a key" step behind both key pages (an organisation's and a municipality's)."""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db
from app.forms import ActionForm
from app.models import ApiKey
from app.services import api_keys


def revoke_from_page(key_id: int, page_endpoint: str):
    """Revoke a key the logged-in user may revoke (404 otherwise), then back to the page it was listed on."""
    key = db.session.get(ApiKey, key_id)
    if key is None or not api_keys.may_revoke(current_user, key):
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    api_keys.revoke(key, current_user)
    flash(_("The key is revoked. Calls with it are refused from now on."), "success")
    return redirect(url_for(page_endpoint))
