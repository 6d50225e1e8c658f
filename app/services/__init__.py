"""Use cases that touch several models. Views call these; these call models and matching/."""
