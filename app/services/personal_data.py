"""Everything kept about one jobseeker, for the person's own copy (JSON download and a readable page).

Codes are kept as stored, with a sentence in the reader's language next to each, so the copy is both
complete and readable. Staff appear by role and organisation or municipality only, never by name.
"""
import json
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.presentation.consent_texts import CONSENT_TEXTS
from app.presentation.explanations import explanation_sentences
from app.extensions import db
from app.presentation.labels import AUDIT_ACTION_LABELS, REASON_LABELS, ROLE_LABELS, STATUS_LABELS
from app.models import JobseekerProfile, Match, Opportunity, Role, User, utcnow
from app.services.audit import events_about
from app.services.concepts import labels_for
from app.services.consents import consents_of
from app.services.profiles import PROFILE_FIELDS, profile_of

ORGANISATION_ROLES = (Role.EMPLOYER, Role.EDUCATION_PROVIDER)


def _when(value):
    """Dates stay dates here: the page formats them for the reader's language, the JSON copy as ISO 8601."""
    return value


def reader(actor: User | None) -> dict:
    """Who read: role and organisation or municipality, never the staff member's own details."""
    if actor is None:
        return {"role": None, "role_text": _("A user who no longer has an account"), "organisation": None}
    if actor.role in ORGANISATION_ROLES:
        where = actor.organisation.name if actor.organisation else None
    elif actor.municipality_code:
        where = labels_for([actor.municipality_code])[actor.municipality_code]
    else:
        where = _("Jobbrygga")
    return {"role": actor.role, "role_text": str(ROLE_LABELS.get(actor.role, actor.role)), "organisation": where}


def access_log(profile: JobseekerProfile) -> list[dict]:
    return [{"at": _when(e.at), "action": e.action, "action_text": str(AUDIT_ACTION_LABELS.get(e.action, e.action)),
             "reader": reader(e.actor)} for e in events_about(profile)]


def _profile_part(profile: JobseekerProfile) -> dict:
    data = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    data["available_from"] = _when(profile.available_from)
    concept_ids = list(profile.skills or []) + list(profile.wanted_occupations or []) + [profile.municipality_code]
    if profile.education_level:
        concept_ids.append(profile.education_level)
    names = labels_for(concept_ids)
    data.update({
        "skills_text": [names[c] for c in profile.skills or []],
        "wanted_occupations_text": [names[c] for c in profile.wanted_occupations or []],
        "municipality_text": names[profile.municipality_code],
        "education_level_text": _education_name(profile.education_level),
        "status": profile.status,
        "protected_identity": profile.protected_identity,
        "has_caseworker": profile.caseworker_id is not None,
        "created_at": _when(profile.created_at),
        "updated_at": _when(profile.updated_at),
        "last_active_at": _when(profile.last_active_at),
        "hidden_at": _when(profile.hidden_at),
    })
    return data


def _education_name(concept_id):
    from app.jobseeker.forms import education_level_name  # the plain, translated name of the level

    return education_level_name(concept_id)


def _matches_part(profile: JobseekerProfile) -> list[dict]:
    matches = db.session.scalars(
        select(Match).where(Match.profile_id == profile.id).order_by(Match.id)
        .options(selectinload(Match.opportunity).selectinload(Opportunity.organisation),
                 selectinload(Match.events))).all()
    return [{
        "id": m.id,
        "opportunity": {"title": m.opportunity.title, "organisation": m.opportunity.organisation.name,
                        "kind": m.opportunity.kind},
        "status": m.status,
        "status_text": str(STATUS_LABELS.get(m.status, m.status)),
        "score": m.score,
        "explanation": m.explanation,
        "explanation_text": explanation_sentences(m.explanation or {}, for_staff=True),
        "reason_code": m.reason_code,
        "reason_text": str(REASON_LABELS[m.reason_code]) if m.reason_code in REASON_LABELS else None,
        "model_version": m.model_version,
        "created_at": _when(m.created_at),
        "updated_at": _when(m.updated_at),
        "history": [{"at": _when(e.at), "from": e.from_status, "to": e.to_status, "reason_code": e.reason_code,
                     "note": e.note, "by": reader(e.actor)["role_text"]} for e in m.events],
    } for m in matches]


def _consents_part(profile: JobseekerProfile) -> list[dict]:
    return [{"purpose": c.purpose, "text_version": c.text_version,
             "text": str(CONSENT_TEXTS[c.text_version]) if c.text_version in CONSENT_TEXTS else None,
             "match_id": c.match_id, "given_at": _when(c.given_at), "withdrawn_at": _when(c.withdrawn_at)}
            for c in consents_of(profile)]


def _notes_part(profile: JobseekerProfile) -> list[dict]:
    notes = sorted(profile.notes, key=lambda note: note.at, reverse=True)
    return [{"at": _when(n.at), "text": n.text, "by": reader(n.author)["role_text"]} for n in notes]


def personal_data(user: User) -> dict:
    """All data about user: account, profile, matches with statuses and explanations, consents, case notes,
    access log."""
    return _copy(profile_of(user), {
        "email": user.email, "full_name": user.full_name, "phone": user.phone, "locale": user.locale,
        "role": user.role, "created_at": _when(user.created_at), "last_login_at": _when(user.last_login_at)})


def person_data(profile: JobseekerProfile) -> dict:
    """The same copy for a person without an account, whose profile a caseworker keeps (red team 8)."""
    return _copy(profile, None)


def person_data_json(profile: JobseekerProfile) -> str:
    return _as_json(person_data(profile))


def _copy(profile: JobseekerProfile | None, account: dict | None) -> dict:
    return {
        "exported_at": _when(utcnow()),
        "account": account,
        "profile": _profile_part(profile) if profile else None,
        "matches": _matches_part(profile) if profile else [],
        "consents": _consents_part(profile) if profile else [],
        "notes": _notes_part(profile) if profile else [],
        "access_log": access_log(profile) if profile else [],
        "messages": _messages_part(profile) if profile else None,
        "satisfaction": _satisfaction_part(profile) if profile else [],
    }


def _satisfaction_part(profile: JobseekerProfile) -> list[dict]:
    """The person's answers to the one-question survey (a score None: they chose not to answer)."""
    from app.models import SatisfactionAnswer

    answers = db.session.scalars(select(SatisfactionAnswer).join(Match, Match.id == SatisfactionAnswer.match_id)
                                 .where(Match.profile_id == profile.id).order_by(SatisfactionAnswer.id))
    return [{"match_id": a.match_id, "score": a.score, "comment": a.comment, "answered_at": _when(a.answered_at)}
            for a in answers]


def _messages_part(profile: JobseekerProfile) -> dict:
    """How the person wants news, and every message we recorded for them (what about, how, when, whether sent)."""
    from app.models.notification import Notification
    from app.services.notifications import settings_for

    settings = settings_for(profile)
    sent = db.session.scalars(select(Notification).where(Notification.profile_id == profile.id)
                              .order_by(Notification.id))
    return {"email": settings.email, "sms": settings.sms, "alerts": settings.alerts,
            "sent": [{"event": n.event, "channel": n.channel, "locale": n.locale, "status": n.status,
                      "match_id": n.match_id, "created_at": _when(n.created_at), "sent_at": _when(n.sent_at)}
                     for n in sent]}


def personal_data_json(user: User) -> str:
    return _as_json(personal_data(user))


def _as_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2,
                      default=lambda value: value.isoformat() if isinstance(value, date) else str(value))
