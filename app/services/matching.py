"""The bridge between the web app and matching/: records built from rows, and the places matching may use.

Suggestions themselves are made in one place, app/services/suggestions.py."""
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import aliased

import matching
from app.extensions import db
from app.models import JobseekerProfile, Opportunity, OpportunityStatus, Organisation, ProfileStatus, Role, User


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
        about=_about_with_own_words(profile), experience=tuple(profile.experience or ()),
        occupations=tuple(dict.fromkeys([*(profile.wanted_occupations or ()), *occupations_added])),
        skills=tuple(dict.fromkeys([*(profile.skills or ()), *skills_added])),
        languages=tuple(languages), driving_licences=tuple(profile.driving_licences or ()),
        wants=tuple(profile.wanted_kinds or ()), available_from=profile.available_from,
        birth_year=profile.birth_year, excluded_concepts=removed,
        # the language the person writes in (Latin-letter Arabic is read as Arabic only for Arabic writers)
        text_language=_text_language(profile),
    )


def _text_language(profile: JobseekerProfile) -> str:
    """The person's native language from the profile (not the account's language: that would cost a query per
    person in a region-wide run); Swedish when none is named."""
    native = next((e.get("code") for e in profile.languages or [] if e.get("level") == "native" and e.get("code")), None)
    return (native or "sv").split("-")[0]


def seeker_records(profiles: list[JobseekerProfile]) -> list[matching.Seeker]:
    """seeker_record for many people, their corrections read in one go."""
    from app.services import readings

    corrections = readings.for_matcher([p.id for p in profiles])
    return [seeker_record(p, corrections.get(p.id, readings.NO_CORRECTIONS)) for p in profiles]


def _about_with_own_words(profile: JobseekerProfile) -> str:
    """The person's own text, plus the jobs and skills they wrote in their own words (read by the matcher as text)."""
    own = [*(profile.own_occupations or ()), *(profile.own_skills or ())]
    return "\n".join(part for part in (profile.about or "", *own) if part)


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
    """The places matching may suggest (every road to a suggestion starts here): open, with a free seat, before
    the deadline, and offered by an approved (not suspended) organisation vetted for the place's municipality (red team 2: a look-alike
    registered elsewhere reached people here). Vetting counts where the vetting caseworker works; an
    administrator's, or the system's (imported public ads, vetted_by NULL), counts everywhere."""
    return list(db.session.scalars(open_opportunities_query(today)))


def open_opportunities_query(today: date | None = None) -> Select:
    """open_opportunities as a query, for callers that count or read a few columns (app/services/competence.py)."""
    today = today or date.today()
    vetter = aliased(User)
    return (
        select(Opportunity).join(Opportunity.organisation)
        .outerjoin(vetter, Organisation.vetted_by_id == vetter.id)
        .where(
            Opportunity.status == OpportunityStatus.OPEN,
            Opportunity.seats_taken < Opportunity.seats,
            (Opportunity.deadline.is_(None)) | (Opportunity.deadline >= today),
            Organisation.is_approved,  # approved, not suspended, not rejected
            or_(Organisation.vetted_by_id.is_(None), vetter.role == Role.ADMIN,
                vetter.municipality_code == Opportunity.municipality_code),
        ))


def active_people(municipality_codes: list[str] | None = None) -> Select:
    """Active, not hidden profiles (optionally in these municipalities): the people matching runs for."""
    query = select(JobseekerProfile).where(
        JobseekerProfile.status == ProfileStatus.ACTIVE,
        JobseekerProfile.hidden_at.is_(None))  # retention: hidden profiles get no suggestions
    if municipality_codes is not None:
        query = query.where(JobseekerProfile.municipality_code.in_(municipality_codes))
    return query
