"""Notifications: one message per event and chosen channel, in the person's language, through a fake SMTP server and
a fake SMS gateway on 127.0.0.1; none at night, none twice, none when opted out; failures reach the caseworker."""
from datetime import datetime, timezone

import pytest
from flask_babel import force_locale, gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import MatchStatus, Role
from app.models.notification import Notification
from app.services import cases, notifications
from tests import factories as f
from tests.fakes import FakeSMSGateway, running

DAYTIME = datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc)  # 11:00 in Stockholm
NIGHT = datetime(2026, 12, 7, 22, 30, tzinfo=timezone.utc)  # 23:30 in Stockholm
NEXT_MORNING = datetime(2026, 12, 8, 7, 5, tzinfo=timezone.utc)  # 08:05 in Stockholm


@pytest.fixture
def gateway(app, monkeypatch):
    with running(FakeSMSGateway()) as server:
        monkeypatch.setitem(app.config, "SMS_API_URL", server.url)
        monkeypatch.setitem(app.config, "SMS_API_TOKEN", "test-token")
        monkeypatch.setitem(app.config, "SMS_SENDER", "Jobbrygga")
        yield server


@pytest.fixture
def clock(monkeypatch):
    """The time notify() and the sweep see (quiet hours depend on it)."""
    def set_to(moment):
        monkeypatch.setattr(notifications, "utcnow", lambda: moment)
    set_to(DAYTIME)
    return set_to


def _person(locale="ar", phone="070-123 45 67", **fields):
    account = f.user(Role.JOBSEEKER, locale=locale, full_name="Amal Markerperson")
    return f.profile(account, full_name="Amal Markerperson", phone=phone, **fields)


def _approved(person, title="Svetsare hos Markerbolaget"):
    caseworker = f.user(Role.CASEWORKER)
    match = f.match(person, f.opportunity(title=title))
    cases.move(match, MatchStatus.APPROVED, caseworker)
    return match


def _rows(person):
    db.session.expire_all()
    return list(db.session.scalars(select(Notification).where(Notification.profile_id == person.id)
                                   .order_by(Notification.id)))


def test_each_event_sends_one_message_per_channel_in_the_persons_language(smtp, gateway, clock):
    person = _person()
    match = _approved(person)
    employer = f.member(match.opportunity.organisation)
    cases.move(match, MatchStatus.INTRODUCED, person.user)  # the person's own move: nobody is told
    cases.move(match, MatchStatus.INTERVIEW, employer)
    cases.move(match, MatchStatus.PLACED, employer)

    mails = smtp.messages_to(person.user.email)
    with force_locale("ar"):
        subjects = [_("A new suggestion for you"), _("The employer wants to meet you"), _("News about your application")]
        sms_text = _("Jobbrygga: you have news. Log in to read it: %(link)s", link="https://jobbrygga.example.se/me/")
    assert subjects[0] != "A new suggestion for you", "the Arabic catalog has the message"
    assert [m["Subject"] for m in mails] == subjects
    assert "Svetsare hos Markerbolaget" in mails[0].get_content()
    assert "https://jobbrygga.example.se/me/" in mails[0].get_content()
    assert [s["message"] for s in gateway.sent] == [sms_text] * 3
    assert {s["to"] for s in gateway.sent} == {"+46701234567"}
    assert {(r["authorization"], r["json"]["from"]) for r in gateway.requests} == {("Bearer test-token", "Jobbrygga")}
    for sms in gateway.sent:  # an SMS says there is news, never what or whose
        assert "Markerperson" not in sms["message"] and "Svetsare" not in sms["message"]
    assert [(n.event, n.channel, n.status) for n in _rows(person)] == [
        (event, channel, "sent") for event in ("approved", "interview", "outcome") for channel in ("email", "sms")]


def test_a_caseworkers_approval_through_the_queue_sends_the_message(browser, smtp, clock):
    person = _person(locale="uk", phone=None)
    caseworker = f.user(Role.CASEWORKER)
    match = f.match(person, f.opportunity())
    browser.login(caseworker.email, f.PASSWORD)
    response = browser.submit(f"/caseworker/matches/{match.id}/decide", {"decision": "approved"},
                              page="/caseworker/")
    assert response.status_code == 302
    [mail] = smtp.messages_to(person.user.email)
    with force_locale("uk"):
        assert mail["Subject"] == _("A new suggestion for you")


