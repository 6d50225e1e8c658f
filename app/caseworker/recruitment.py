"""Recruitment days, the caseworker's side: create one, invite people from the matches, record who came;
and the answers that are late (reply deadlines, app/services/replies.py)."""
from datetime import date, time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from flask_login import current_user
from wtforms import DateField, IntegerField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.caseworker import bp
from app.extensions import db
from app.forms import ActionForm, Form
from app.models import RecruitmentDay, RecruitmentInvitation, Role
from app.services import person_reads, recruitment, replies
from app.services.recruitment_defaults import defaults_for
from app.services.candidates import candidate_reference
from app.services.concepts import label_for


class PlacesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RecruitmentDayForm(Form):
    title = StringField(_l("Name of the recruitment day"), validators=[DataRequired(message=_l("Write a name.")),
                                                                        Length(max=200)])
    day = DateField(_l("Date"), validators=[InputRequired(message=_l("Choose the date."))])
    venue = StringField(_l("Place"), description=_l("For example: Kulturhuset, room 2."),
                        validators=[DataRequired(message=_l("Write where it is.")), Length(max=200)])
    address = StringField(_l("Address"), validators=[DataRequired(message=_l("Write the address.")), Length(max=300)])
    accessibility = TextAreaField(_l("Accessibility"),
                                  description=_l("Step-free entrance, lift, hearing loop, quiet room, bus stop nearby …"),
                                  validators=[Length(max=2000)])
    capacity = IntegerField(_l("How many people can come"), default=30,
                            validators=[InputRequired(message=_l("Write how many people can come.")),
                                        NumberRange(min=1, max=1000)])
    slots = TextAreaField(_l("Times (one per line)"), description=_l("For example: 09:00-10:30"),
                          validators=[Length(max=1000)])
    places = PlacesField(_l("Organisations and their places"), coerce=int, choices=[],
                         validators=[DataRequired(message=_l("Choose at least one place."))])
    submit = SubmitField(_l("Create the recruitment day"))

    def validate_day(self, field):
        if field.data and field.data < date.today():
            raise ValidationError(_("The date has passed. Choose today or a later day."))

    def validate_slots(self, field):
        self.parsed_slots = []
        for line in (field.data or "").splitlines():
            if not line.strip():
                continue
            try:
                starts, ends = (time.fromisoformat(part.strip()) for part in line.replace("–", "-").split("-"))
            except ValueError:
                raise ValidationError(_("Write each time as 09:00-10:30: %(line)s", line=line.strip()[:40])) from None
            if ends <= starts:
                raise ValidationError(_("A time must end after it starts: %(line)s", line=line.strip()[:40]))
            self.parsed_slots.append((starts, ends))


class InviteForm(Form):
    people = PlacesField(_l("People matched to the places"), coerce=int, choices=[],
                         validators=[DataRequired(message=_l("Choose at least one person."))])
    submit = SubmitField(_l("Invite"))


def _municipality():
    return None if current_user.role == Role.ADMIN else current_user.municipality_code


def get_day_in_my_area_or_404(day_id: int) -> RecruitmentDay:
    event = db.session.get(RecruitmentDay, day_id)
    if event is None or (current_user.role != Role.ADMIN and event.municipality_code != current_user.municipality_code):
        abort(404)
    return event


@bp.route("/recruitment-days")
def recruitment_days():
    return render_template("caseworker/recruitment_days.html", days=recruitment.all_in(_municipality()),
                           today=date.today())


@bp.route("/recruitment-days/new", methods=["GET", "POST"])
def recruitment_day_new():
    municipality = current_user.municipality_code
    # A new day starts from the municipality's recruitment-day defaults (set under Municipal settings).
    form = RecruitmentDayForm(data=defaults_for(municipality).form_data() if request.method == "GET" else None)
    if not municipality:
        flash(_("Recruitment days belong to a municipality: log in as its caseworker to create one."), "error")
        return redirect(url_for("caseworker.recruitment_days"))
    form.places.choices = [(p.id, f"{p.organisation.name} – {p.title}") for p in recruitment.places_to_choose(municipality)]
    if form.validate_on_submit():
        event = recruitment.create_day(current_user, municipality_code=municipality, title=form.title.data.strip(),
                                       day=form.day.data, venue=form.venue.data.strip(),
                                       address=form.address.data.strip(), accessibility=(form.accessibility.data or "").strip(),
                                       capacity=form.capacity.data, slots=form.parsed_slots, place_ids=form.places.data)
        flash(_("The recruitment day is created. Now invite people."), "success")
        return redirect(url_for("caseworker.recruitment_day", day_id=event.id))
    return render_template("caseworker/recruitment_day_form.html", form=form)


@bp.route("/recruitment-days/<int:day_id>")
def recruitment_day(day_id: int):
    event = get_day_in_my_area_or_404(day_id)
    form = InviteForm()
    candidates = recruitment.people_to_invite(event)
    form.people.choices = [(profile.id, profile.full_name) for profile, _match in candidates]
    shown = [profile for profile, _match in candidates] + [invitation.profile for invitation in event.invitations]
    page = render_template("caseworker/recruitment_day.html", event=event, form=form, candidates=candidates,
                           figures=recruitment.figures(event), action_form=ActionForm(), label_for=label_for,
                           organisations=recruitment.organisations_of(event))
    person_reads.shown(current_user, shown, "caseworker_recruitment_day")
    return page


@bp.route("/recruitment-days/<int:day_id>/invite", methods=["POST"])
def recruitment_invite(day_id: int):
    event = get_day_in_my_area_or_404(day_id)
    form = InviteForm()
    form.people.choices = [(profile.id, profile.full_name) for profile, _match in recruitment.people_to_invite(event)]
    if form.validate_on_submit():
        count = recruitment.invite(event, form.people.data, current_user)
        flash(ngettext("%(num)d person is invited.", "%(num)d people are invited.", count), "success")
    else:
        flash(_("Choose at least one person."), "error")
    return redirect(url_for("caseworker.recruitment_day", day_id=event.id))


@bp.route("/recruitment-days/invitations/<int:invitation_id>/attendance", methods=["POST"])
def recruitment_attendance(invitation_id: int):
    invitation = db.session.get(RecruitmentInvitation, invitation_id)
    if invitation is None:
        abort(404)
    event = get_day_in_my_area_or_404(invitation.day_id)
    if not ActionForm().validate_on_submit() or request.form.get("came") not in ("yes", "no"):
        abort(400)
    recruitment.record_attendance(invitation, request.form["came"] == "yes")
    return redirect(url_for("caseworker.recruitment_day", day_id=event.id) + "#attendance")


@bp.route("/late-answers")
def late_answers():
    """Cases whose organisation has not answered by the reply deadline, in the caseworker's municipality."""
    rows = replies.overdue_cases(current_user)
    page = render_template("caseworker/late_answers.html", rows=rows, reference=candidate_reference)
    person_reads.shown(current_user, [match.profile for match, _due, _late in rows], "caseworker_late_answers")
    return page


@bp.context_processor
def _employer_figures():
    """Callables for the dashboard block caseworker/_employer_figures.html: computed only where it is shown."""
    def employer_reply_figures():
        return replies.reply_figures(_municipality())

    def recruitment_day_rows():
        return [(event, recruitment.figures(event)) for event in recruitment.all_in(_municipality())[:10]]

    return {"employer_reply_figures": employer_reply_figures, "recruitment_day_rows": recruitment_day_rows}
