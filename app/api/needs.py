"""An organisation's competence needs through its key: list, record, change, withdraw (app/services/needs_ahead.py
holds the rules and writes the audit event of each change; the key's use is audited by require_key)."""
from flask_babel import gettext as _
from flask_smorest import Blueprint, abort

from app.api import need_schemas
from app.api.auth import current_key, require_key
from app.api.problems import abort_problem
from app.presentation.i18n import current_locale
from app.models import ApiKeyKind, User
from app.extensions import db
from app.models.need import CompetenceNeed
from app.services import needs_ahead
from app.services.concepts import labels_for
from app.services.public_places import ssyk_codes

blp = Blueprint("api_needs", __name__, description="An organisation's competence needs ahead (organisation key)")
SECURITY = [{"organisationKey": []}]
ORG = ApiKeyKind.ORGANISATION
# The API's names for the service's fields.
FIELD_NAMES = {"occupation": "occupation_id", "municipality": "municipality_code", "swedish_level": "min_swedish"}
API_NAMES = {value: key for key, value in FIELD_NAMES.items()}


def _actor() -> User:
    """The key acts as the person who made it (accountable for it): the need's recorder and the audit's actor."""
    key = current_key()
    maker = db.session.get(User, key.created_by_id) if key.created_by_id else None
    if maker is None or maker.organisation_id != key.organisation_id:
        abort_problem(403, detail=_("The person who made this key no longer belongs to the organisation. Make a new key."))
    return maker


def _own_need_or_404(need_id: int) -> CompetenceNeed:
    need = db.session.get(CompetenceNeed, need_id)
    if need is None or need.organisation_id != current_key().organisation_id:
        abort_problem(404, detail=_("Your organisation has no need with this number."))
    return need


def _values(data: dict) -> dict:
    return {FIELD_NAMES.get(name, name): value for name, value in data.items()}


def _refused(refused: needs_ahead.NeedInvalid):
    abort(422, errors={API_NAMES.get(name, name): messages for name, messages in refused.errors.items()})


def describe(needs: list[CompetenceNeed]) -> list[dict]:
    """Each need as the API shows it (need_schemas.Need): labels in the reader's language."""
    locale = current_locale()
    labels = labels_for({c for n in needs for c in (n.occupation_id, n.municipality_code, *(n.certificates or []))},
                        locale)
    ssyk = ssyk_codes({n.occupation_id for n in needs})
    creators = needs_ahead.recorders(needs)
    return [{
        "id": n.id,
        "occupation": {"id": n.occupation_id, "label": labels.get(n.occupation_id, n.occupation_id),
                       "ssyk": ssyk.get(n.occupation_id)},
        "headcount": n.headcount, "horizon_months": n.horizon_months,
        "municipality": {"code": n.municipality_code, "name": labels.get(n.municipality_code, n.municipality_code)},
        "swedish_level": n.min_swedish, "driving_licences": list(n.driving_licences or []),
        "certificates": [{"id": c, "label": labels.get(c, c)} for c in n.certificates or []],
        "would_take": list(n.would_take or []), "note": n.note or "", "status": n.status, "stated_on": n.stated_on,
        "withdrawn_at": n.withdrawn_at, "recorded_by_municipality": needs_ahead.recorded_by_municipality(n, creators),
    } for n in needs]


@blp.route("/organisation/needs")
@require_key(ORG, "need.list")
@blp.response(200, need_schemas.Needs)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.doc(security=SECURITY)
def list_needs():
    """Every competence need of the key's organisation (active first, then withdrawn), newest first"""
    return {"needs": describe(needs_ahead.needs_of(current_key().organisation))}


@blp.route("/organisation/needs", methods=["POST"])
@require_key(ORG, "need.create")
@blp.arguments(need_schemas.NeedIn)
@blp.response(201, need_schemas.Need)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.doc(security=SECURITY)
def create_need(data):
    """Record a need: whom the organisation expects to hire, how many, within 6, 12 or 24 months, where"""
    try:
        need = needs_ahead.record(current_key().organisation, _values(data), _actor())
    except needs_ahead.NeedInvalid as refused:
        _refused(refused)
    return describe([need])[0]


@blp.route("/organisation/needs/<int(max=2147483647):need_id>", methods=["PATCH"])
@require_key(ORG, "need.update")
@blp.arguments(need_schemas.NeedChange(partial=True))
@blp.response(200, need_schemas.Need)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.alt_response(404, response="NOT_FOUND")
@blp.doc(security=SECURITY)
def update_need(data, need_id: int):
    """Change some fields of a need"""
    need = _own_need_or_404(need_id)
    try:
        needs_ahead.change(need, _values(data), _actor())
    except needs_ahead.NeedInvalid as refused:
        _refused(refused)
    return describe([need])[0]


@blp.route("/organisation/needs/<int(max=2147483647):need_id>/withdraw", methods=["POST"])
@require_key(ORG, "need.withdraw")
@blp.response(200, need_schemas.Need)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.alt_response(404, response="NOT_FOUND")
@blp.doc(security=SECURITY)
def withdraw_need(need_id: int):
    """Withdraw a need (kept, marked withdrawn; no longer counted). Withdrawing twice changes nothing"""
    need = _own_need_or_404(need_id)
    needs_ahead.withdraw(need, _actor())
    return describe([need])[0]
