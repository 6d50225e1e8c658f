"""Staff accounts: `flask users create` and the administrator's staff page share one invitation service."""
import logging
import re
from datetime import timedelta

import pyotp
from sqlalchemy import select, update

from app.extensions import db
from app.models import Role, StaffEvent, StaffInvitation, User
from app.services import invitations
from tests import factories as f

SECRET_ON_PAGE = re.compile(r'<code class="secret" dir="ltr">([A-Z2-7]+)</code>')
LINK = re.compile(r"https?://[^/\s]+(/auth/invitation/[\w\-]+)")
GOOD_PASSWORD = "Lingonsylt på tisdagar 42"


def _create(runner, *args):
    result = runner.invoke(args=["users", "create", *args])
    return result, (LINK.search(result.output).group(1) if LINK.search(result.output) else None)


def _accept(browser, link, password=GOOD_PASSWORD):
    """Choose the password through the link, then connect the app with the key the page shows; returns the key."""
    response = browser.submit(link, {"password": password, "confirm": password})
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/two-factor/setup"), \
        response.get_data(as_text=True)[:3000]
    secret = SECRET_ON_PAGE.search(browser.get("/auth/two-factor/setup").get_data(as_text=True)).group(1)
    response = browser.submit("/auth/two-factor/setup", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    return secret


def test_the_first_administrator_from_the_command_line(app, browser, runner):
    result, link = _create(runner, "Chef@Kommun.example.se", "--role", "admin", "--name", "Första Admin")
    assert result.exit_code == 0, result.output
    admin = db.session.scalar(select(User).where(User.email == "chef@kommun.example.se"))
    assert admin.role == Role.ADMIN and admin.totp_secret is None and not admin.check_password("")
    assert browser.submit("/auth/login", {"email": admin.email, "password": "anything at all 123"}).status_code == 200
    page = browser.get(link).get_data(as_text=True)
    assert "<bdi>chef@kommun.example.se</bdi>" in page
    _accept(browser, link)
    assert browser.get("/admin/").status_code == 200  # logged in, with the second factor connected
    events = db.session.scalars(select(StaffEvent.action).where(StaffEvent.user_id == admin.id)).all()
    assert sorted(events) == ["accepted", "invited"]


def test_the_link_applies_the_password_rule_and_works_once(app, browser, runner):
    _, link = _create(runner, "ny@kommun.example.se", "--role", "caseworker", "--municipality", f.VASTERAS)
    response = browser.submit(link, {"password": "password1234", "confirm": "password1234"})
    assert response.status_code == 200 and "ny@kommun.example.se" in response.get_data(as_text=True)
    assert db.session.scalar(select(StaffInvitation.used_at)) is None  # a refused password does not use it up
    _accept(browser, link)
    browser.logout()
    response = browser.get(link)
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/login")
    response = browser.submit(link, {"password": "Another good one 77 x", "confirm": "Another good one 77 x"},
                              page="/auth/login")
    assert response.status_code == 302
    assert db.session.scalar(select(User).where(User.email == "ny@kommun.example.se")).check_password(GOOD_PASSWORD)


def test_an_expired_link_and_an_older_link_do_not_work(app, browser, runner):
    _, first = _create(runner, "sen@kommun.example.se", "--role", "admin")
    second = LINK.search(runner.invoke(args=["users", "link", "sen@kommun.example.se"]).output).group(1)
    assert browser.get(first).status_code == 302, "a new link makes older ones stop"
    assert browser.get(second).status_code == 200
    db.session.execute(update(StaffInvitation).values(expires_at=invitations._now() - timedelta(minutes=1)))
    db.session.commit()
    assert browser.get(second).status_code == 302


def test_the_command_refuses_what_cannot_be_a_staff_account(runner):
    existing = f.user()
    for args, reason in [(["x@example.se", "--role", "caseworker"], "municipality"),
                         (["x@example.se", "--role", "caseworker", "--municipality", "9999"], "municipality"),
                         ([existing.email, "--role", "admin"], "already an account"),
                         (["inte-en-adress", "--role", "admin"], "valid e-mail")]:
        result = runner.invoke(args=["users", "create", *args])
        assert result.exit_code == 1 and reason in result.output, result.output
    assert runner.invoke(args=["users", "create", "y@example.se", "--role", "jobseeker"]).exit_code == 2
    assert db.session.scalar(select(User).where(User.email == "x@example.se")) is None


def test_the_link_is_built_from_public_url(app, runner, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://jobbrygga.kommun.example.se")
    result, _ = _create(runner, "p@kommun.example.se", "--role", "admin")
    assert "https://jobbrygga.kommun.example.se/auth/invitation/" in result.output
    token = re.search(r"/auth/invitation/([\w\-]+)", result.output).group(1)
    assert token not in db.session.scalar(select(StaffInvitation.token_hash)), "only a digest is stored"


def _staff_page_invite(browser, caplog, **data):
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = browser.submit("/admin/staff/invite", data, page="/admin/staff")
    mails = [r.getMessage() for r in caplog.records if "Subject:" in r.getMessage()]
    return response, mails


def test_an_administrator_invites_moves_and_deactivates_a_caseworker(app, browser, caplog):
    admin = f.user(Role.ADMIN, locale="en")
    browser.login(admin.email, f.PASSWORD)
    response, mails = _staff_page_invite(browser, caplog, email="ny.handlaggare@kommun.example.se",
                                         full_name="Ny Handläggare", role="caseworker", municipality=f.VASTERAS)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    [mail] = mails
    link = LINK.search(mail).group(1)
    caseworker = db.session.scalar(select(User).where(User.email == "ny.handlaggare@kommun.example.se"))
    page = browser.get("/admin/staff").get_data(as_text=True)
    assert "Ny Handläggare" in page
    member_page = f"/admin/staff/{caseworker.id}"
    assert browser.get(member_page).status_code == 200

    other = app.test_client()
    from tests.conftest import Browser

    newcomer = Browser(app, other)
    _accept(newcomer, link)
    assert newcomer.get("/caseworker/").status_code == 200

    response = browser.submit(f"{member_page}/move", {"municipality": f.ESKILSTUNA}, page=member_page)
    assert response.status_code == 302
    db.session.refresh(caseworker)
    assert caseworker.municipality_code == f.ESKILSTUNA

    response = browser.submit(f"{member_page}/deactivate", page=member_page)
    assert response.status_code == 302
    assert newcomer.get("/caseworker/").status_code == 302, "deactivation ends the sessions at once"
    assert newcomer.submit("/auth/login", {"email": caseworker.email, "password": GOOD_PASSWORD}).status_code == 200
    browser.submit(f"{member_page}/reactivate", page=member_page)
    newcomer.login(caseworker.email, GOOD_PASSWORD)

    events = db.session.execute(select(StaffEvent.action, StaffEvent.actor_id, StaffEvent.detail)
                                .where(StaffEvent.user_id == caseworker.id).order_by(StaffEvent.id)).all()
    assert [(action, actor) for action, actor, _ in events] == [
        ("invited", admin.id), ("accepted", None), ("moved", admin.id), ("deactivated", admin.id),
        ("reactivated", admin.id)]
    assert events[2].detail == f"{f.VASTERAS} → {f.ESKILSTUNA}"
    page = browser.get(member_page).get_data(as_text=True)
    assert admin.email in page


def test_the_staff_page_refuses_bad_invitations_and_keeps_what_was_typed(browser, caplog):
    admin = f.user(Role.ADMIN, locale="en")
    existing = f.user(Role.CASEWORKER)
    browser.login(admin.email, f.PASSWORD)
    for data, message in [({"email": existing.email, "role": "caseworker", "municipality": f.VASTERAS},
                           "already an account"),
                          ({"email": "a@kommun.example.se", "role": "caseworker", "municipality": ""},
                           "choose it"),
                          ({"email": "a@kommun.example.se", "role": "jobseeker", "municipality": ""}, "Not a valid"),
                          ({"email": "not an address", "role": "admin"}, "e-mail")]:
        response, mails = _staff_page_invite(browser, caplog, **{"full_name": "Kvar Namn", **data})
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and message in page and "Kvar Namn" in page and not mails, data
    assert db.session.scalar(select(User).where(User.email == "a@kommun.example.se")) is None


def test_an_administrator_cannot_deactivate_themselves_and_jobseekers_are_not_staff(browser):
    admin = f.user(Role.ADMIN)
    seeker = f.user()
    browser.login(admin.email, f.PASSWORD)
    browser.submit(f"/admin/staff/{admin.id}/deactivate", page=f"/admin/staff/{admin.id}")
    db.session.refresh(admin)
    assert admin.deactivated_at is None
    assert browser.get(f"/admin/staff/{seeker.id}").status_code == 404
    assert browser.submit(f"/admin/staff/{seeker.id}/deactivate", page="/admin/staff").status_code == 404


def test_an_administrator_invites_a_regional_planner_for_a_county_but_no_caseworker_for_one(app, browser, caplog):
    admin = f.user(Role.ADMIN, locale="en")
    browser.login(admin.email, f.PASSWORD)
    page = browser.get("/admin/staff").get_data(as_text=True)
    assert 'value="planner"' in page and 'value="19"' in page  # the role, and Västmanland county among the areas
    refused, mails = _staff_page_invite(browser, caplog, email="fel@kommun.example.se", role="caseworker",
                                        municipality="19")
    assert refused.status_code == 400 and not mails, "a caseworker works for a municipality, not a county"
    assert db.session.scalar(select(User).where(User.email == "fel@kommun.example.se")) is None
    response, mails = _staff_page_invite(browser, caplog, email="planerare@region.example.se", full_name="Planerare",
                                         role="planner", municipality="19")
    assert response.status_code == 302 and len(mails) == 1
    planner = db.session.scalar(select(User).where(User.email == "planerare@region.example.se"))
    assert planner.role == Role.PLANNER and planner.municipality_code == "19"
