"""The organisation's API keys: made, named and revoked by its own accounts (Settings → API keys)."""
from flask import abort, flash, render_template
from flask_babel import gettext as _
from flask_login import current_user

from app.employer import bp
from app.forms import ActionForm, ApiKeyForm
from app.api.key_pages import revoke_from_page
from app.services import api_keys


@bp.route("/api-keys", methods=["GET", "POST"])
def api_keys_page():
    organisation = current_user.organisation
    if organisation is None:
        abort(404)
    form = ApiKeyForm()
    token = None
    if form.validate_on_submit():
        _key, token = api_keys.create_organisation_key(organisation, form.name.data, current_user)
        form = ApiKeyForm(formdata=None)  # an empty form for the next key
    elif form.is_submitted() and form.errors:
        flash(_("Some answers need to be fixed. See the messages below."), "error")
    return render_template("api/keys.html", form=form, token=token, keys=api_keys.keys_of_organisation(organisation),
                           revoke_endpoint="employer.revoke_api_key", revoke_form=ActionForm(), show_municipality=False)


@bp.route("/api-keys/<int:key_id>/revoke", methods=["POST"])
def revoke_api_key(key_id: int):
    return revoke_from_page(key_id, "employer.api_keys_page")
