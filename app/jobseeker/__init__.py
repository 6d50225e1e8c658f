"""The jobseeker's own pages: profile and suggestions."""
from flask import Blueprint

from app.access import restrict_to
from app.models import Role

bp = Blueprint("jobseeker", __name__, url_prefix="/me")
restrict_to(bp, Role.JOBSEEKER)

from app.jobseeker import views  # noqa: E402,F401
