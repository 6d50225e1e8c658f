"""The register of personal data covers every column, and is shown to admins and (in short) to jobseekers."""
from app.services import privacy_register as register
from app.extensions import db
from app.models import Role
from tests import factories as f

PEOPLE_TABLES = {"user", "jobseeker_profile", "consent", "audit_event", "match", "case_note"}


def test_every_column_is_in_the_register_or_marked_not_personal(app):
    assert PEOPLE_TABLES <= set(register.REGISTERED_TABLES)
    columns = {f"{table}.{column.name}" for table in register.REGISTERED_TABLES
               for column in db.metadata.tables[table].columns}
    registered = {field.name for field in register.REGISTER}
    unaccounted = columns - registered - register.NOT_PERSONAL.keys()
    assert unaccounted == set(), "add these columns to app/services/privacy_register.py (REGISTER or NOT_PERSONAL)"
    assert registered & register.NOT_PERSONAL.keys() == set()
    assert (registered | register.NOT_PERSONAL.keys()) - columns == set(), "the register names columns that are gone"
    assert len(registered) == len(register.REGISTER), "a field is registered twice"


def test_every_entry_says_why_on_what_basis_who_and_how_long(app):
    with app.test_request_context():
        for field in register.REGISTER:
            assert field.group in register.GROUPS, field.name
            for part in (field.purpose, field.legal_basis, field.visible_to, field.retention):
                assert str(part).strip(), field.name


def test_administrators_see_the_whole_register(browser):
    admin = f.user(Role.ADMIN, locale="en")
    browser.login(admin.email, f.PASSWORD)
    page = browser.get("/admin/privacy").get_data(as_text=True)
    for field in register.REGISTER:
        assert f"<code>{field.name}</code>" in page
    assert "Consent (art. 6.1 a)" in page


def test_jobseekers_read_what_we_keep_and_why_in_plain_language(browser):
    me = f.user(locale="en")
    f.profile(me)
    browser.login(me.email, f.PASSWORD)
    page = browser.get("/me/privacy").get_data(as_text=True)
    assert "What we keep about you and why" in page
    assert "for 365 days" in page and "another 180 days" in page
    assert "jobseeker_profile" not in page  # plain language, not column names
    for link in ("/me/data", "/me/data/readers", "/me/delete"):
        assert f'href="{link}"' in page
