"""Registration, login and logout: open to everyone."""
from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")
bp.allowed_roles = None  # public

from app.auth import views  # noqa: E402,F401
from app.auth import invitation  # noqa: E402,F401  (staff invitation links)
