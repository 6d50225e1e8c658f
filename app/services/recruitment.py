"""Recruitment days (rekryteringsträffar): a caseworker gathers organisations and people matched to their places.

create → invite (from the matches, each person told in their language) → people sign up for a time or cancel
→ the caseworker records who came → organisations note interest per person → interest becomes a case in the
usual pipeline, approved as if by the caseworker, so the person still decides ("Yes, introduce me") before the
organisation sees who they are. A person under 18 stays a suggestion for the caseworker to check.
"""
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import (InvitationStatus, JobseekerProfile, Match, MatchEvent, MatchStatus, Opportunity,
                        OpportunityStatus, ProfileStatus, RecruitmentDay, RecruitmentInterest, RecruitmentInvitation,
                        RecruitmentSlot, User, utcnow)
from app.services import notices
from app.services.candidates import IDENTIFIED_STATUSES
from app.services.cases import HIRED
from app.services.profiles import is_minor

INVITABLE_FROM = frozenset({MatchStatus.SUGGESTED, MatchStatus.APPROVED, MatchStatus.INTRODUCED})
RECRUITMENT_DAY = "recruitment_day"  # model_version and reason code of cases that came from a recruitment day
I = InvitationStatus


class Full(Exception):
    """Every place at the recruitment day is taken."""


def upcoming_in(municipality_code: str | None, today: date | None = None) -> list[RecruitmentDay]:
    today = today or date.today()
    query = select(RecruitmentDay).where(RecruitmentDay.day >= today).order_by(RecruitmentDay.day, RecruitmentDay.id)
    if municipality_code:
        query = query.where(RecruitmentDay.municipality_code == municipality_code)
    return list(db.session.scalars(query))


def all_in(municipality_code: str | None) -> list[RecruitmentDay]:
    query = select(RecruitmentDay).order_by(RecruitmentDay.day.desc(), RecruitmentDay.id.desc())
    if municipality_code:
        query = query.where(RecruitmentDay.municipality_code == municipality_code)
    return list(db.session.scalars(query))


def places_to_choose(municipality_code: str | None) -> list[Opportunity]:
    query = select(Opportunity).where(Opportunity.status == OpportunityStatus.OPEN).order_by(Opportunity.title)
    if municipality_code:
        query = query.where(Opportunity.municipality_code == municipality_code)
    return list(db.session.scalars(query.limit(500)))


def create_day(actor: User, *, municipality_code: str, title: str, day: date, venue: str, address: str,
               accessibility: str, capacity: int, slots: list[tuple[time, time]], place_ids: list[int]) -> RecruitmentDay:
    event = RecruitmentDay(municipality_code=municipality_code, title=title, day=day, venue=venue, address=address,
                           accessibility=accessibility, capacity=capacity, created_by_id=actor.id)
    event.slots = [RecruitmentSlot(starts=starts, ends=ends) for starts, ends in slots]
    event.places = list(db.session.scalars(select(Opportunity).where(Opportunity.id.in_(place_ids or [-1]))))
    db.session.add(event)
    db.session.commit()
    return event


def organisations_of(event: RecruitmentDay) -> list:
    seen = {}
    for place in event.places:
        seen.setdefault(place.organisation_id, place.organisation)
    return list(seen.values())


def people_to_invite(event: RecruitmentDay) -> list[tuple[JobseekerProfile, Match]]:
    """Active people of the event's municipality matched to one of its places, not yet invited; best match first."""
    invited = select(RecruitmentInvitation.profile_id).where(RecruitmentInvitation.day_id == event.id)
    rows = db.session.execute(
        select(JobseekerProfile, Match).join(Match, Match.profile_id == JobseekerProfile.id)
        .where(Match.opportunity_id.in_([p.id for p in event.places] or [-1]), Match.status.in_(INVITABLE_FROM),
               JobseekerProfile.status == ProfileStatus.ACTIVE, JobseekerProfile.hidden_at.is_(None),
               JobseekerProfile.municipality_code == event.municipality_code,
               JobseekerProfile.id.not_in(invited))
        .order_by(Match.score.desc()))
    best: dict[int, tuple] = {}
    for profile, match in rows:
        best.setdefault(profile.id, (profile, match))
    return list(best.values())


def invite(event: RecruitmentDay, profile_ids: list[int], actor: User) -> int:
    """Invite people (only those people_to_invite offers); each gets the invitation in their language. Commits."""
    allowed = {profile.id: profile for profile, _match in people_to_invite(event)}
    count = 0
    for profile_id in profile_ids:
        profile = allowed.get(profile_id)
        if profile is None:
            continue
        invitation = RecruitmentInvitation(day=event, profile=profile, invited_by_id=actor.id)
        db.session.add(invitation)
        db.session.flush()
        notices.notify_recruitment_invitation(invitation)
        count += 1
    db.session.commit()
    return count


