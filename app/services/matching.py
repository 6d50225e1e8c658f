"""The only bridge between the web app and matching/: builds records, runs the matcher, stores suggestions."""
from datetime import date

from sqlalchemy import select

import matching
from app.extensions import db
from app.models import JobseekerProfile, Match, Opportunity, OpportunityStatus, ProfileStatus


def seeker_record(profile: JobseekerProfile) -> matching.Seeker:
    languages = list(profile.languages or [])
    if profile.swedish_level:
        languages.append({"code": "sv", "level": profile.swedish_level})
    return matching.Seeker(
        id=str(profile.id), municipality=profile.municipality_code, max_travel_km=profile.travel_km or 0,
        about=profile.about or "", experience=tuple(profile.experience or ()),
        occupations=tuple(profile.wanted_occupations or ()), skills=tuple(profile.skills or ()),
        languages=tuple(languages), driving_licences=tuple(profile.driving_licences or ()),
        wants=tuple(profile.wanted_kinds or ()), available_from=profile.available_from,
        birth_year=profile.birth_year,
    )


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


def run_for_municipality(municipality_code: str, k: int = 10) -> int:
    """Suggest matches for every active, not hidden person in a municipality; returns how many new suggestions."""
    profiles = db.session.scalars(select(JobseekerProfile).where(
        JobseekerProfile.municipality_code == municipality_code,
        JobseekerProfile.status == ProfileStatus.ACTIVE,
        JobseekerProfile.hidden_at.is_(None))).all()  # retention: hidden profiles get no suggestions
    opportunities = open_opportunities()
    if not profiles or not opportunities:
        return 0
    matcher = matching.Matcher(k=k).fit([opportunity_record(o) for o in opportunities])
    existing = {(m.profile_id, m.opportunity_id): m for m in db.session.scalars(
        select(Match).where(Match.profile_id.in_([p.id for p in profiles])))}
    created = 0
    for suggestion in matcher.rank([seeker_record(p) for p in profiles]):
        key = (int(suggestion.seeker_id), int(suggestion.opportunity_id))
        if key in existing:
            continue  # a decided case is never overwritten by a new run
        db.session.add(Match(profile_id=key[0], opportunity_id=key[1], score=round(suggestion.score, 4),
                             explanation=suggestion.explanation, model_version=matching.MODEL_VERSION))
        created += 1
    db.session.commit()
    return created
