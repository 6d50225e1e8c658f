"""Telling people when something happens to them: by e-mail and SMS, in their language, from the background queue.

notify(profile, event, match=…) is the one call the services make where something happens. It records one
Notification per channel the person has chosen and can be reached on (the row's unique key is the event,
the case and its status, and the channel, so the same event never makes two messages) and queues their
sending. A job claims its row with one conditional UPDATE before it talks to the gateway, so a retried or
duplicated job never sends twice; a failure leaves the row for another try (RQ's retries, and the sweep
`flask notifications send`), and after MAX_ATTEMPTS the person shows up for their caseworker.

An SMS never carries personal details: it says there is news and links to the service. SMS wait for the
morning during quiet hours (21–08, Europe/Stockholm); e-mail does not.
"""
import logging
from urllib.parse import urlsplit
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale, format_date, gettext as _
from rq import get_current_job
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.presentation.i18n import SUPPORTED_LOCALES
from app.models import JobseekerProfile, Match, MatchStatus, Opportunity, ProfileStatus, Role, User, utcnow
from app.models.notification import Channel, Notification, NotificationSettings, NotificationStatus
from app.services import sms
from app.services.mail import send_mail

log = logging.getLogger(__name__)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
QUIET_FROM, QUIET_UNTIL = time(21, 0), time(8, 0)  # no SMS at night
MAX_ATTEMPTS = 3
STALE_SENDING = timedelta(hours=1)  # a job that claimed a row and vanished (killed worker): counted as failed
REPLY_SOON_DAYS = 3  # "the last day to answer is near": the place's deadline within this many days

# What happens to a case → the event the person hears about. Moves the person makes themself are not listed.
EVENT_FOR_STATUS = {
    MatchStatus.APPROVED: "approved",  # the caseworker suggests the place to the person
    MatchStatus.INTERVIEW: "interview",  # the employer's answer: they want to meet the person
    MatchStatus.PLACED: "outcome",
    MatchStatus.NOT_PLACED: "outcome",
}
EVENTS = ("approved", "interview", "outcome", "follow_up_due", "reply_due", "alert")


class DeliveryFailed(Exception):
    """The server or gateway did not take the message; the row waits for another try."""


# ---------------------------------------------------------------- settings and addresses

def settings_for(profile: JobseekerProfile) -> NotificationSettings:
    """The person's saved choices, or the defaults (not saved) when they have not chosen yet."""
    saved = db.session.get(NotificationSettings, profile.id)
    return saved or NotificationSettings(profile_id=profile.id, email=True, sms=True, alerts="off")


def save_settings(profile: JobseekerProfile, *, email: bool, sms_on: bool, alerts: str) -> NotificationSettings:
    """Store the person's choices; turning alerts on starts them from now (older places are not news). Commits."""
    settings = db.session.get(NotificationSettings, profile.id)
    if settings is None:
        settings = NotificationSettings(profile_id=profile.id, alerts="off")
        db.session.add(settings)
    if alerts != "off" and (settings.alerts or "off") == "off":
        settings.alerts_since = utcnow()
    settings.email, settings.sms, settings.alerts = email, sms_on, alerts
    db.session.commit()
    return settings


def email_address(profile: JobseekerProfile) -> str | None:
    return profile.user.email if profile.user is not None else None


def addresses(profile: JobseekerProfile, settings: NotificationSettings | None = None) -> dict[str, str]:
    """Channel → address for every channel the person chose and can be reached on."""
    settings = settings or settings_for(profile)
    found = {}
    if settings.email and email_address(profile):
        found[Channel.EMAIL] = email_address(profile)
    number = sms.phone_number(profile.phone)
    if settings.sms and number:
        found[Channel.SMS] = number
    return found


def locale_of(profile: JobseekerProfile) -> str:
    """The language the person reads: their account's, else their native language if we speak it, else Swedish."""
    if profile.user is not None and profile.user.locale in SUPPORTED_LOCALES:
        return profile.user.locale
    for entry in profile.languages or []:
        code = {"fa": "fa_AF", "prs": "fa_AF"}.get(entry.get("code"), entry.get("code"))
        if entry.get("level") == "native" and code in SUPPORTED_LOCALES:
            return code
    return current_app.config.get("BABEL_DEFAULT_LOCALE", "sv")


