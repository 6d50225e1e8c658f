"""Jobbrygga's matching library: plain records in, ranked and explained suggestions out. No Flask, no database.

The public API is __all__ below; everything else in matching/ is private to the library (the web app imports
only these names: tests/test_matching_public_api.py checks it). Names marked lazy are imported on first use,
so `import matching` stays light.
"""
from matching.constraints import violations
from matching.matcher import MODEL_VERSION, Matcher
from matching.model import TfidfMatcher
from matching.reranker import (FEATURES as RERANKER_FEATURES, MIN_DECISIONS as RERANKER_MIN_DECISIONS,
                               MIN_GAIN as RERANKER_MIN_GAIN, TrainingResult, features as reranker_features, rescore,
                               train as train_reranker)
from matching.schema import Opportunity, Seeker, Suggestion, level_rank

_LAZY = {
    # taxonomy and reference data
    "DATA_DIR": ("matching.taxonomy", "DATA_DIR"),
    "reference_data": ("matching.taxonomy", "reference_data"),
    "iter_platsbanken_ads": ("matching.taxonomy", "iter_platsbanken_ads"),
    "lexicon_for": ("matching.lexicon", "lexicon_for"),
    "normalise": ("matching.text", "normalise"),
    # label search (autocomplete)
    "LabelEntry": ("matching.search", "LabelEntry"),
    "LabelIndex": ("matching.search", "LabelIndex"),
    "understood_occupations": ("matching.search", "understood_occupations"),
    # capacity-aware batch proposals
    "assign": ("matching.assignment", "assign"),
    "AssignmentReport": ("matching.assignment", "Report"),
    # JobSearch (Platsbanken) ads as opportunity rows
    "convert_jobsearch_ad": ("matching.data.build", "convert_ad"),
    # one step away: the person-side constraint codes (regional planning)
    "gaps": ("matching.steps", "gaps"),
    "one_step": ("matching.steps", "one_step"),
    "judge_steps": ("matching.steps", "judge"),
    "STEPS": ("matching.steps", "STEPS"),
}

__all__ = ["MODEL_VERSION", "Matcher", "Opportunity", "Seeker", "Suggestion", "TfidfMatcher", "level_rank",
           "violations", "RERANKER_FEATURES", "RERANKER_MIN_DECISIONS", "RERANKER_MIN_GAIN", "TrainingResult",
           "reranker_features", "rescore", "train_reranker", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'matching' has no attribute {name!r}")
