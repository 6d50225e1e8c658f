"""The one-question satisfaction survey (NKI-style): "How satisfied are you overall …?", 1–10, once per case.

A jobseeker is asked about a case that reached an outcome (placed or not); an employer or school about a place once
they have answered a candidate on it or closed it. Each case or place is asked about once: answered or dismissed, it
is not asked again (a unique key on the case and on the place, so a double send stores one answer). The answer keeps
only the score, an optional short comment, the area for the dashboard and the day; never who answered.

The figure is the NKI index, 0–100: (mean − 1) / 9 × 100, per group, counted only from 5 answers up.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import (JobseekerProfile, Match, MatchStatus as S, Opportunity, OpportunityStatus, Organisation,
                        Respondent, SatisfactionAnswer)
from app.services.statistics import suppress_small

SCALE = range(1, 11)
COMMENT_LENGTH = 300
# A jobseeker's case has an outcome: placed (and followed up) or not placed.
OUTCOMES = (S.PLACED, S.FOLLOWED_UP_3M, S.FOLLOWED_UP_6M, S.NOT_PLACED)
# The organisation has answered a candidate on the place.
ANSWERED = (S.INTERVIEW, S.PLACED, S.FOLLOWED_UP_3M, S.FOLLOWED_UP_6M, S.NOT_PLACED)
ENDED = (OpportunityStatus.FILLED, OpportunityStatus.CLOSED)


def nki(scores: list[int]) -> float | None:
    """The NKI index of 1–10 scores: (mean − 1) / 9 × 100, one decimal; None without scores."""
    if not scores:
        return None
    return round((sum(scores) / len(scores) - 1) / 9 * 100, 1)


def question_for_jobseeker(profile: JobseekerProfile | None) -> Match | None:
    """The person's latest case with an outcome that they have neither answered nor dismissed."""
    if profile is None:
        return None
    asked = exists().where(SatisfactionAnswer.match_id == Match.id)
    return db.session.scalar(select(Match).where(Match.profile_id == profile.id, Match.status.in_(OUTCOMES), ~asked)
                             .order_by(Match.updated_at.desc(), Match.id.desc()).limit(1))


def question_for_organisation(organisation: Organisation | None) -> Opportunity | None:
    """The organisation's latest place it has answered a candidate on, or closed, not yet answered or dismissed."""
    if organisation is None:
        return None
    asked = exists().where(SatisfactionAnswer.opportunity_id == Opportunity.id)
    answered = exists().where(Match.opportunity_id == Opportunity.id, Match.status.in_(ANSWERED))
    return db.session.scalar(select(Opportunity).where(Opportunity.organisation_id == organisation.id,
                                                       Opportunity.status.in_(ENDED) | answered, ~asked)
                             .order_by(Opportunity.id.desc()).limit(1))


def may_ask_about_place(place: Opportunity) -> bool:
    """Whether the organisation is asked about this place: it is filled or closed, or a candidate was answered."""
    return place.status in ENDED or bool(db.session.scalar(
        select(func.count()).select_from(Match).where(Match.opportunity_id == place.id, Match.status.in_(ANSWERED))))


def _store(answer: SatisfactionAnswer) -> bool:
    """Add the answer; False (nothing stored) when the case or place was answered already. Commits."""
    db.session.add(answer)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def _clean(score: int | None, comment: str | None) -> tuple[int | None, str | None]:
    if score is not None and score not in SCALE:
        raise ValueError(f"a score is 1–10, not {score}")
    comment = (comment or "").strip()[:COMMENT_LENGTH] or None
    return score, (comment if score is not None else None)


def answer_case(match: Match, score: int | None, comment: str | None = None) -> bool:
    """The jobseeker's answer about a case (score None: dismissed). False if already answered; commits."""
    score, comment = _clean(score, comment)
    return _store(SatisfactionAnswer(respondent=Respondent.JOBSEEKER, match_id=match.id, score=score, comment=comment,
                                     municipality_code=match.profile.municipality_code))


def answer_place(place: Opportunity, score: int | None, comment: str | None = None) -> bool:
    """The organisation's answer about a place (score None: dismissed). False if already answered; commits."""
    score, comment = _clean(score, comment)
    return _store(SatisfactionAnswer(respondent=Respondent.EMPLOYER, opportunity_id=place.id, score=score,
                                     comment=comment,
                                     municipality_code=place.municipality_code or place.organisation.municipality_code))


@dataclass(frozen=True)
class Figure:
    """One group's satisfaction: the index (None under 5 answers) and the number of answers (None for 1–4)."""

    respondent: str
    index: float | None
    answers: int | None


def figures(municipalities: tuple[str, ...] | None, since=None) -> list[Figure]:
    """Per group (jobseekers, employers): the NKI index and the number of answers, in the area and period given
    (municipalities None: everywhere; since: answers on or after that moment). Dismissals are not answers."""
    query = select(SatisfactionAnswer.respondent, SatisfactionAnswer.score).where(SatisfactionAnswer.score.is_not(None))
    if municipalities is not None:
        query = query.where(SatisfactionAnswer.municipality_code.in_(municipalities))
    if since is not None:
        query = query.where(SatisfactionAnswer.answered_at >= since)
    scores: dict[str, list[int]] = {r.value: [] for r in Respondent}
    for respondent, score in db.session.execute(query):
        scores.setdefault(respondent, []).append(score)
    out = []
    for respondent in Respondent:
        count = suppress_small(len(scores[respondent]))
        out.append(Figure(respondent.value, nki(scores[respondent]) if count else None, count))
    return out


def forget_comments(match_ids: list[int]) -> None:
    """When a person is erased: their answers lose the comment (free text may name them); the score stays."""
    if match_ids:
        db.session.execute(SatisfactionAnswer.__table__.update().where(SatisfactionAnswer.match_id.in_(match_ids))
                           .values(comment=None, match_id=None))
