"""A jobseeker's own cases: whether a place is still open, the journey so far, what comes next and whom to ask."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Concept, JobseekerProfile, Match, MatchStatus, MunicipalitySettings, Opportunity
from app.models import OpportunityStatus
from app.services.concepts import labels_for

S = MatchStatus
DEFAULT_REPLY_WORKING_DAYS = 10


@dataclass(frozen=True)
class MunicipalContact:
    municipality: str  # the municipality's name
    name: str | None
    phone: str | None
    email: str | None
    hours: str | None
    caseworker: str | None  # the person's own caseworker, when one is assigned

    @property
    def any(self) -> bool:
        return bool(self.name or self.phone or self.email or self.caseworker)


def municipality_name(code: str | None) -> str:
    if not code:
        return ""
    concept_id = db.session.scalar(select(Concept.id).where(Concept.type == "municipality", Concept.code == code))
    return labels_for([concept_id], "sv").get(concept_id, code) if concept_id else code


def settings_of(code: str | None) -> MunicipalitySettings | None:
    return db.session.get(MunicipalitySettings, code) if code else None


def contact_for_person(profile: JobseekerProfile) -> MunicipalContact:
    """Who the person can ask: the contact the administrator set for their municipality, and their caseworker."""
    settings = settings_of(profile.municipality_code)
    return MunicipalContact(
        municipality=municipality_name(profile.municipality_code),
        name=settings.contact_name if settings else None, phone=settings.contact_phone if settings else None,
        email=settings.contact_email if settings else None, hours=settings.contact_hours if settings else None,
        caseworker=profile.caseworker.full_name if profile.caseworker else None)


def reply_working_days(opportunity: Opportunity) -> int:
    settings = settings_of(opportunity.municipality_code)
    return settings.reply_working_days if settings and settings.reply_working_days else DEFAULT_REPLY_WORKING_DAYS


def add_working_days(start: date, days: int) -> date:
    """Monday–Friday only (public holidays are not counted out)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def place_is_open(opportunity: Opportunity, today: date | None = None) -> bool:
    """The person can still say yes: the place is open, has a seat left and its last day has not passed."""
    today = today or date.today()
    return (opportunity.status == OpportunityStatus.OPEN and opportunity.seats_left > 0
            and (opportunity.deadline is None or opportunity.deadline >= today))


def can_say_yes_again(match: Match) -> bool:
    return match.status == S.DECLINED and place_is_open(match.opportunity)


@dataclass(frozen=True)
class Step:
    code: str  # what happened: suggested, approved, yes, no, withdrawn, yes_again, interview, placed, not_placed …
    at: datetime | None
    done: bool = True


def journey(match: Match) -> list[Step]:
    """The case's history from the person's side, oldest first, then the steps still ahead (not done)."""
    steps = [Step("suggested", match.created_at)]
    for event in match.events:
        if event.to_status == S.APPROVED:
            steps.append(Step("approved", event.at))
        elif event.to_status == S.INTRODUCED:
            steps.append(Step("yes_again" if event.from_status == S.DECLINED else "yes", event.at))
            steps.append(Step("employer_has_details", event.at))
        elif event.to_status == S.DECLINED:
            steps.append(Step("withdrawn" if event.from_status == S.INTRODUCED else "no", event.at))
        elif event.to_status in (S.INTERVIEW, S.PLACED, S.NOT_PLACED, S.FOLLOWED_UP_3M, S.FOLLOWED_UP_6M):
            steps.append(Step(event.to_status, event.at))
    ahead = {
        S.APPROVED: ["yes", "employer_has_details", "interview", "outcome"],
        S.INTRODUCED: ["interview", "outcome"],
        S.INTERVIEW: ["outcome"],
    }.get(match.status, [])
    if match.status == S.DECLINED and place_is_open(match.opportunity):
        ahead = []
    steps += [Step(code, None, done=False) for code in ahead]
    return steps


def introduced_at(match: Match) -> datetime | None:
    moments = [e.at for e in match.events if e.to_status == S.INTRODUCED]
    return moments[-1] if moments else None


def employer_answers_by(match: Match) -> date | None:
    """When the employer should have contacted the person who said yes (working days set per municipality)."""
    at = introduced_at(match)
    return add_working_days(at.date(), reply_working_days(match.opportunity)) if at else None
