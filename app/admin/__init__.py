"""Administration."""
from flask import Blueprint

from app.guards.roles import restrict_to
from app.models import Role

bp = Blueprint("admin", __name__, url_prefix="/admin")
restrict_to(bp, Role.ADMIN)

from app.admin import views  # noqa: E402,F401
from app.admin import staff  # noqa: E402,F401  (staff accounts)
