"""Erasure of a person: the one path used by self-service deletion and by automatic retention.

What goes: the account, the profile, every match with its history, every consent, every case note, every
message sent and the choices about messages. Seats held by
open cases (introduced, interview) are given back; a hire stays a filled seat. Audit events about
the person are kept for staff accountability but detached from them (profile_id NULL, and actor_id
NULL where the person was the actor): see app/models/audit.py.
"""
from sqlalchemy import delete, select

from app.extensions import db
from app.models import (Consent, JobseekerProfile, Match, MatchEvent, Notice, RecruitmentInterest,
                        RecruitmentInvitation, ReplyReminder, User)
from app.models.draft import FormDraft
from app.models.notification import Notification, NotificationSettings
from app.models.profile import CaseNote, ConceptCorrection
from app.services import cases, satisfaction
from app.services.audit import anonymise_events_about, anonymise_events_by


def erase_person(*, profile: JobseekerProfile | None = None, user: User | None = None) -> None:
    """Delete everything kept about one person (give the profile, the account or both); commits."""
    if profile is None and user is not None:
        profile = db.session.scalar(select(JobseekerProfile).where(JobseekerProfile.user_id == user.id))
    if user is None and profile is not None and profile.user_id is not None:
        user = db.session.get(User, profile.user_id)
    if profile is not None:
        _erase_profile(profile)
    if user is not None:
        anonymise_events_by(user.id)
        db.session.execute(delete(FormDraft).where(FormDraft.user_id == user.id))  # unsaved forms go too
        db.session.execute(delete(Notice).where(Notice.user_id == user.id))
        db.session.execute(delete(User).where(User.id == user.id))
    db.session.commit()


def _erase_profile(profile: JobseekerProfile) -> None:
    matches = list(db.session.scalars(select(Match).where(Match.profile_id == profile.id)))
    for match in matches:
        cases.release_seat_at_erasure(match)
    match_ids = [m.id for m in matches]
    db.session.execute(delete(Consent).where(Consent.profile_id == profile.id))
    # The foreign key cascades too, but SQLite enforces that only with PRAGMA foreign_keys: say it here.
    db.session.execute(delete(CaseNote).where(CaseNote.profile_id == profile.id))
    db.session.execute(delete(Notification).where(Notification.profile_id == profile.id))
    db.session.execute(delete(NotificationSettings).where(NotificationSettings.profile_id == profile.id))
    invitation_ids = select(RecruitmentInvitation.id).where(RecruitmentInvitation.profile_id == profile.id)
    db.session.execute(delete(RecruitmentInterest).where(RecruitmentInterest.invitation_id.in_(invitation_ids)))
    db.session.execute(delete(RecruitmentInvitation).where(RecruitmentInvitation.profile_id == profile.id))
    db.session.execute(delete(ConceptCorrection).where(ConceptCorrection.profile_id == profile.id))
    if match_ids:
        db.session.execute(delete(ReplyReminder).where(ReplyReminder.match_id.in_(match_ids)))
        db.session.execute(delete(MatchEvent).where(MatchEvent.match_id.in_(match_ids)))
        satisfaction.forget_comments(match_ids)  # the score stays, counted; nothing points to the person
        db.session.execute(delete(Match).where(Match.id.in_(match_ids)))
    anonymise_events_about(profile.id)
    db.session.execute(delete(JobseekerProfile).where(JobseekerProfile.id == profile.id))
