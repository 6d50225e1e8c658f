"""Pages for everyone: the start page and the language switcher."""
from flask import Blueprint

bp = Blueprint("main", __name__)
bp.allowed_roles = None  # public

from app.main import views  # noqa: E402,F401
