"""The caseworker's people: list, search, export, caseload and notes, each read written to the audit trail."""
from flask_babel import gettext as _
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import JobseekerProfile, Role, User, utcnow
from app.models.profile import NOTE_MAX_LENGTH, CaseNote
from app.services.audit import record_access, record_access_to_many
from app.services.concepts import labels_for
from app.services.contact import contact_for
from app.services.exports import csv_text, safe_cell, xlsx_bytes  # noqa: F401  (safe_cell: the name others import)
from app.services.profiles import is_minor, save_profile
from app.services.scope import restrict

LIST_LIMIT = 500


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


def municipality_names(codes) -> dict[str, str]:
    """Municipality code → its name ("1980" → "Västerås"); the code itself where the taxonomy has no name."""
    return labels_for(codes)


def _people_table(viewer: User, search: str | None) -> tuple[list, list[list]]:
    """The list as a header and rows of names (no codes); protected identity means no contact details at all,
    whoever exports. Audited as an export."""
    people = _visible_people(viewer, search)
    record_access_to_many(viewer, people, "caseworker_export")
    db.session.commit()
    names = municipality_names(p.municipality_code for p in people)
    header = [_("Reference"), _("Name"), _("E-mail"), _("Phone"), _("Municipality"), _("Under 18"),
              _("Birth year"), _("Registered")]
    rows = []
    for profile in people:
        contact = contact_for(profile, viewer, export=True)
        withheld = _("Protected identity") if contact.protected else None
        rows.append([profile.id, profile.full_name, withheld or contact.email, withheld or contact.phone,
                     names.get(profile.municipality_code, profile.municipality_code),
                     _("Yes") if is_minor(profile) else "", profile.birth_year, profile.created_at.date()])
    return header, rows


def people_csv(viewer: User, search: str | None = None) -> str:
    """The list as CSV for Swedish Excel (;, BOM, decimal commas), every cell neutralised against formulas."""
    return csv_text(*_people_table(viewer, search))


def people_xlsx(viewer: User, search: str | None = None) -> bytes:
    """The list as an XLSX workbook: names, dates as dates, numbers as numbers, a header row with filters."""
    return xlsx_bytes(_("People"), *_people_table(viewer, search))


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


class ReasonRequired(ValueError):
    """A person with protected identity changes hands only with a written reason."""


def may_hand_over(profile: JobseekerProfile, actor: User) -> bool:
    """Anyone in the area may take on or assign a person; with protected identity only the assigned caseworker or
    an administrator (red team 1: taking the person on was a way for any colleague to read the contact details)."""
    return not profile.protected_identity or actor.role == Role.ADMIN or actor.id == profile.caseworker_id


def assign(profile: JobseekerProfile, caseworker: User, actor: User, reason: str | None = None) -> None:
    """Make caseworker responsible for the person; only a caseworker of the person's municipality; commits.

    Protected identity: only may_hand_over, and with a reason (kept in the audit trail); PermissionError or
    ReasonRequired otherwise.
    """
    if caseworker.role != Role.CASEWORKER or caseworker.municipality_code != profile.municipality_code:
        raise PermissionError("a caseload stays within the caseworker's municipality")
    reason = (reason or "").strip() or None
    if profile.protected_identity:
        if not may_hand_over(profile, actor):
            raise PermissionError("a person with protected identity is handed over by the assigned caseworker")
        if reason is None:
            raise ReasonRequired("a reason is required")
    profile.caseworker_id = caseworker.id
    record_access(actor, profile, "caseworker_assign", detail=reason)
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
    note = CaseNote(profile_id=profile.id, author_id=author.id, text=text,
                    municipality_code=author.municipality_code or profile.municipality_code)
    db.session.add(note)
    record_access(author, profile, "caseworker_add_note")
    db.session.commit()
    return note


def notes_about(profile: JobseekerProfile, viewer: User | None = None) -> list[CaseNote]:
    """Newest first, with the author loaded; the caller records the read (the person page does).

    A caseworker reads only the notes written in their own municipality: when a person moves, the old
    municipality's notes stay with it. An administrator (or viewer None) reads all."""
    query = select(CaseNote).where(CaseNote.profile_id == profile.id)
    if viewer is not None and viewer.role != Role.ADMIN:
        query = query.where(CaseNote.municipality_code == viewer.municipality_code)
    return list(db.session.scalars(query
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
