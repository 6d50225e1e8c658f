"""Jobbrygga's matching library: plain records in, ranked and explained suggestions out. No Flask, no database."""
from matching.constraints import violations
from matching.model import MODEL_VERSION, TfidfMatcher
from matching.schema import Opportunity, Seeker, Suggestion, level_rank

__all__ = ["MODEL_VERSION", "Opportunity", "Seeker", "Suggestion", "TfidfMatcher", "level_rank", "violations"]
