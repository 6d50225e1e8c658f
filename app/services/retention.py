"""Automatic retention: inactive profiles are hidden, and hidden ones deleted later, per municipality.

A profile whose last activity (login or saving the profile) is more than hide_after_days before
today is hidden: out of matching and caseworker lists. A profile hidden more than delete_after_days
before today is erased with services.deletion.erase_person. `today` is a parameter so tests and the
`flask privacy retention --today` command can move time.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select, update

from app.extensions import db
from app.models import JobseekerProfile, MunicipalitySettings
from app.services.deletion import erase_person

DEFAULT_HIDE_AFTER_DAYS = 365
DEFAULT_DELETE_AFTER_DAYS = 180
MAX_DAYS = 3650  # ten years: anything longer is not retention


@dataclass(frozen=True)
class Retention:
    municipality_code: str
    hide_after_days: int
    delete_after_days: int


@dataclass(frozen=True)
class RetentionReport:
    hidden: int
    deleted: int


def settings_for(municipality_code: str) -> Retention:
    row = db.session.get(MunicipalitySettings, municipality_code)
    if row is None:
        return Retention(municipality_code, DEFAULT_HIDE_AFTER_DAYS, DEFAULT_DELETE_AFTER_DAYS)
    return Retention(municipality_code, row.hide_after_days, row.delete_after_days)


def saved_settings() -> list[MunicipalitySettings]:
    return list(db.session.scalars(select(MunicipalitySettings).order_by(MunicipalitySettings.municipality_code)))


def save_settings(municipality_code: str, hide_after_days: int, delete_after_days: int) -> None:
    """Create or change one municipality's numbers; commits."""
    row = db.session.get(MunicipalitySettings, municipality_code)
    if row is None:
        row = MunicipalitySettings(municipality_code=municipality_code)
        db.session.add(row)
    row.hide_after_days, row.delete_after_days = hide_after_days, delete_after_days
    db.session.commit()


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def apply_retention(today: date | None = None) -> RetentionReport:
    """Delete profiles hidden long enough, then hide the newly inactive ones; commits."""
    today = today or date.today()
    codes = db.session.scalars(select(JobseekerProfile.municipality_code).distinct()).all()
    deleted = hidden = 0
    for code in codes:
        rules = settings_for(code)
        expired = db.session.scalars(select(JobseekerProfile).where(
            JobseekerProfile.municipality_code == code, JobseekerProfile.hidden_at.is_not(None),
            JobseekerProfile.hidden_at < _start_of(today - timedelta(days=rules.delete_after_days)))).all()
        for profile in expired:
            erase_person(profile=profile)
            deleted += 1
        result = db.session.execute(
            update(JobseekerProfile).where(
                JobseekerProfile.municipality_code == code, JobseekerProfile.hidden_at.is_(None),
                JobseekerProfile.last_active_at < _start_of(today - timedelta(days=rules.hide_after_days)))
            .values(hidden_at=_start_of(today)).execution_options(synchronize_session=False))
        hidden += result.rowcount
        db.session.commit()
    return RetentionReport(hidden=hidden, deleted=deleted)


SETTINGS_FIELDS = ("contact_name", "contact_phone", "contact_email", "contact_hours", "reply_working_days",
                   "close_after_days", "hide_after_days", "delete_after_days", "recruitment_venue",
                   "recruitment_address", "recruitment_accessibility", "recruitment_capacity", "recruitment_starts",
                   "recruitment_ends", "recruitment_slot_minutes")


def settings_row(municipality_code: str) -> MunicipalitySettings:
    """The municipality's saved settings, or an unsaved row with the defaults (for the form)."""
    row = db.session.get(MunicipalitySettings, municipality_code)
    if row is None:
        row = MunicipalitySettings(municipality_code=municipality_code, hide_after_days=DEFAULT_HIDE_AFTER_DAYS,
                                   delete_after_days=DEFAULT_DELETE_AFTER_DAYS, reply_working_days=10,
                                   close_after_days=90, recruitment_capacity=30, recruitment_slot_minutes=30)
    return row


def save_municipality_settings(municipality_code: str, values: dict) -> MunicipalitySettings:
    """Create or change every setting of one municipality (blank texts are stored as empty: NULL); commits."""
    row = db.session.get(MunicipalitySettings, municipality_code)
    if row is None:
        row = MunicipalitySettings(municipality_code=municipality_code)
        db.session.add(row)
    for name in SETTINGS_FIELDS:
        value = values.get(name)
        if isinstance(value, str):
            value = value.strip() or None
        setattr(row, name, value)
    db.session.commit()
    return row