def invitations_of(profile: JobseekerProfile) -> list[RecruitmentInvitation]:
    return list(db.session.scalars(select(RecruitmentInvitation).join(RecruitmentDay)
                                   .where(RecruitmentInvitation.profile_id == profile.id)
                                   .order_by(RecruitmentDay.day)))


def signed_up_count(event: RecruitmentDay) -> int:
    return db.session.scalar(select(func.count()).select_from(RecruitmentInvitation).where(
        RecruitmentInvitation.day_id == event.id, RecruitmentInvitation.status == I.SIGNED_UP))


def sign_up(invitation: RecruitmentInvitation, slot_id: int | None) -> None:
    """Sign up (for a time, if the event has times); raises Full when every place is taken. Commits."""
    event = invitation.day
    if invitation.status != I.SIGNED_UP and signed_up_count(event) >= event.capacity:
        raise Full(event.id)
    slot = next((s for s in event.slots if s.id == slot_id), None)
    invitation.slot_id = slot.id if slot else (event.slots[0].id if event.slots and slot_id is None else None)
    invitation.status = I.SIGNED_UP
    invitation.answered_at = utcnow()
    db.session.commit()


def cancel(invitation: RecruitmentInvitation) -> None:
    invitation.status = I.CANCELLED
    invitation.slot_id = None
    invitation.answered_at = utcnow()
    db.session.commit()


def record_attendance(invitation: RecruitmentInvitation, came: bool) -> None:
    invitation.attended = came
    db.session.commit()


def participant_code(invitation: RecruitmentInvitation) -> str:
    """The code a person shows at the recruitment day and organisations note interest by: no name before the yes."""
    import hashlib
    import hmac

    from flask import current_app

    import base64

    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), f"recruitment:{invitation.id}".encode(),
                      hashlib.sha256).digest()
    code = base64.b32encode(digest[:5]).decode()
    return f"{code[:3]}-{code[3:6]}"


def participants_for(event: RecruitmentDay) -> list[RecruitmentInvitation]:
    """Who organisations meet: signed up or recorded as present."""
    return [i for i in sorted(event.invitations, key=lambda i: (i.slot.starts if i.slot else time.max, i.id))
            if i.status == I.SIGNED_UP or i.attended]


def note_interest(invitation: RecruitmentInvitation, place: Opportunity, actor: User) -> Match:
    """The organisation wants to go further: a case in the usual pipeline, waiting for the person's yes. Commits."""
    profile = invitation.profile
    match = db.session.scalar(select(Match).where(Match.profile_id == profile.id, Match.opportunity_id == place.id))
    to_status = MatchStatus.SUGGESTED if is_minor(profile) else MatchStatus.APPROVED
    if match is None:
        match = Match(profile=profile, opportunity=place, score=0.0, explanation={}, model_version=RECRUITMENT_DAY,
                      status=MatchStatus.SUGGESTED)
        db.session.add(match)
        db.session.flush()
    if match.status == MatchStatus.SUGGESTED and to_status == MatchStatus.APPROVED:
        db.session.add(MatchEvent(match=match, from_status=match.status, to_status=to_status, actor_id=actor.id,
                                  reason_code=RECRUITMENT_DAY))
        match.status = to_status
    interest = db.session.scalar(select(RecruitmentInterest).where(
        RecruitmentInterest.invitation_id == invitation.id, RecruitmentInterest.opportunity_id == place.id))
    if interest is None:
        db.session.add(RecruitmentInterest(invitation=invitation, opportunity=place, match_id=match.id,
                                           noted_by_id=actor.id))
    try:
        db.session.commit()
    except IntegrityError:  # noted twice at once: the other request saved it
        db.session.rollback()
    return match


@dataclass(frozen=True)
class EventFigures:
    invited: int
    signed_up: int
    came: int
    interest: int
    introduced: int
    interviews: int
    placements: int


def figures(event: RecruitmentDay) -> EventFigures:
    invitations = list(event.invitations)
    interests = [i for inv in invitations for i in inv.interests]
    matches = [db.session.get(Match, i.match_id) for i in interests if i.match_id]
    statuses = [m.status for m in matches if m is not None]
    went_to_interview = db.session.scalar(select(func.count(func.distinct(MatchEvent.match_id))).where(
        MatchEvent.match_id.in_([m.id for m in matches if m] or [-1]), MatchEvent.to_status == MatchStatus.INTERVIEW))
    return EventFigures(
        invited=len(invitations),
        signed_up=sum(i.status == I.SIGNED_UP for i in invitations),
        came=sum(bool(i.attended) for i in invitations),
        interest=len(interests),
        introduced=sum(s in IDENTIFIED_STATUSES for s in statuses),
        interviews=went_to_interview or 0,
        placements=sum(s in HIRED for s in statuses),
    )