def morning_after_quiet_hours(now: datetime) -> datetime:
    """now when it is daytime in Sweden; otherwise 08:00 Swedish time the next morning (as UTC)."""
    local = now.astimezone(STOCKHOLM)
    if QUIET_UNTIL <= local.time() < QUIET_FROM:
        return now
    day = local.date() if local.time() < QUIET_UNTIL else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_UNTIL, tzinfo=STOCKHOLM).astimezone(timezone.utc)


# ---------------------------------------------------------------- recording and queueing

def notify(profile: JobseekerProfile | None, event: str | None, *, match: Match | None = None,
           key: str | None = None, detail: dict | None = None, now: datetime | None = None) -> list[int]:
    """Tell the person about event on each chosen channel (once per event, case and channel); commits.

    Never raises: the thing that happened is already saved, and a message that cannot be recorded must not
    undo it for the caseworker or employer who did it. Returns the ids of the messages recorded now.
    """
    if profile is None or event is None:
        return []
    try:
        ids = _record(profile, event, match, key, detail, now or utcnow())
    except Exception:  # noqa: BLE001 - logged; the caller's work is committed already
        db.session.rollback()
        log.exception("could not record the %s notification", event)
        return []
    from app.background.jobqueue import enqueue

    for notification_id in ids:
        enqueue(send_notification, notification_id)
    return ids


def _record(profile, event, match, key, detail, now) -> list[int]:
    if profile.hidden_at is not None:
        return []
    base = key or (f"{event}:{match.id}:{match.status}" if match is not None else f"{event}:{profile.id}")
    rows = [dict(key=f"{base}:{channel}", profile_id=profile.id, match_id=match.id if match is not None else None,
                 event=event, channel=str(channel), locale=locale_of(profile), status=NotificationStatus.PENDING,
                 attempts=0, created_at=now, detail=detail,
                 not_before=morning_after_quiet_hours(now) if channel == Channel.SMS else now)
            for channel in addresses(profile)]
    if not rows:
        return []
    insert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(Notification).on_conflict_do_nothing(index_elements=["key"]).returning(
        Notification.id, Notification.not_before)
    added = db.session.execute(statement, rows).all()
    db.session.commit()
    return [row.id for row in added if _aware(row.not_before) <= now]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # SQLite gives naive UTC back


# ---------------------------------------------------------------- sending

def send_notification(notification_id: int) -> str | None:
    """The job: deliver one message. Under RQ a failure raises, so RQ tries again; in-process the sweep does."""
    from app.background.jobqueue import app_context

    with app_context():
        try:
            return deliver(notification_id)
        except DeliveryFailed:
            if get_current_job() is not None:
                raise
            return NotificationStatus.PENDING


def deliver(notification_id: int, now: datetime | None = None) -> str | None:
    """Claim the message, send it, record the result; commits. None when another job has it (or had it).

    Raises DeliveryFailed when the server or gateway refused it and another try is left.
    """
    now = now or utcnow()
    claimed = db.session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.status == NotificationStatus.PENDING,
               Notification.not_before <= now)
        .values(status=NotificationStatus.SENDING, attempts=Notification.attempts + 1)
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    if not claimed:
        return None
    notification = db.session.get(Notification, notification_id)
    profile = notification.profile
    address = addresses(profile).get(notification.channel)
    if address is None or profile.hidden_at is not None:  # opted out (or lost the address) since it was queued
        return _finish(notification, NotificationStatus.UNSENT, now, error="no_channel")
    subject, body = compose(notification, profile)
    try:
        if notification.channel == Channel.SMS:
            sent = sms.send_sms(address, body)
        else:
            sent = send_mail(address, subject, body, raise_errors=True)
    except (sms.SmsFailed, OSError) as error:  # smtplib.SMTPException is an OSError
        last = notification.attempts >= MAX_ATTEMPTS
        _finish(notification, NotificationStatus.FAILED if last else NotificationStatus.PENDING, None,
                error=(str(error) if isinstance(error, sms.SmsFailed) else type(error).__name__)[:64])
        log.warning("notification %s (%s) not delivered, try %s: %s", notification.id, notification.channel,
                    notification.attempts, notification.error)
        if last:
            return NotificationStatus.FAILED
        raise DeliveryFailed(notification.id) from None
    return _finish(notification, NotificationStatus.SENT if sent else NotificationStatus.UNSENT, now,
                   error=None if sent else "not_configured")


