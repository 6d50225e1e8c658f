"""Jobseeker profiles: saving what the person (or their caseworker) entered, activity and age rules."""
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, JobseekerProfile, Role, User, utcnow

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
    moved_from = profile.municipality_code
    for name in PROFILE_FIELDS:
        if name in values:
            setattr(profile, name, values[name])
    if profile.id is not None and moved_from and profile.municipality_code != moved_from:
        hand_over_after_move(profile, moved_from, user)
    if user is not None:
        _mark_active(profile)
    db.session.commit()
    return profile


MOVED = "profile_moved"  # audit action; detail: the municipality the person moved from


def hand_over_after_move(profile: JobseekerProfile, moved_from: str, actor: User | None) -> None:
    """The person moved to another municipality: their own data (profile, applications, consents) goes with them;
    the case does not. The old caseworker lets go, the old municipality's notes stay with it (CaseNote.
    municipality_code), and the new municipality's caseworkers find the person unassigned, marked as moved here."""
    profile.caseworker_id = None
    db.session.add(AuditEvent(actor_id=actor.id if actor else None, profile_id=profile.id, action=MOVED,
                              detail=moved_from))


def moved_here_from(profile: JobseekerProfile) -> AuditEvent | None:
    """The latest move into the person's current municipality, if nobody has taken the person on since."""
    if profile.caseworker_id is not None:
        return None
    return db.session.scalar(select(AuditEvent).where(AuditEvent.profile_id == profile.id, AuditEvent.action == MOVED)
                             .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(1))


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
