"""Open places, for anyone: no key, no login, nothing about a person."""
from flask_babel import gettext as _
from flask_smorest import Blueprint

from app.api import schemas
from app.api.problems import abort_problem
from app.presentation.i18n import current_locale
from app.services import public_places

blp = Blueprint("api_places", __name__, description="Open places (no key needed)")


@blp.route("/places")
@blp.arguments(schemas.PlaceQuery, location="query")
@blp.response(200, schemas.PlacePage)
@blp.doc(security=[])
def list_places(query):
    """Open places of approved organisations, newest first"""
    places = public_places.open_places(municipality=query.get("municipality"), occupation=query.get("occupation"),
                                       kind=query.get("kind"))
    page = places[query["offset"]:query["offset"] + query["limit"]]
    return {"total": len(places), "limit": query["limit"], "offset": query["offset"],
            "places": public_places.describe(page, locale=current_locale())}


@blp.route("/places/<int(max=2147483647):place_id>")
@blp.response(200, schemas.Place)
@blp.alt_response(404, response="NOT_FOUND")
@blp.doc(security=[])
def get_place(place_id: int):
    """One open place"""
    place = public_places.open_place(place_id)
    if place is None:
        abort_problem(404, detail=_("There is no open place with this number."))
    return public_places.describe([place], locale=current_locale())[0]
