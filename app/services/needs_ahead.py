"""Needs ahead: what an employer or school expects to recruit, recorded by them (pages, API) or by a caseworker on
their behalf after a visit. The one place for the rules (what a valid need is, who may record or change one) and
for the audit event every change writes; the pages and the API only translate their fields to and from it.

Any member of an organisation may record its needs; only approved organisations' needs are counted later
(the analysis reads CompetenceNeed with Organisation.is_approved).
"""
from __future__ import annotations

from datetime import date

from flask_babel import format_decimal, gettext as _
from sqlalchemy import select

from app.extensions import db
from app.forms import CEFR_CHOICES, DRIVING_LICENCES
from app.models import AuditEvent, Concept, OpportunityKind, Organisation, Role, User, utcnow
from app.models.need import HORIZONS, CompetenceNeed, NeedStatus
from app.services.vetting import may_vet

MAX_HEADCOUNT = 10_000
MAX_NOTE = 1000
MAX_CERTIFICATES = 10
SWEDISH_LEVELS = tuple(code for code, _label in CEFR_CHOICES)
WOULD_TAKE = tuple(kind.value for kind in OpportunityKind)
FIELDS = ("occupation_id", "headcount", "horizon_months", "municipality_code", "min_swedish", "driving_licences",
          "certificates", "would_take", "note")
LIST_FIELDS = ("driving_licences", "certificates", "would_take")


class NeedInvalid(ValueError):
    """Values refused; .errors maps each field (FIELDS) to messages in the user's language."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(", ".join(sorted(errors)))
        self.errors = errors


# ---------------------------------------------------------------- who may

def is_member(viewer: User, organisation: Organisation) -> bool:
    return (getattr(viewer, "role", None) in (Role.EMPLOYER, Role.EDUCATION_PROVIDER)
            and viewer.organisation_id is not None and viewer.organisation_id == organisation.id)


def may_record_for(viewer: User, organisation: Organisation) -> bool:
    """The organisation's own members; staff for organisations in their area (the scope rule, as for vetting)."""
    if is_member(viewer, organisation):
        return True
    return getattr(viewer, "role", None) in (Role.CASEWORKER, Role.ADMIN) and may_vet(viewer, organisation)


def need_for(viewer: User, need_id: int, organisation: Organisation | None = None) -> CompetenceNeed | None:
    """The need with this id if viewer may see and change it (and it belongs to organisation, when given)."""
    need = db.session.get(CompetenceNeed, need_id)
    if need is None or (organisation is not None and need.organisation_id != organisation.id):
        return None
    return need if may_record_for(viewer, need.organisation) else None


def needs_of(organisation: Organisation) -> list[CompetenceNeed]:
    """The organisation's needs, active first, newest first."""
    return list(db.session.scalars(
        select(CompetenceNeed).where(CompetenceNeed.organisation_id == organisation.id)
        .order_by(CompetenceNeed.status != NeedStatus.ACTIVE, CompetenceNeed.stated_on.desc(),
                  CompetenceNeed.id.desc())))


def recorders(needs) -> dict[int, User]:
    """Who recorded each need (by user id), read in one query."""
    ids = {need.created_by_id for need in needs if need.created_by_id}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


def recorded_by_municipality(need: CompetenceNeed, creators: dict[int, User]) -> bool:
    """True when a caseworker or administrator recorded it on the organisation's behalf."""
    creator = creators.get(need.created_by_id)
    return creator is not None and creator.role in (Role.CASEWORKER, Role.ADMIN)


# ---------------------------------------------------------------- the rules

def _known(ids, concept_type: str) -> set[str]:
    ids = {i for i in ids if isinstance(i, str) and i}
    if not ids:
        return set()
    return set(db.session.scalars(select(Concept.id).where(Concept.id.in_(ids), Concept.type == concept_type)))


