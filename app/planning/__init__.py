"""The region's competence needs: demand beside supply, people one step away, programmes to open, goals.

Shared by caseworkers and administrators (their area), regional planners (read-only, aggregated figures only:
they open no page about a person) and, for the programmes to open, schools (education providers)."""
from flask import Blueprint

from app.guards.roles import restrict_to
from app.models import Role

bp = Blueprint("planning", __name__, url_prefix="/planning")
restrict_to(bp, Role.CASEWORKER, Role.ADMIN, Role.PLANNER, Role.EDUCATION_PROVIDER)

from app.planning import views  # noqa: E402,F401
