"""Employers' and education providers' pages: their opportunities and candidates."""
from flask import Blueprint

from app.guards.roles import restrict_to
from app.models import Role

bp = Blueprint("employer", __name__, url_prefix="/organisation")
restrict_to(bp, Role.EMPLOYER, Role.EDUCATION_PROVIDER)

from app.employer import views  # noqa: E402,F401
from app.employer import api_keys  # noqa: E402,F401  (the organisation's API keys)
from app.employer import recruitment  # noqa: E402,F401  (recruitment days)
from app.employer import satisfaction  # noqa: E402,F401  (the one-question survey)
from app.employer import needs  # noqa: E402,F401  (needs ahead: what the organisation expects to recruit)