def _as_int(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 12:
        return int(value.strip())
    return None


def _as_list(value) -> list | None:
    if value is None:
        return []
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(dict.fromkeys(value))
    return None


def clean(values: dict, saved: CompetenceNeed | None = None) -> dict:
    """values (any of FIELDS; on a change, those not given keep their saved value) checked against the rules and
    returned in the stored form. Raises NeedInvalid naming every field that is wrong."""
    current = {name: getattr(saved, name) for name in FIELDS} if saved is not None else {}
    merged = {**current, **{name: values[name] for name in FIELDS if name in values}}
    errors: dict[str, list[str]] = {}
    out: dict = {}

    occupation = merged.get("occupation_id")
    if not occupation:
        errors["occupation_id"] = [_("Choose the occupation.")]
    elif not isinstance(occupation, str) or not _known([occupation], "occupation"):
        errors["occupation_id"] = [_("We do not know this occupation. Choose one from the list.")]
    else:
        out["occupation_id"] = occupation

    headcount = _as_int(merged.get("headcount"))
    if headcount is None or not 1 <= headcount <= MAX_HEADCOUNT:
        errors["headcount"] = [_("Write a number from 1 to %(max)s.", max=format_decimal(MAX_HEADCOUNT))]
    else:
        out["headcount"] = headcount

    horizon = _as_int(merged.get("horizon_months"))
    if horizon not in HORIZONS:
        errors["horizon_months"] = [_("Choose within 6 months, within a year or within two years.")]
    else:
        out["horizon_months"] = horizon

    municipality = merged.get("municipality_code")
    if not municipality:
        errors["municipality_code"] = [_("Choose the municipality.")]
    elif not isinstance(municipality, str) or not _known([municipality], "municipality"):
        errors["municipality_code"] = [_("There is no Swedish municipality with this code. Choose one from the list.")]
    else:
        out["municipality_code"] = municipality

    level = merged.get("min_swedish") or None
    if level is not None and level not in SWEDISH_LEVELS:
        errors["min_swedish"] = [_("Choose a level from the list, or no requirement.")]
    else:
        out["min_swedish"] = level

    licences = _as_list(merged.get("driving_licences"))
    if licences is None or not set(licences) <= set(DRIVING_LICENCES):
        errors["driving_licences"] = [_("Choose driving licences from the list.")]
    else:
        out["driving_licences"] = [code for code in DRIVING_LICENCES if code in licences]

    certificates = _as_list(merged.get("certificates"))
    if certificates is None or len(certificates) > MAX_CERTIFICATES:
        errors["certificates"] = [_("Write at most %(n)s items.", n=MAX_CERTIFICATES)]
    else:
        unknown = [c for c in certificates if c not in _known(certificates, "skill")]
        if unknown:
            errors["certificates"] = [_("Unknown ids: %(ids)s.", ids=", ".join(unknown[:5]))]
        else:
            out["certificates"] = certificates

    would_take = _as_list(merged.get("would_take"))
    if would_take is None or not set(would_take) <= set(WOULD_TAKE):
        errors["would_take"] = [_("Choose from the list.")]
    else:
        out["would_take"] = [kind for kind in WOULD_TAKE if kind in would_take]

    note = merged.get("note")
    note = "" if note is None else note
    if not isinstance(note, str) or len(note.strip()) > MAX_NOTE or "\x00" in note:
        errors["note"] = [_("Write at most %(n)s characters.", n=MAX_NOTE)]
    else:
        out["note"] = note.strip()

    if errors:
        raise NeedInvalid(errors)
    return out


# ---------------------------------------------------------------- changes (each one audited, each one commits)

def _audit(by: User, need: CompetenceNeed, what: str, detail: str | None = None) -> None:
    db.session.add(AuditEvent(actor_id=by.id, action=f"need:{need.id}:{what}"[:64],
                              detail=(detail or None) and detail[:300]))


def _summary(values: dict) -> str:
    return (f"org={values.get('organisation_id')} occupation={values['occupation_id']} n={values['headcount']} "
            f"within={values['horizon_months']} municipality={values['municipality_code']}")


def record(organisation: Organisation, values: dict, by: User, today: date | None = None) -> CompetenceNeed:
    """A new need of organisation, stated today by by (a member, or staff on the organisation's behalf); commits.
    Raises PermissionError for anyone else and NeedInvalid for values the rules refuse."""
    if not may_record_for(by, organisation):
        raise PermissionError("not this person's organisation to record needs for")
    checked = clean(values)
    need = CompetenceNeed(organisation_id=organisation.id, status=NeedStatus.ACTIVE, stated_on=today or date.today(),
                          created_by_id=by.id, **checked)
    db.session.add(need)
    db.session.flush()
    _audit(by, need, "created", _summary({**checked, "organisation_id": organisation.id}))
    db.session.commit()
    return need


def change(need: CompetenceNeed, values: dict, by: User) -> list[str]:
    """Change some fields of need; returns the names of those that changed (none: nothing written); commits.
    A withdrawn need can be changed too (it stays withdrawn until stated again)."""
    if not may_record_for(by, need.organisation):
        raise PermissionError("not this person's organisation")
    checked = clean(values, saved=need)
    changed = [name for name in FIELDS if getattr(need, name) != checked[name]]
    if not changed:
        return []
    detail = "; ".join(f"{name}: {_short(getattr(need, name))} → {_short(checked[name])}" for name in changed
                       if name != "note")
    if "note" in changed:
        detail = (detail + "; " if detail else "") + "note changed"
    for name in changed:
        setattr(need, name, checked[name])
    _audit(by, need, "changed", detail)
    db.session.commit()
    return changed


def _short(value) -> str:
    if isinstance(value, list):
        return ",".join(value) or "-"
    return "-" if value in (None, "") else str(value)


def withdraw(need: CompetenceNeed, by: User) -> bool:
    """No longer expected (kept for the trend); False if it was withdrawn already; commits."""
    if not may_record_for(by, need.organisation):
        raise PermissionError("not this person's organisation")
    if need.status == NeedStatus.WITHDRAWN:
        return False
    need.status = NeedStatus.WITHDRAWN
    need.withdrawn_at = utcnow()
    _audit(by, need, "withdrawn")
    db.session.commit()
    return True


def restate(need: CompetenceNeed, by: User, today: date | None = None) -> bool:
    """Undo a withdrawal: the need is expected again, stated today (the quarter it counts in); False if it was
    active already; commits."""
    if not may_record_for(by, need.organisation):
        raise PermissionError("not this person's organisation")
    if need.status == NeedStatus.ACTIVE:
        return False
    need.status = NeedStatus.ACTIVE
    need.withdrawn_at = None
    need.stated_on = today or date.today()
    _audit(by, need, "restated")
    db.session.commit()
    return True


def audit_trail(need: CompetenceNeed) -> list[AuditEvent]:
    """The need's recorded changes, oldest first."""
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action.startswith(f"need:{need.id}:"))
                                   .order_by(AuditEvent.at, AuditEvent.id)))
