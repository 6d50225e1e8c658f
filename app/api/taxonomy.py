"""The taxonomy: occupations and skills by what people write, in any of the seven languages."""
from flask_smorest import Blueprint

from app.api import schemas
from app.presentation.i18n import current_locale
from app.services.concept_search import search_concepts

blp = Blueprint("api_taxonomy", __name__, description="Taxonomy search (no key needed)")


@blp.route("/taxonomy/concepts")
@blp.arguments(schemas.ConceptQuery, location="query")
@blp.response(200, schemas.ConceptHits)
@blp.doc(security=[])
def search(query):
    """Occupations or skills whose labels match q, labelled in the requester's language"""
    hits = search_concepts(query["q"], query["type"], limit=query["limit"], locale=current_locale())
    return {"concepts": hits}
