"""A municipality's systems: the same aggregated figures as the staff dashboard, groups under 5 suppressed."""
from flask_smorest import Blueprint

from app.api import schemas
from app.api.auth import current_key, require_key
from app.models import ApiKeyKind
from app.services import dashboard
from app.services.concepts import label_for
from app.services.scope import MunicipalityScope

blp = Blueprint("api_statistics", __name__, description="A municipality's aggregated statistics (municipality key)")


@blp.route("/municipality/statistics")
@require_key(ApiKeyKind.MUNICIPALITY, "statistics.read")
@blp.response(200, schemas.Statistics)
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.doc(security=[{"municipalityKey": []}])
def statistics():
    """The dashboard's figures for the key's municipality; null where a group has fewer than 5"""
    code = current_key().municipality_code
    tables = dashboard.tables(MunicipalityScope(code))
    return {"municipality": {"code": code, "name": label_for(code)},
            "tables": [{"key": t.key, "title": t.title, "description": t.description, "group": t.group,
                        "columns": t.columns, "rows": [{"label": label, "values": values} for label, values in t.rows]}
                       for t in tables]}
