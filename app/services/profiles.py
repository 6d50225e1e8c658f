"""Jobseeker profiles: saving what the person (or their caseworker) entered."""
from sqlalchemy import select

from app.extensions import db
from app.models import JobseekerProfile, User

PROFILE_FIELDS = (
    "full_name", "phone", "birth_year", "municipality_code", "travel_km", "swedish_level", "languages",
    "education_level", "experience", "skills", "wanted_occupations", "driving_licences", "wanted_kinds",
    "available_from", "about",
)


def profile_of(user: User) -> JobseekerProfile | None:
    return db.session.scalar(select(JobseekerProfile).where(JobseekerProfile.user_id == user.id))


def save_profile(profile: JobseekerProfile | None, values: dict, *, user: User | None = None) -> JobseekerProfile:
    """Create or update a profile from validated values; only the allow-listed fields are written."""
    if profile is None:
        profile = JobseekerProfile(user=user)
        db.session.add(profile)
    for name in PROFILE_FIELDS:
        if name in values:
            setattr(profile, name, values[name])
    db.session.commit()
    return profile
