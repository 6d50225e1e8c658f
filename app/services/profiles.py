"""Jobseeker profiles: saving what the person (or their caseworker) entered, activity and age rules."""
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import JobseekerProfile, Role, User, utcnow

ADULT_AGE = 18

PROFILE_FIELDS = (
    "full_name", "phone", "birth_year", "municipality_code", "travel_km", "swedish_level", "languages",
    "education_level", "experience", "skills", "wanted_occupations", "driving_licences", "wanted_kinds",
    "available_from", "about", "name_own_script", "own_occupations", "own_skills",
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
    if user is not None:
        _mark_active(profile)
    db.session.commit()
    return profile


def _mark_active(profile: JobseekerProfile) -> None:
    """The person used the service: retention starts counting again and a hidden profile comes back."""
    profile.last_active_at = utcnow()
    profile.hidden_at = None


def record_login(sender, user: User, **extra) -> None:
    """flask_login's user_logged_in signal: a jobseeker logging in counts as activity; commits."""
    if user.role != Role.JOBSEEKER:
        return
    profile = profile_of(user)
    if profile is not None:
        _mark_active(profile)
        db.session.commit()


def is_minor(profile: JobseekerProfile, today: date | None = None) -> bool:
    """Possibly under 18: only the birth year is known, so someone turning 18 this year counts as a minor until
    the year is out (this year − birth_year ≤ 18): the extra care errs on the safe side. An unknown birth year
    is not flagged."""
    if profile.birth_year is None:
        return False
    return (today or date.today()).year - profile.birth_year <= ADULT_AGE