def _finish(notification: Notification, status: str, sent_at: datetime | None, error: str | None) -> str:
    notification.status, notification.error = status, error
    if sent_at is not None:
        notification.sent_at = sent_at
    db.session.commit()
    return status


def send_due(now: datetime | None = None) -> dict:
    """The sweep (run every few minutes): messages that waited for the morning or for another try; commits."""
    now = now or utcnow()
    db.session.execute(update(Notification)
                       .where(Notification.status == NotificationStatus.SENDING,
                              Notification.not_before < now - STALE_SENDING,
                              Notification.created_at < now - STALE_SENDING)
                       .values(status=NotificationStatus.FAILED, error="interrupted")
                       .execution_options(synchronize_session=False))
    db.session.commit()
    due = list(db.session.scalars(select(Notification.id).where(
        Notification.status == NotificationStatus.PENDING, Notification.not_before <= now).order_by(Notification.id)))
    counts = {"sent": 0, "failed": 0, "waiting": 0}
    for notification_id in due:
        try:
            status = deliver(notification_id, now)
        except DeliveryFailed:
            counts["waiting"] += 1
            continue
        if status == NotificationStatus.SENT:
            counts["sent"] += 1
        elif status == NotificationStatus.FAILED:
            counts["failed"] += 1
    return counts


# ---------------------------------------------------------------- the words

def _link(endpoint: str) -> str:
    """An absolute link into the service, from PUBLIC_URL (never a request's Host header)."""
    base = urlsplit(current_app.config.get("PUBLIC_URL") or "http://localhost:5000")
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, force_external=True)


def compose(notification: Notification, profile: JobseekerProfile) -> tuple[str, str]:
    """(subject, body) in the person's language. An SMS says only that there is news, and links to the service."""
    with force_locale(notification.locale):
        if notification.event == "alert":
            link = _link("jobseeker.places")
            if notification.channel == Channel.SMS:
                return "", _("Jobbrygga: there are new places that may suit you. Log in to see them: %(link)s",
                             link=link)
            ids = (notification.detail or {}).get("opportunities") or []
            titles = db.session.scalars(select(Opportunity.title).where(Opportunity.id.in_(ids))
                                        .order_by(Opportunity.id.desc())) if ids else []
            return (_("New places that may suit you"),
                    _("Hello,\n\nThere are new places in Jobbrygga that fit what you are looking for:\n\n"
                      "%(places)s\n\nSee them and say if you are interested:\n\n%(link)s\n\n%(settings)s",
                      places="\n".join(f"- {title}" for title in titles), link=link, settings=_settings_line()))
        link = _link("jobseeker.home")
        if notification.channel == Channel.SMS:
            return "", _("Jobbrygga: you have news. Log in to read it: %(link)s", link=link)
        match = db.session.get(Match, notification.match_id) if notification.match_id else None
        title = match.opportunity.title if match is not None else ""
        subject, text = _event_words(notification.event, match, title)
        return subject, _("Hello,\n\n%(text)s\n\n%(link)s\n\n%(settings)s", text=text, link=link,
                          settings=_settings_line())


def _settings_line() -> str:
    return _("You get this message because you asked for news from Jobbrygga. You can change how we contact "
             "you under Messages in Jobbrygga.")


