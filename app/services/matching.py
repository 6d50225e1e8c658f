"""The only bridge between the web app and matching/: builds records, runs the matcher, stores suggestions."""
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

import matching
from app.extensions import db
from app.models import JobseekerProfile, Match, Opportunity, OpportunityStatus, ProfileStatus
from app.services import reranker


def seeker_record(profile: JobseekerProfile, corrections: tuple | None = None) -> matching.Seeker:
    """The person as the matcher reads them, with the caseworkers' corrections of the reading of their own words
    (services/readings.py): corrections=None reads them for this one person (seeker_records: for many at once)."""
    from app.services import readings

    if corrections is None:
        corrections = readings.for_matcher([profile.id]).get(profile.id, readings.NO_CORRECTIONS)
    removed, occupations_added, skills_added = corrections
    languages = list(profile.languages or [])
    if profile.swedish_level:
        languages.append({"code": "sv", "level": profile.swedish_level})
    return matching.Seeker(
        id=str(profile.id), municipality=profile.municipality_code, max_travel_km=profile.travel_km or 0,
        about=profile.about or "", experience=tuple(profile.experience or ()),
        occupations=tuple(dict.fromkeys([*(profile.wanted_occupations or ()), *occupations_added])),
        skills=tuple(dict.fromkeys([*(profile.skills or ()), *skills_added])),
        languages=tuple(languages), driving_licences=tuple(profile.driving_licences or ()),
        wants=tuple(profile.wanted_kinds or ()), available_from=profile.available_from,
        birth_year=profile.birth_year, excluded_concepts=removed,
    )


def seeker_records(profiles: list[JobseekerProfile]) -> list[matching.Seeker]:
    """seeker_record for many people, their corrections read in one go."""
    from app.services import readings

    corrections = readings.for_matcher([p.id for p in profiles])
    return [seeker_record(p, corrections.get(p.id, readings.NO_CORRECTIONS)) for p in profiles]


def opportunity_record(opportunity: Opportunity) -> matching.Opportunity:
    return matching.Opportunity(
        id=str(opportunity.id), kind=opportunity.kind, title=opportunity.title,
        description=opportunity.description or "", occupation=opportunity.occupation_id,
        leads_to=tuple(opportunity.leads_to or ()), skills_required=tuple(opportunity.skills_required or ()),
        min_swedish=opportunity.min_swedish, driving_licence=tuple(opportunity.driving_licences or ()),
        municipality=opportunity.municipality_code, seats=opportunity.seats_left,
        start=opportunity.start_date, deadline=opportunity.deadline,
    )


def open_opportunities(today: date | None = None) -> list[Opportunity]:
    today = today or date.today()
    return list(db.session.scalars(
        select(Opportunity).where(
            Opportunity.status == OpportunityStatus.OPEN,
            Opportunity.seats_taken < Opportunity.seats,
            (Opportunity.deadline.is_(None)) | (Opportunity.deadline >= today),
        )))


def active_people(municipality_codes: list[str] | None = None) -> Select:
    """Active, not hidden profiles (optionally in these municipalities): the people matching runs for."""
    query = select(JobseekerProfile).where(
        JobseekerProfile.status == ProfileStatus.ACTIVE,
        JobseekerProfile.hidden_at.is_(None))  # retention: hidden profiles get no suggestions
    if municipality_codes is not None:
        query = query.where(JobseekerProfile.municipality_code.in_(municipality_codes))
    return query


def fitted_matcher(k: int = 10) -> matching.Matcher | None:
    """A matcher over today's open opportunities; None when there are none."""
    opportunities = open_opportunities()
    if not opportunities:
        return None
    return matching.Matcher(k=k).fit([opportunity_record(o) for o in opportunities])


def store_suggestions(matcher: matching.Matcher, profiles: list[JobseekerProfile]) -> int:
    """Rank these people and store new suggestions; returns how many rows were added; commits.

    A pair that already exists (suggested or decided) is left as it is: the insert relies on the one_per_pair
    constraint (ON CONFLICT DO NOTHING), so running the same people twice, or concurrently, adds nothing twice.
    """
    suggestions, version = reranker.rerank(matcher.rank(seeker_records(profiles)))
    rows = [dict(profile_id=int(s.seeker_id), opportunity_id=int(s.opportunity_id), score=round(s.score, 4),
                 explanation=s.explanation, model_version=version)
            for s in suggestions]
    if not rows:
        return 0
    insert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(Match).on_conflict_do_nothing(index_elements=["profile_id", "opportunity_id"])
    created = len(db.session.execute(statement.returning(Match.id), rows).all())
    db.session.commit()
    return created


def run_for_municipality(municipality_code: str, k: int = 10) -> int:
    """Suggest matches for every active, not hidden person in a municipality; returns how many new suggestions."""
    profiles = db.session.scalars(active_people([municipality_code])).all()
    if not profiles:
        return 0
    matcher = fitted_matcher(k)
    return store_suggestions(matcher, list(profiles)) if matcher else 0
