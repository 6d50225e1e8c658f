"""Every form people send, with the kind of each field, and the bad values every kind gets: shared by the
bad-input test (one payload per kind) and the generated-input test (Hypothesis draws the values)."""
import re
from datetime import date, timedelta

from sqlalchemy import func, select

from app.models import CompetenceNeed, JobseekerProfile, MunicipalitySettings, Opportunity, Organisation, Role, User
from app.extensions import db
from tests import factories as f
from tests.conftest import csrf_token

ONCE_INPUT = re.compile(r'name="once" type="hidden" value="([^"]+)"|name="once" value="([^"]+)"')  # a form's one-time token

TEXT, NUMBER, DATE, CHOICE, LINES = "text", "number", "date", "choice", "lines"

PAYLOADS = {
    "empty": {TEXT: "", NUMBER: "", DATE: "", CHOICE: "", LINES: ""},
    "too_long": {TEXT: "x" * 30000, NUMBER: "9" * 60, DATE: "2" * 60, CHOICE: "y" * 500, LINES: "ord\n" * 5000},
    "wrong_types": {TEXT: "12", NUMBER: "tolv", DATE: "31/02/2026", CHOICE: "not-a-choice", LINES: "Inget yrke alls"},
    "arabic_emoji": {TEXT: "مرحبا بالعالم 👩🏽‍🔧🚀", NUMBER: "٣", DATE: "٢٠٢٦-٠١-٠١", CHOICE: "عربي",
                     LINES: "عامل مستودع 📦"},
    "html_script": {TEXT: "<script>alert(1)</script><img src=x onerror=alert(2)>", NUMBER: "<b>1</b>",
                    DATE: "<i>", CHOICE: "<script>", LINES: "<script>alert(3)</script>"},
    "bidi_control": {TEXT: "\u202eabc\u202c \u2067x\u2069", NUMBER: "\u200f5", DATE: "\u202e2026-01-01",
                     CHOICE: "\u202esv", LINES: "\u202eLagerarbetare"},
    "nul_byte": {TEXT: "a\x00b", NUMBER: "1\x00", DATE: "2026\x00", CHOICE: "\x00", LINES: "\x00"},
}

FORMS = {
    "login": (None, "/auth/login", {"email": TEXT, "password": TEXT}, User),
    "reset_request": (None, "/auth/reset", {"email": TEXT}, None),
    "change_password": (Role.JOBSEEKER, "/auth/password", {"current_password": TEXT, "password": TEXT,
                                                           "confirm": TEXT}, None),
    "two_factor_setup": (Role.EMPLOYER, "/auth/two-factor/setup", {"code": TEXT}, None),
    "delete_account": (Role.JOBSEEKER, "/me/delete", {"confirm": CHOICE}, User),
    "withdraw": (Role.JOBSEEKER, "/me/matches/{match}/withdraw", {}, None),
    "register": (None, "/auth/register", {"full_name": TEXT, "email": TEXT,
                                          "locale": CHOICE}, User),
    "register_organisation": (None, "/auth/register/organisation", {
        "kind": CHOICE, "organisation_name": TEXT, "org_number": TEXT, "municipality": CHOICE, "full_name": TEXT,
        "email": TEXT, "phone": TEXT, "password": TEXT, "confirm": TEXT, "locale": CHOICE}, Organisation),
    "profile": (Role.JOBSEEKER, "/me/profile", {
        "full_name": TEXT, "phone": TEXT, "birth_year": NUMBER, "municipality_code": CHOICE, "travel_km": NUMBER,
        "swedish_level": CHOICE, "languages-0-code": CHOICE, "languages-0-level": CHOICE,
        "education_level": CHOICE, "experience-0-title": TEXT, "experience-0-years": NUMBER,
        "wanted_occupations": LINES, "skills": LINES, "driving_licences": CHOICE, "wanted_kinds": CHOICE,
        "available_from": DATE, "about": TEXT}, JobseekerProfile),
    "opportunity": (Role.EMPLOYER, "/organisation/opportunities/new", {
        "kind": CHOICE, "title": TEXT, "description": TEXT, "occupation": TEXT, "leads_to": LINES,
        "skills_required": LINES, "min_swedish": CHOICE, "driving_licences": CHOICE, "municipality_code": CHOICE,
        "seats": NUMBER, "start_date": DATE, "deadline": DATE}, Opportunity),
    "decision": (Role.CASEWORKER, "/caseworker/matches/{match}/decide",
                 {"decision": CHOICE, "reason": CHOICE, "note": TEXT}, None),
    "outcome": (Role.EMPLOYER, "/organisation/candidates/{match}/outcome", {"outcome": CHOICE}, None),
    "respond": (Role.JOBSEEKER, "/me/matches/{match}/respond", {"answer": CHOICE}, None),
    "retention": (Role.ADMIN, "/admin/privacy/retention", {"municipality_code": CHOICE, "hide_after_days": NUMBER,
                                                           "delete_after_days": NUMBER}, MunicipalitySettings),
    "language": (None, "/language/sv", {"next": TEXT}, None),
    "staff_invite": (Role.ADMIN, "/admin/staff/invite", {"email": TEXT, "full_name": TEXT, "role": CHOICE,
                                                          "municipality": CHOICE}, User),
    "messages": (Role.JOBSEEKER, "/me/messages", {"email": CHOICE, "sms": CHOICE, "alerts": CHOICE}, None),
    # Times as DATE: empty is a valid value (no default times), and the generator sends date-like garbage.
    "municipality_settings": (Role.ADMIN, "/admin/municipalities/1980", {
        "contact_name": TEXT, "contact_hours": TEXT, "reply_working_days": NUMBER, "close_after_days": NUMBER,
        "hide_after_days": NUMBER, "delete_after_days": NUMBER, "recruitment_venue": TEXT, "recruitment_address": TEXT,
        "recruitment_accessibility": TEXT, "recruitment_capacity": NUMBER, "recruitment_starts": DATE,
        "recruitment_ends": DATE, "recruitment_slot_minutes": NUMBER}, MunicipalitySettings),
    "competence_need": (Role.EMPLOYER, "/organisation/needs/new", {
        "occupation": TEXT, "headcount": NUMBER, "horizon_months": CHOICE, "municipality_code": CHOICE,
        "min_swedish": CHOICE, "driving_licences": CHOICE, "certificates": LINES, "would_take": CHOICE,
        "note": TEXT}, CompetenceNeed),
}



def actor(role):
    """A user of role who owns a match the form can address."""
    org = f.organisation()
    account = f.member(org) if role == Role.EMPLOYER else f.user(role) if role else None
    seeker = account if role == Role.JOBSEEKER else f.user()
    m = f.match(f.profile(seeker), f.opportunity(org), status="introduced" if role == Role.EMPLOYER else
                "approved" if role == Role.JOBSEEKER else "suggested")
    return account, m


START = date.today() + timedelta(weeks=6)


def opportunity_form(page: str, title: str) -> dict:
    """The new-place form as a browser would send it back, with its CSRF and one-time tokens."""
    once = ONCE_INPUT.search(page)
    assert once, "no one-time token in the form"
    return {"csrf_token": csrf_token(page), "once": once.group(1) or once.group(2), "kind": "trainee_job",
            "title": title, "description": "Plock och pack på lagret.", "occupation": "", "skills_required": "",
            "leads_to": "", "min_swedish": "A2", "municipality_code": f.VASTERAS, "seats": "2",
            "start_date": str(START), "deadline": str(START - timedelta(days=7))}


def places_titled(title: str) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Opportunity).where(Opportunity.title == title))
