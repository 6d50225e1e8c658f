"""The caseworker's desk: run matching, review suggestions, follow cases."""
from flask import Blueprint

from app.guards.roles import restrict_to
from app.models import Role

bp = Blueprint("caseworker", __name__, url_prefix="/caseworker")
restrict_to(bp, Role.CASEWORKER, Role.ADMIN)

from app.caseworker import dashboard, people, proposals, views  # noqa: E402,F401
from app.caseworker import background  # noqa: E402,F401  (matching in the background, progress)
from app.caseworker import api_keys  # noqa: E402,F401  (municipalities' API keys)
from app.caseworker import reach  # noqa: E402,F401  (people news does not reach, profile PDF)
from app.caseworker import recruitment  # noqa: E402,F401  (recruitment days, late answers)
from app.caseworker import needs  # noqa: E402,F401  (recording an organisation's competence need after a visit)
