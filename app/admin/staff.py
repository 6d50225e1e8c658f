"""The administrator's staff page: invite, deactivate, reactivate and move caseworkers (app/services/invitations.py)."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from app.admin import bp
from app.extensions import db
from app.forms import ActionForm, Form, fill_municipality_choices, municipality_field, options
from app.models import Role, User
from app.services import concepts, invitations
from app.services.concepts import labels_for


class InviteForm(Form):
    email = EmailField(_l("E-mail"), description=_l("The link to choose a password is sent here."),
                       validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)])
    full_name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Role"), choices=[], default=str(Role.CASEWORKER))
    municipality = municipality_field(description=_l("A caseworker: the municipality they work for. A regional "
                                                     "planner: their county or municipality."))
    submit = SubmitField(_l("Send the invitation"))

    def fill_choices(self) -> None:
        self.role.choices = options([(str(Role.CASEWORKER), _("Caseworker")), (str(Role.PLANNER), _("Regional planner")),
                                     (str(Role.ADMIN), _("Administrator"))])
        # Counties first (a planner's region), then municipalities; the service refuses a county for a caseworker.
        self.municipality.choices = options([("", _("Choose a municipality"))] + concepts.choices("county")
                                            + concepts.choices("municipality"))


class MoveForm(Form):
    municipality = municipality_field(_l("Move to municipality"), validators=[DataRequired()])
    submit = SubmitField(_l("Move"))


def _staff_member(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or user.role not in invitations.STAFF_ROLES:
        abort(404)
    return user


def state(user: User) -> str:
    """What the list says about an account, in the reader's language."""
    if user.deactivated_at is not None:
        return _("Deactivated")
    if invitations.pending(user):
        return _("Invited, has not chosen a password yet")
    if not user.totp_secret:
        return _("Has not connected an authenticator app yet")
    return _("Active")


def event_text(event) -> str:
    texts = {"invited": _("Invited"), "link_renewed": _("New link sent"),
             "accepted": _("Chose a password with the link"), "deactivated": _("Deactivated"),
             "reactivated": _("Reactivated"), "moved": _("Moved to another municipality")}
    return texts.get(event.action, event.action)


def _page(invite_form: InviteForm, status: int = 200):
    people = invitations.staff()
    names = labels_for([p.municipality_code for p in people if p.municipality_code])
    return render_template("admin/staff.html", people=people, invite_form=invite_form, names=names, state=state,
                           hours=invitations.INVITATION_HOURS), status


@bp.route("/staff/<int:user_id>")
def staff_member(user_id: int):
    user = _staff_member(user_id)
    move_form = MoveForm(municipality=user.municipality_code)
    fill_municipality_choices(move_form.municipality)
    return render_template("admin/staff_member.html", member=user, move_form=move_form, action_form=ActionForm(),
                           state=state(user), pending=invitations.pending(user),
                           names=labels_for([user.municipality_code] if user.municipality_code else []),
                           events=invitations.events(user), event_text=event_text)


@bp.route("/staff")
def staff():
    form = InviteForm()
    form.fill_choices()
    return _page(form)


@bp.route("/staff/invite", methods=["POST"])
def staff_invite():
    form = InviteForm()
    form.fill_choices()
    if not form.validate_on_submit():
        return _page(form, 400)
    try:
        invitation = invitations.invite(form.email.data, form.role.data, form.municipality.data or None,
                                        full_name=form.full_name.data or "", actor=current_user)
    except invitations.StaffError as error:
        field = getattr(form, error.field or "email")
        field.errors = [*field.errors, str(error)]
        return _page(form, 400)
    invitations.mail_invitation(invitation)
    flash(_("The invitation is sent to %(email)s. The link works for %(hours)d hours.", email=invitation.user.email,
            hours=invitations.INVITATION_HOURS), "success")
    return redirect(url_for("admin.staff"))


@bp.route("/staff/<int:user_id>/link", methods=["POST"])
def staff_new_link(user_id: int):
    user = _staff_member(user_id)
    if ActionForm().validate_on_submit():
        try:
            invitations.mail_invitation(invitations.renew_link(user, actor=current_user))
            flash(_("A new link is sent to %(email)s. Older links no longer work.", email=user.email), "success")
        except invitations.StaffError as error:
            flash(str(error), "error")
    return redirect(url_for("admin.staff_member", user_id=user.id))


@bp.route("/staff/<int:user_id>/deactivate", methods=["POST"])
def staff_deactivate(user_id: int):
    user = _staff_member(user_id)
    if ActionForm().validate_on_submit():
        try:
            invitations.deactivate(user, actor=current_user)
            flash(_("%(email)s can no longer log in.", email=user.email), "success")
        except invitations.StaffError as error:
            flash(str(error), "error")
    return redirect(url_for("admin.staff_member", user_id=user.id))


@bp.route("/staff/<int:user_id>/reactivate", methods=["POST"])
def staff_reactivate(user_id: int):
    user = _staff_member(user_id)
    if ActionForm().validate_on_submit():
        invitations.reactivate(user, actor=current_user)
        flash(_("%(email)s can log in again.", email=user.email), "success")
    return redirect(url_for("admin.staff_member", user_id=user.id))


@bp.route("/staff/<int:user_id>/move", methods=["POST"])
def staff_move(user_id: int):
    user = _staff_member(user_id)
    form = MoveForm()
    fill_municipality_choices(form.municipality)
    if form.validate_on_submit():
        try:
            invitations.move(user, form.municipality.data, actor=current_user)
            flash(_("%(email)s now works for %(municipality)s.", email=user.email,
                    municipality=labels_for([form.municipality.data]).get(form.municipality.data,
                                                                          form.municipality.data)), "success")
        except invitations.StaffError as error:
            flash(str(error), "error")
    else:
        flash(_("Choose a municipality."), "error")
    return redirect(url_for("admin.staff_member", user_id=user.id))
