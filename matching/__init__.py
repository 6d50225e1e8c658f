"""Jobbrygga's matching library: plain records in, ranked and explained suggestions out. No Flask, no database."""
from matching.constraints import violations
from matching.matcher import MODEL_VERSION, Matcher
from matching.model import TfidfMatcher
from matching.schema import Opportunity, Seeker, Suggestion, level_rank

__all__ = ["MODEL_VERSION", "Matcher", "Opportunity", "Seeker", "Suggestion", "TfidfMatcher", "level_rank",
           "violations"]
