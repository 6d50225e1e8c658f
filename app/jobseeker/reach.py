"""The person's reach into the service: how we tell them news, places they find themself, a profile PDF."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.jobseeker import bp
from app.jobseeker.reach_forms import InterestForm, MessagesForm, PlaceFilterForm
from app.presentation.labels import UNMET_LABELS
from app.guards.once import already_sent, new_token
from app.services import notifications, places as places_service, profile_pdf
from app.services.profiles import profile_of
from app.services.sms import phone_number


def own_profile_or_redirect():
    profile = profile_of(current_user)
    if profile is None:
        abort(redirect(url_for("jobseeker.profile")))
    return profile


@bp.route("/messages", methods=["GET", "POST"])
def messages():
    """How the person wants to hear about news (e-mail, SMS) and new places (alerts)."""
    profile = own_profile_or_redirect()
    settings = notifications.settings_for(profile)
    form = MessagesForm(obj=settings)
    if form.validate_on_submit():
        notifications.save_settings(profile, email=form.email.data, sms_on=form.sms.data, alerts=form.alerts.data)
        flash(_("Your choices are saved."), "success")
        return redirect(url_for("jobseeker.messages"))
    return render_template("jobseeker/messages.html", form=form, profile=profile, email=current_user.email,
                           phone_ok=phone_number(profile.phone) is not None, sent=notifications.history(profile),
                           reachable=notifications.addresses(profile, settings))


@bp.route("/places")
def places():
    """Open places within reach, with filters (kind, distance, start); "I'm interested" on each."""
    profile = own_profile_or_redirect()
    form = PlaceFilterForm(request.args)
    form.fill_choices()
    valid = form.validate()
    km = int(form.km.data) if valid and form.km.data else None
    found = places_service.find_places(profile, kind=(form.kind.data or None) if valid else None, km=km,
                                       start=form.start.data if valid else None)
    return render_template("jobseeker/places.html", form=form, places=found, interest_form=InterestForm(),
                           profile=profile, UNMET_LABELS=UNMET_LABELS, once_token=new_token)


@bp.route("/places/<int:opportunity_id>/interest", methods=["POST"])
def interest(opportunity_id: int):
    """The person asks for a place: it goes to the review queue of the municipality that owns it, once."""
    profile = own_profile_or_redirect()
    opportunity = places_service.get_open_place_or_none(opportunity_id)
    if opportunity is None:
        abort(404)
    form = InterestForm()
    if not form.validate_on_submit():
        abort(400)
    if already_sent(form.once.data):
        return redirect(url_for("jobseeker.places", _anchor=f"place-{opportunity_id}"))
    _match, created = places_service.express_interest(profile, opportunity)
    flash(_("Sent. A caseworker looks at it and tells you what happens next.") if created
          else _("You have already asked for this place."), "success" if created else "info")
    return redirect(url_for("jobseeker.places", _anchor=f"place-{opportunity_id}"))


@bp.route("/profile.pdf")
def profile_download():
    """The person's profile as a PDF, in their language and Swedish side by side."""
    profile = own_profile_or_redirect()
    return Response(profile_pdf.render(profile, current_user.locale), mimetype="application/pdf",
                    headers={"Content-Disposition": 'attachment; filename="jobbrygga-profile.pdf"'})
