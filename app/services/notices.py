"""Notices to one person: shown on their pages and sent by e-mail, each in the reader's own language.

One function per notice (notify_…), so that another channel (SMS, issue 15's notifications) can be plugged
in at one place: deliver(). The text is made when it is shown or sent, never stored.
"""
from datetime import datetime, timedelta, timezone

from flask_babel import force_locale, format_date, gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Match, Notice, Role, User
from app.services.mail import send_mail

SHOWN_FOR_DAYS = 30


def _texts(kind: str, params: dict) -> tuple[str, str]:
    """(subject, body) of a notice in the current locale."""
    p = dict(params)
    if "due" in p:
        p["due"] = format_date(datetime.fromisoformat(p["due"]).date(), "long")
    if "day" in p:
        p["day"] = format_date(datetime.fromisoformat(p["day"]).date(), "full")
    if kind == "reply_reminder":
        return (_("Please answer %(reference)s by %(due)s", **p),
                _("A candidate said yes to being introduced for \"%(title)s\". Please contact them and record what "
                  "happened by %(due)s. Candidate: %(reference)s.", **p))
    if kind == "reply_overdue":
        return (_("The answer to %(reference)s is late", **p),
                _("The candidate %(reference)s for \"%(title)s\" has waited since %(due)s. Please contact them and "
                  "record what happened. The municipality's caseworker can see that the answer is late.", **p))
    if kind == "case_closed_no_reply":
        return (_("We closed your introduction to %(organisation)s", **p),
                _("%(organisation)s did not answer about \"%(title)s\" in time, so we closed it. This is not "
                  "about you. Your other suggestions are still there, and your caseworker can help you.", **p))
    if kind == "recruitment_invitation":
        return (_("You are invited to a recruitment day on %(day)s", **p),
                _("Employers meet people like you at \"%(event)s\" on %(day)s, %(venue)s, %(address)s. "
                  "Log in to Jobbrygga to sign up for a time.", **p))
    return (_("A message from Jobbrygga"), "")


def text_of(notice: Notice) -> tuple[str, str]:
    return _texts(notice.kind, notice.params or {})


def deliver(user: User, kind: str, **params) -> Notice:
    """Keep the notice for the person's pages and e-mail it in their language; not committed here."""
    notice = Notice(user_id=user.id, kind=kind, params=params)
    db.session.add(notice)
    if user.email:
        with force_locale(user.locale or "sv"):
            subject, body = _texts(kind, params)
        send_mail(user.email, subject, body)
    return notice


def recent_for(user: User, now: datetime | None = None) -> list[Notice]:
    since = (now or datetime.now(timezone.utc)) - timedelta(days=SHOWN_FOR_DAYS)
    return list(db.session.scalars(select(Notice).where(Notice.user_id == user.id, Notice.created_at >= since)
                                   .order_by(Notice.id.desc()).limit(10)))


def _members(match: Match) -> list[User]:
    return list(db.session.scalars(select(User).where(
        User.organisation_id == match.opportunity.organisation_id,
        User.role.in_((Role.EMPLOYER, Role.EDUCATION_PROVIDER)))))


def _reference(match: Match) -> str:
    from app.services.candidates import candidate_reference
    return candidate_reference(match)


def notify_reply_reminder(match: Match, due) -> None:
    """Before the reply deadline: to everyone of the organisation."""
    for member in _members(match):
        deliver(member, "reply_reminder", reference=_reference(match), title=match.opportunity.title,
                due=due.isoformat(), opportunity_id=match.opportunity_id)


def notify_reply_overdue(match: Match, due) -> None:
    """The day after the reply deadline: to everyone of the organisation."""
    for member in _members(match):
        deliver(member, "reply_overdue", reference=_reference(match), title=match.opportunity.title,
                due=due.isoformat(), opportunity_id=match.opportunity_id)


def notify_case_closed(match: Match) -> None:
    """To the person, when a case closes because the organisation never answered."""
    account = match.profile.user
    if account is not None:
        deliver(account, "case_closed_no_reply", organisation=match.opportunity.organisation.name,
                title=match.opportunity.title)


def notify_recruitment_invitation(invitation) -> None:
    """To the person invited to a recruitment day."""
    account = invitation.profile.user
    if account is not None:
        day = invitation.day
        deliver(account, "recruitment_invitation", event=day.title, day=day.day.isoformat(), venue=day.venue,
                address=day.address, day_id=day.id)
