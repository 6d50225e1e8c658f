"""The caseworker's people: list, search, export, caseload and notes, each read written to the audit trail."""
import csv
import io

from flask_babel import gettext as _
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import JobseekerProfile, Role, User, utcnow
from app.models.profile import NOTE_MAX_LENGTH, CaseNote
from app.services.audit import record_access, record_access_to_many
from app.services.contact import contact_for
from app.services.profiles import is_minor, save_profile
from app.services.scope import restrict

LIST_LIMIT = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _visible_people(viewer: User, search: str | None) -> list[JobseekerProfile]:
    """Not hidden, in the viewer's municipality (all for an administrator), optionally by part of the name."""
    query = restrict(select(JobseekerProfile).where(JobseekerProfile.hidden_at.is_(None)),
                     JobseekerProfile.municipality_code, viewer)
    if search:
        query = query.where(func.lower(JobseekerProfile.full_name).contains(search.strip().lower(), autoescape=True))
    return list(db.session.scalars(query.order_by(JobseekerProfile.full_name, JobseekerProfile.id).limit(LIST_LIMIT)))


def people_for(viewer: User, search: str | None = None) -> list[JobseekerProfile]:
    """The list page; one audit event per person shown ("caseworker_search" with a search, else "caseworker_list")."""
    people = _visible_people(viewer, search)
    record_access_to_many(viewer, people, "caseworker_search" if search else "caseworker_list")
    db.session.commit()
    return _reloaded(people)


def _reloaded(people: list[JobseekerProfile]) -> list[JobseekerProfile]:
    """The same people, loaded again in one query: the commit expired them, and a page would reload each one."""
    ids = [inspect(p).identity[0] for p in people]  # p.id itself would reload each one
    if ids:
        db.session.scalars(select(JobseekerProfile).where(JobseekerProfile.id.in_(ids))).all()
    return people


def safe_cell(value) -> str:
    """A spreadsheet never runs a cell as a formula: cells starting with = + - @ (or tab, CR) get a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def people_csv(viewer: User, search: str | None = None) -> str:
    """The list as CSV; protected identity means no contact details at all, whoever exports. Audited as an export."""
    people = _visible_people(viewer, search)
    record_access_to_many(viewer, people, "caseworker_export")
    db.session.commit()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Reference"), _("Name"), _("E-mail"), _("Phone"), _("Municipality"), _("Under 18")])
    for profile in people:
        contact = contact_for(profile, viewer, export=True)
        withheld = _("Protected identity") if contact.protected else None
        writer.writerow([safe_cell(v) for v in (
            profile.id, profile.full_name, withheld or contact.email, withheld or contact.phone,
            profile.municipality_code, _("Yes") if is_minor(profile) else "")])
    return out.getvalue()


# The caseload: people a caseworker is responsible for, always inside the caseworker's municipality.

def caseload(viewer: User) -> list[JobseekerProfile]:
    """The viewer's own people (not hidden, in the viewer's municipality), by name; audited as a list."""
    query = select(JobseekerProfile).where(JobseekerProfile.caseworker_id == viewer.id,
                                           JobseekerProfile.hidden_at.is_(None))
    query = restrict(query, JobseekerProfile.municipality_code, viewer)
    people = list(db.session.scalars(query.order_by(JobseekerProfile.full_name, JobseekerProfile.id)
                                     .limit(LIST_LIMIT)))
    record_access_to_many(viewer, people, "caseworker_list")
    db.session.commit()
    return _reloaded(people)


def caseworkers_for(municipality_code: str) -> list[User]:
    """Who can take on a person of this municipality: its caseworkers, by name."""
    return list(db.session.scalars(select(User).where(User.role == Role.CASEWORKER,
                                                      User.municipality_code == municipality_code)
                                   .order_by(User.full_name, User.id)))


def assign(profile: JobseekerProfile, caseworker: User, actor: User) -> None:
    """Make caseworker responsible for the person; only a caseworker of the person's municipality; commits."""
    if caseworker.role != Role.CASEWORKER or caseworker.municipality_code != profile.municipality_code:
        raise PermissionError("a caseload stays within the caseworker's municipality")
    profile.caseworker_id = caseworker.id
    record_access(actor, profile, "caseworker_assign")
    db.session.commit()


def create_on_behalf(values: dict, caseworker: User) -> JobseekerProfile:
    """A profile without an account (the person has no e-mail), kept by the caseworker who created it."""
    profile = save_profile(None, values)
    profile.caseworker_id = caseworker.id if caseworker.role == Role.CASEWORKER else None
    record_access(caseworker, profile, "caseworker_edit_profile")
    db.session.commit()
    return profile


def edit_on_behalf(profile: JobseekerProfile, values: dict, caseworker: User) -> JobseekerProfile:
    """Save the caseworker's changes; the caseworker meeting the person counts as activity for retention."""
    if profile.user_id is not None:
        raise PermissionError("a person with an account keeps their own profile")
    profile.last_active_at = utcnow()
    profile.hidden_at = None
    record_access(caseworker, profile, "caseworker_edit_profile")
    return save_profile(profile, values)


def add_note(profile: JobseekerProfile, author: User, text: str) -> CaseNote:
    """A note on the person's case, at most NOTE_MAX_LENGTH characters; commits."""
    text = text.strip()
    if not text or len(text) > NOTE_MAX_LENGTH:
        raise ValueError("a note has 1 to NOTE_MAX_LENGTH characters")
    note = CaseNote(profile_id=profile.id, author_id=author.id, text=text)
    db.session.add(note)
    record_access(author, profile, "caseworker_add_note")
    db.session.commit()
    return note


def notes_about(profile: JobseekerProfile) -> list[CaseNote]:
    """Newest first, with the author loaded; the caller records the read (the person page does)."""
    return list(db.session.scalars(select(CaseNote).where(CaseNote.profile_id == profile.id)
                                   .options(selectinload(CaseNote.author))
                                   .order_by(CaseNote.at.desc(), CaseNote.id.desc())))


def own_language(profile: JobseekerProfile) -> str | None:
    """The language the person's own text is most likely written in, as a BCP 47 tag for lang="":
    their native language if the profile names one, else the language their account uses; None if unknown."""
    for entry in profile.languages or []:
        if entry.get("level") == "native" and entry.get("code"):
            return entry["code"]
    locale = profile.user.locale if profile.user else None
    return locale.replace("_", "-") if locale else None