def test_no_sms_at_night_it_waits_for_the_morning(smtp, gateway, clock):
    person = _person()
    clock(NIGHT)
    _approved(person)
    assert len(smtp.messages_to(person.user.email)) == 1  # e-mail does not wait
    assert gateway.requests == []
    [sms_row] = [n for n in _rows(person) if n.channel == "sms"]
    assert sms_row.status == "pending"
    assert notifications.send_due(datetime(2026, 12, 8, 3, 0, tzinfo=timezone.utc)) == \
        {"sent": 0, "failed": 0, "waiting": 0}
    assert gateway.requests == []
    assert notifications.send_due(NEXT_MORNING)["sent"] == 1
    assert len(gateway.sent) == 1


@pytest.mark.parametrize("local_hour, quiet", [(7, True), (8, False), (20, False), (21, True), (0, True)])
def test_quiet_hours_are_swedish_time(local_hour, quiet):
    from zoneinfo import ZoneInfo

    moment = datetime(2026, 7, 1, local_hour, 30, tzinfo=ZoneInfo("Europe/Stockholm"))  # summer time too
    assert (notifications.morning_after_quiet_hours(moment) != moment) == quiet


def test_a_retried_job_or_a_repeated_event_never_sends_twice(smtp, gateway, clock):
    person = _person()
    match = _approved(person)
    assert notifications.notify(person, "approved", match=match) == []  # the same event again: nothing new
    for row in _rows(person):
        assert notifications.deliver(row.id) is None  # the job run again after it sent
        assert notifications.send_notification(row.id) is None
    assert notifications.send_due()["sent"] == 0
    assert len(smtp.received) == 1 and len(gateway.requests) == 1


def test_nothing_is_sent_to_a_person_who_opted_out(smtp, gateway, clock, browser):
    person = _person()
    browser.login(person.user.email, f.PASSWORD)
    response = browser.submit("/me/messages", {"alerts": "off"})  # both boxes left empty
    assert response.status_code == 302
    _approved(person)
    assert _rows(person) == [] and smtp.received == [] and gateway.requests == []
    caseworker = f.user(Role.CASEWORKER)
    browser.logout()
    browser.login(caseworker.email, f.PASSWORD)
    page = browser.get("/caseworker/unreachable").get_data(as_text=True)
    assert "Amal Markerperson" in page


def test_a_failing_gateway_is_retried_and_then_shown_to_the_caseworker(gateway, clock, browser):
    person = _person(phone="+46 70 765 43 21")
    notifications.save_settings(person, email=False, sms_on=True, alerts="off")
    gateway.statuses = [503, 503, 503]
    _approved(person)
    [row] = _rows(person)
    assert (row.status, row.attempts, row.error) == ("pending", 1, "http 503")
    assert notifications.send_due()["waiting"] == 1
    assert notifications.send_due()["failed"] == 1
    assert notifications.send_due() == {"sent": 0, "failed": 0, "waiting": 0}  # given up: no fourth try
    assert len(gateway.requests) == 3 and gateway.sent == []
    [row] = _rows(person)
    assert (row.status, row.attempts) == ("failed", 3)
    caseworker = f.user(Role.CASEWORKER)
    browser.login(caseworker.email, f.PASSWORD)
    page = browser.get("/caseworker/unreachable").get_data(as_text=True)
    assert "Amal Markerperson" in page
    with force_locale("sv"):
        assert _("The last message could not be delivered") in page


def test_a_gateway_that_recovers_delivers_on_the_next_try(gateway, clock):
    person = _person()
    notifications.save_settings(person, email=False, sms_on=True, alerts="off")
    gateway.statuses = [500]
    _approved(person)
    assert notifications.send_due()["sent"] == 1
    assert len(gateway.sent) == 1
    assert notifications.unreachable(f.VASTERAS) == []


def test_without_a_gateway_nothing_is_sent_and_the_log_says_so(app, clock, caplog, monkeypatch):
    monkeypatch.setitem(app.config, "SMS_API_URL", None)
    person = _person(locale="so")
    notifications.save_settings(person, email=False, sms_on=True, alerts="off")
    _approved(person)
    [row] = _rows(person)
    assert (row.status, row.error) == ("unsent", "not_configured")
    assert "SMS_API_URL is not set" in caplog.text
    assert "+46701234567" not in caplog.text


@pytest.mark.parametrize("written, number", [("070-123 45 67", "+46701234567"), ("0046 70 123 45 67", "+46701234567"),
                                             ("+358 40 1234567", "+358401234567"), ("12", None), ("abc", None)])
