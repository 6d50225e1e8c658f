"""Municipalities' API keys (aggregated statistics): a caseworker for their municipality, an administrator for any."""
from flask import abort, flash, render_template
from flask_babel import gettext as _
from flask_login import current_user

from app.caseworker import bp
from app.forms import ActionForm, MunicipalityApiKeyForm
from app.api.key_pages import revoke_from_page
from app.services import api_keys
from app.services.scope import municipality_codes


@bp.route("/api-keys", methods=["GET", "POST"])
def api_keys_page():
    codes = municipality_codes(current_user)
    form = MunicipalityApiKeyForm()
    form.fill_choices(codes)
    token = None
    if codes == ():
        abort(404)  # a caseworker without a municipality has none to make keys for
    if form.validate_on_submit():
        _key, token = api_keys.create_municipality_key(form.municipality_code.data, form.name.data, current_user)
        form = MunicipalityApiKeyForm(formdata=None)  # an empty form for the next key
        form.fill_choices(codes)
    elif form.is_submitted() and form.errors:
        flash(_("Some answers need to be fixed. See the messages below."), "error")
    return render_template("api/keys.html", form=form, token=token, keys=api_keys.municipality_keys(current_user),
                           revoke_endpoint="caseworker.revoke_api_key", revoke_form=ActionForm(),
                           show_municipality=True)


@bp.route("/api-keys/<int:key_id>/revoke", methods=["POST"])
def revoke_api_key(key_id: int):
    return revoke_from_page(key_id, "caseworker.api_keys_page")
