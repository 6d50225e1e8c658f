"""Bad input on every form: a clear message in the page's language, 200/400, never 500, nothing half-saved."""
import html

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import JobseekerProfile, Match, MunicipalitySettings, Opportunity, Organisation, Role, User
from app.models.need import CompetenceNeed
from tests import factories as f

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
    "competence_need": (Role.EMPLOYER, "/organisation/needs/new", {
        "occupation": TEXT, "headcount": NUMBER, "horizon_months": CHOICE, "municipality_code": CHOICE,
        "min_swedish": CHOICE, "driving_licences": CHOICE, "certificates": LINES, "would_take": CHOICE,
        "note": TEXT}, CompetenceNeed),
}


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _actor(role):
    """A user of role who owns a match the form can address."""
    org = f.organisation()
    account = f.member(org) if role == Role.EMPLOYER else f.user(role) if role else None
    seeker = account if role == Role.JOBSEEKER else f.user()
    m = f.match(f.profile(seeker), f.opportunity(org), status="introduced" if role == Role.EMPLOYER else
                "approved" if role == Role.JOBSEEKER else "suggested")
    return account, m


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("form_name", FORMS)
def test_bad_input_never_breaks_a_form(browser, form_name, payload):
    role, url, fields, model = FORMS[form_name]
    account, m = _actor(role)
    if account:
        browser.login(account.email, f.PASSWORD)
    url = url.format(match=m.id)
    before = _count(model) if model else None
    status_before = m.status
    data = {name: PAYLOADS[payload][kind] for name, kind in fields.items()}
    response = browser.submit(url, data, page="/" if account else "/auth/login")
    body = response.get_data(as_text=True)
    assert response.status_code in (200, 302, 400), f"{form_name}/{payload}: {response.status_code}"
    assert "<script>alert" not in body and "onerror=alert" not in body.replace("onerror=alert(2)&gt;", "")
    if response.status_code != 302 and model is not None:
        assert _count(model) == before, "a refused form saved something"
    if response.status_code == 200 and form_name not in ("login",):
        assert 'class="error' in body or "flash-error" in body
    if payload in ("empty", "wrong_types", "nul_byte") and form_name in ("decision", "outcome", "respond"):
        db.session.refresh(m)
        assert m.status == status_before


def test_errors_are_in_the_pages_language(browser):
    browser.submit("/language/sv", {"next": "/auth/register"}, page="/auth/register")
    body = browser.submit("/auth/register", {"full_name": "", "email": "inte-en-adress"}).get_data(as_text=True)
    assert 'lang="sv"' in body
    # Each field says what is missing (not a generic "This field is required."), in the page's language.
    assert "Skriv ditt namn." in body and "Det här är ingen e-postadress." in body
    browser.submit("/language/en", {"next": "/auth/register"}, page="/auth/register")
    body = browser.submit("/auth/register", {"full_name": "", "email": "x"}).get_data(as_text=True)
    assert 'lang="en"' in body and "Write your name." in body


@pytest.mark.parametrize("locale", ["so", "ti", "fa_AF", "ar", "uk"])
def test_built_in_validation_messages_are_in_every_language(browser, locale):
    """WTForms has no Somali or Tigrinya (and Persian, not Dari): our catalogs carry its messages."""
    from babel.messages.pofile import read_po

    from app.cli import TRANSLATIONS

    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    required = catalog.get("This field is required.").string
    browser.submit(f"/language/{locale}", {"next": "/auth/login"}, page="/auth/login")
    body = browser.submit("/auth/login", {"email": "", "password": ""}).get_data(as_text=True)  # WTForms' own message
    assert required and required != "This field is required."
    assert html.escape(required, quote=False) in body and "This field is required." not in body


def test_unknown_occupation_is_kept_as_the_persons_own_words(browser):
    """A jobseeker's word the list does not know is never refused (issue 14): kept and shown back as typed."""
    account = f.user()
    browser.login(account.email, f.PASSWORD)
    response = browser.submit("/me/profile", {"full_name": "A", "municipality_code": f.VASTERAS, "travel_km": "20",
                                              "wanted_occupations": "Lagerarbetare/Terminalarbetare\nDrakjägare"})
    assert response.status_code == 302
    person = db.session.scalars(select(JobseekerProfile)).one()
    assert person.own_occupations == ["Drakjägare"] and len(person.wanted_occupations) == 1
    assert "Drakjägare" in browser.get("/me/profile").get_data(as_text=True)


def test_invalid_org_number_is_refused_and_valid_one_normalised(browser):
    data = {"kind": "employer", "organisation_name": "Test AB", "municipality": f.VASTERAS, "full_name": "T",
            "email": "t@example.se", "password": "lösenord som är långt", "confirm": "lösenord som är långt",
            "locale": "sv"}
    response = browser.submit("/auth/register/organisation", {**data, "org_number": "556016-0681"})
    assert response.status_code == 200 and _count(Organisation) == 0 and _count(User) == 0
    response = browser.submit("/auth/register/organisation", {**data, "org_number": "16 5560160680"})
    assert response.status_code == 302
    assert db.session.scalar(select(Organisation.org_number)) == "556016-0680"


def test_match_count_is_unchanged_by_a_refused_decision(browser):
    caseworker = f.user(Role.CASEWORKER)
    m = f.match(f.profile(f.user()), f.opportunity())
    browser.login(caseworker.email, f.PASSWORD)
    browser.submit(f"/caseworker/matches/{m.id}/decide", {"decision": "rejected", "reason": ""}, page="/caseworker/")
    db.session.refresh(m)
    assert m.status == "suggested" and _count(Match) == 1


@pytest.mark.parametrize("form_class", ["app.jobseeker.forms:ProfileForm", "app.employer.forms:OpportunityForm",
                                        "app.auth.forms:RegisterJobseekerForm",
                                        "app.auth.forms:RegisterOrganisationForm"])
def test_every_field_people_fill_has_help_text(app, form_class):
    """Plain-language help under each question (issue 6); a group of rows is explained by its legend."""
    import importlib

    from wtforms import FieldList, HiddenField, SubmitField
    from wtforms.csrf.core import CSRFTokenField

    module, name = form_class.split(":")
    with app.test_request_context():
        form = getattr(importlib.import_module(module), name)(meta={"csrf": False})
        missing = [field.name for field in form
                   if not isinstance(field, (SubmitField, CSRFTokenField, HiddenField, FieldList)) and not field.description]
    assert missing == []


def test_a_term_longer_than_any_label_is_unknown_without_a_query(app):
    """50,000 bytes of Tigrinya in the occupation field: SQLite refuses LIKE patterns that long (found by
    Hypothesis); no label is longer than LONGEST_LABEL, so such a term is simply not recognised."""
    from app.services.concepts import LONGEST_LABEL, resolve_terms

    term = "ሰ" * 16667
    assert resolve_terms([term], "occupation", locale="ti") == ([], [term])
    assert resolve_terms(["x" * (LONGEST_LABEL + 1)], "skill", locale="sv") == ([], ["x" * (LONGEST_LABEL + 1)])


def test_the_opportunity_form_names_an_overlong_occupation_back(browser):
    employer = f.member(f.organisation())
    browser.login(employer.email, f.PASSWORD)
    response = browser.submit("/organisation/opportunities/new", {
        "kind": "apprenticeship", "title": "Lager", "description": "Arbete på lager", "occupation": "ሰ" * 16667,
        "municipality_code": f.VASTERAS, "seats": "1"})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.get_data(as_text=True)
    assert _count(Opportunity) == 0
