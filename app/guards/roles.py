"""Deny-by-default role guards, one per blueprint."""
from flask import Blueprint, abort, redirect, url_for
from flask_login import current_user

from app.extensions import login


def restrict_to(bp: Blueprint, *roles: str) -> None:
    """Every view of bp needs a logged-in user with one of roles: anonymous → login, others → 403."""
    bp.allowed_roles = frozenset(roles)

    @bp.before_request
    def _guard():
        if not current_user.is_authenticated:
            return login.unauthorized()
        if current_user.role not in roles:
            abort(403)
        if current_user.is_staff and not current_user.totp_secret:
            return redirect(url_for("auth.two_factor_setup"))  # staff work only with a second factor
        return None
