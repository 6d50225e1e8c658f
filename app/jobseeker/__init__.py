"""The jobseeker's own pages: profile, suggestions and their own data."""
from flask import Blueprint
from flask_login import user_logged_in

from app.guards.roles import restrict_to
from app.models import Role
from app.services.profiles import record_login

bp = Blueprint("jobseeker", __name__, url_prefix="/me")
restrict_to(bp, Role.JOBSEEKER)
# Logging in counts as activity for retention (and brings a hidden profile back).
bp.record_once(lambda state: user_logged_in.connect(record_login, state.app))

from app.jobseeker import views  # noqa: E402,F401
from app.jobseeker import reach  # noqa: E402,F401  (messages, finding places, profile PDF)
from app.jobseeker import recruitment  # noqa: E402,F401  (recruitment days)
from app.jobseeker import satisfaction  # noqa: E402,F401  (the one-question survey)