def test_phone_numbers_are_read_as_people_write_them(written, number):
    from app.services.sms import phone_number

    assert phone_number(written) == number


def test_a_reply_deadline_near_is_told_once(smtp, clock):
    from datetime import date, timedelta

    person = _person(locale="fa_AF", phone=None)
    caseworker = f.user(Role.CASEWORKER)
    soon = f.match(person, f.opportunity(title="Snart slut", deadline=date.today() + timedelta(days=2)))
    later = f.match(person, f.opportunity(title="Långt kvar", deadline=date.today() + timedelta(days=30)))
    for match in (soon, later):
        cases.move(match, MatchStatus.APPROVED, caseworker)
    smtp.received.clear()
    assert notifications.reply_deadlines_near() == 1
    assert notifications.reply_deadlines_near() == 0  # the next day's run does not repeat it
    [mail] = smtp.messages_to(person.user.email)
    with force_locale("fa_AF"):
        assert mail["Subject"] == _("A suggestion waits for your answer")
    assert "Snart slut" in mail.get_content()


def test_a_follow_up_due_is_told_once(smtp, clock, runner):
    from datetime import timedelta

    from app.models import MatchEvent

    person = _person(locale="so", phone=None)
    match = f.match(person, f.opportunity(), status=MatchStatus.PLACED)
    db.session.add(MatchEvent(match=match, from_status="interview", to_status="placed",
                              at=datetime.now(timezone.utc) - timedelta(days=100)))
    db.session.commit()
    result = runner.invoke(args=["notifications", "reminders"])
    assert result.exit_code == 0 and "follow-ups due: 1" in result.output
    assert "follow-ups due: 0" in runner.invoke(args=["notifications", "reminders"]).output
    [mail] = smtp.messages_to(person.user.email)
    with force_locale("so"):
        assert mail["Subject"] == _("How is it going at work?")


def test_the_person_sees_and_changes_their_choices(browser, clock):
    person = _person(phone=None)
    browser.login(person.user.email, f.PASSWORD)
    page = browser.get("/me/messages").get_data(as_text=True)
    with force_locale("ar"):
        assert _("Add your mobile number in your profile to get SMS.") in page
    assert browser.submit("/me/messages", {"email": "y", "alerts": "weekly"}).status_code == 302
    settings = notifications.settings_for(person)
    assert (settings.email, settings.sms, settings.alerts) == (True, False, "weekly")
    assert settings.alerts_since is not None
    assert browser.submit("/me/messages", {"alerts": "hourly"}).status_code == 200  # not a choice: refused
    assert notifications.settings_for(person).alerts == "weekly"


def test_with_redis_an_rq_worker_sends_the_message_once(app, redis_url, smtp, monkeypatch):  # noqa: F811
    """The message leaves from a real `rq worker` process, not from the caseworker's request; the job queued
    again (as RQ's retry would) sends nothing more."""
    from app.background import jobqueue
    from tests.workers import finish_worker, start_worker

    for key, value in {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port), "MAIL_USE_TLS": "0",
                       "PUBLIC_URL": "https://jobbrygga.example.se"}.items():
        monkeypatch.setenv(key, value)
    person = _person(locale="ti", phone=None)
    _approved(person)
    assert smtp.received == []  # queued, not sent in the request
    finish_worker(start_worker(app, redis_url))
    [mail] = smtp.messages_to(person.user.email)
    with force_locale("ti"):
        assert mail["Subject"] == _("A new suggestion for you")
    [row] = _rows(person)
    assert (row.status, row.attempts) == ("sent", 1)
    jobqueue.get_queue().enqueue(notifications.send_notification, row.id)
    finish_worker(start_worker(app, redis_url))
    assert len(smtp.received) == 1


def test_the_persons_data_copy_lists_the_messages_and_erasure_removes_them(app, smtp, clock):
    import json

    from app.services.deletion import erase_person
    from app.services.personal_data import personal_data_json

    person = _person(phone=None)
    _approved(person)
    with app.test_request_context():
        copy = json.loads(personal_data_json(person.user))
    assert copy["messages"]["email"] is True
    assert [(m["event"], m["channel"], m["status"]) for m in copy["messages"]["sent"]] == [("approved", "email", "sent")]
    notifications.save_settings(person, email=True, sms_on=False, alerts="daily")
    profile_id = person.id
    erase_person(user=person.user)
    assert db.session.scalars(select(Notification).where(Notification.profile_id == profile_id)).all() == []
    from app.models.notification import NotificationSettings
    assert db.session.get(NotificationSettings, profile_id) is None