def _event_words(event: str, match: Match | None, title: str) -> tuple[str, str]:
    if event == "approved" and match is not None and match.requested_by_person:
        return (_("A new suggestion for you"),
                _("Your caseworker has looked at the place you asked for: %(title)s. Log in to say if you want to be "
                  "introduced to the employer.", title=title))
    if event == "approved":
        return (_("A new suggestion for you"),
                _("Your caseworker suggests a place for you: %(title)s. Log in to say if you want to be "
                  "introduced to the employer.", title=title))
    if event == "interview":
        return (_("The employer wants to meet you"),
                _("The employer wants to meet you for an interview about: %(title)s. Log in to see more.",
                  title=title))
    if event == "outcome":
        return (_("News about your application"),
                _("The employer has answered about: %(title)s. Log in to read the answer.", title=title))
    if event == "follow_up_due":
        return (_("How is it going at work?"),
                _("Your caseworker would like to hear how it is going at: %(title)s. They will contact you soon.",
                  title=title))
    if event == "reply_due":
        deadline = match.opportunity.deadline if match is not None else None
        return (_("A suggestion waits for your answer"),
                _("A suggestion waits for your answer: %(title)s. The last day is %(day)s.", title=title,
                  day=format_date(deadline, "long") if deadline else "–"))
    return _("News from Jobbrygga"), _("There is news for you in Jobbrygga.")


# ---------------------------------------------------------------- events found by looking (run daily)

def reply_deadlines_near(today: date | None = None) -> int:
    """Tell people with an approved suggestion they have not answered when its last day is near; returns how many."""
    today = today or date.today()
    matches = db.session.scalars(
        select(Match).join(Opportunity).join(JobseekerProfile)
        .where(Match.status == MatchStatus.APPROVED, Opportunity.deadline.is_not(None),
               Opportunity.deadline >= today, Opportunity.deadline <= today + timedelta(days=REPLY_SOON_DAYS),
               JobseekerProfile.hidden_at.is_(None))
        .options(selectinload(Match.profile), selectinload(Match.opportunity))).all()
    return sum(bool(notify(match.profile, "reply_due", match=match)) for match in matches)


def follow_ups_due(today: date | None = None) -> int:
    """Tell placed people that their caseworker will ask how it goes (at 3 and 6 months); returns how many."""
    from app.services.cases import follow_ups_due as due

    # The cases service lists what a viewer may see; the job sees every municipality, as an administrator does.
    everyone = User(role=Role.ADMIN)
    return sum(bool(notify(match.profile, "follow_up_due", match=match)) for match, _at in due(everyone, today))


# ---------------------------------------------------------------- who cannot be reached

def unreachable(municipality_code: str | None) -> list[tuple[JobseekerProfile, str]]:
    """People (in a municipality; None = all) whom news does not reach: (profile, reason), reason being
    "failed" (the last message could not be delivered) or "no_channel" (no e-mail or phone they chose)."""
    query = select(JobseekerProfile).where(JobseekerProfile.hidden_at.is_(None),
                                           JobseekerProfile.status != ProfileStatus.PLACED)
    if municipality_code is not None:
        query = query.where(JobseekerProfile.municipality_code == municipality_code)
    people = db.session.scalars(query.options(selectinload(JobseekerProfile.user))
                                .order_by(JobseekerProfile.full_name, JobseekerProfile.id)).all()
    latest = (select(Notification.profile_id, func.max(Notification.id).label("id"))
              .where(Notification.status.in_([NotificationStatus.SENT, NotificationStatus.FAILED]))
              .group_by(Notification.profile_id).subquery())
    failed = set(db.session.scalars(select(Notification.profile_id).join(latest, latest.c.id == Notification.id)
                                    .where(Notification.status == NotificationStatus.FAILED)))
    saved = {s.profile_id: s for s in db.session.scalars(
        select(NotificationSettings).where(NotificationSettings.profile_id.in_([p.id for p in people])))}
    result = []
    for person in people:
        if person.id in failed:
            result.append((person, "failed"))
        elif not addresses(person, saved.get(person.id) or NotificationSettings(email=True, sms=True)):
            result.append((person, "no_channel"))
    return result


def history(profile: JobseekerProfile, limit: int = 20) -> list[Notification]:
    """The person's latest messages, newest first (what was sent, when, on which channel)."""
    return list(db.session.scalars(select(Notification).where(Notification.profile_id == profile.id)
                                   .order_by(Notification.id.desc()).limit(limit)))


__all__ = ["EVENTS", "EVENT_FOR_STATUS", "deliver", "follow_ups_due", "notify", "reply_deadlines_near",
           "send_due", "send_notification", "settings_for", "unreachable"]
