"""The caseworker's list of people: search and export, each read written to the audit trail."""
import csv
import io

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.extensions import db
from app.models import JobseekerProfile, Role, User
from app.services.audit import record_access_to_many
from app.services.contact import contact_for
from app.services.profiles import is_minor

LIST_LIMIT = 500
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _visible_people(viewer: User, search: str | None) -> list[JobseekerProfile]:
    """Not hidden, in the viewer's municipality (all for an administrator), optionally by part of the name."""
    query = select(JobseekerProfile).where(JobseekerProfile.hidden_at.is_(None))
    if viewer.role != Role.ADMIN:
        query = query.where(JobseekerProfile.municipality_code == viewer.municipality_code)
    if search:
        query = query.where(func.lower(JobseekerProfile.full_name).contains(search.strip().lower(), autoescape=True))
    return list(db.session.scalars(query.order_by(JobseekerProfile.full_name, JobseekerProfile.id).limit(LIST_LIMIT)))


def people_for(viewer: User, search: str | None = None) -> list[JobseekerProfile]:
    """The list page; one audit event per person shown ("caseworker_search" with a search, else "caseworker_list")."""
    people = _visible_people(viewer, search)
    record_access_to_many(viewer, people, "caseworker_search" if search else "caseworker_list")
    db.session.commit()
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
