"""A staff member's one-time invitation link: choose a password, then connect an authenticator app."""
from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import logout_user

from app.auth import bp
from app.auth.forms import ResetPasswordForm
from app.auth.views import _begin_second_step, _login_limit
from app.extensions import limiter
from app.services import invitations


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def accept_invitation(token: str):
    user = invitations.user_for_token(token)
    if user is None:
        flash(_("This invitation link has expired or has already been used. Ask your administrator for a new "
                "one."), "error")
        return redirect(url_for("auth.login"))
    form = ResetPasswordForm(user=user)
    if form.validate_on_submit():
        accepted = invitations.accept(token, form.password.data)
        logout_user()
        session.clear()
        if accepted is None:
            flash(_("This invitation link has expired or has already been used. Ask your administrator for a new "
                    "one."), "error")
            return redirect(url_for("auth.login"))
        response = _begin_second_step(accepted, None)  # staff connect the app before they are logged in
        flash(_("Your password is saved. Now connect an authenticator app on your phone."), "success")
        return response
    return render_template("auth/accept_invitation.html", form=form, email=user.email)
