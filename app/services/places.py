"""Places a person finds themself: the open places within reach, "I'm interested", and alerts about new places.

What fits is decided by the matcher's own hard constraints (matching.violations, through services/matching's
records), never by rules written again here.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import selectinload

import matching
from app.extensions import db
from app.models import JobseekerProfile, Match, MatchStatus, Opportunity, Organisation, ProfileStatus, utcnow
from app.models.notification import AlertFrequency, NotificationSettings
from app.services.matching import open_opportunities, opportunity_record, seeker_record

PERSON_MODEL_VERSION = "person"  # Match.model_version of a person's own request: no matcher score
START_WINDOWS = {"month": 31, "quarter": 92}  # the "start" filter: within a month, within three months
ALERT_PERIODS = {AlertFrequency.DAILY: timedelta(days=1), AlertFrequency.WEEKLY: timedelta(days=7)}
MAX_LISTED = 100


def _distance_km(a: str | None, b: str | None) -> float | None:
    return matching.reference_data().distance_km(a, b)  # the matcher's own municipality coordinates


@dataclass
class Place:
    opportunity: Opportunity
    distance_km: float | None
    unmet: list[str] = field(default_factory=list)  # hard constraints the person does not meet (codes)
    status: str | None = None  # the person's case for this place, if there is one


def _vetted_open(today: date, opportunity_id: int | None = None) -> list[Opportunity]:
    """Open places with free seats (the matcher's own selection) of approved organisations: nobody sees a place
    no one has vetted."""
    ids = {o.id for o in open_opportunities(today)}
    if opportunity_id is not None:
        ids &= {opportunity_id}
    if not ids:
        return []
    return list(db.session.scalars(
        select(Opportunity).join(Organisation).where(Opportunity.id.in_(ids), Organisation.is_approved)
        .options(selectinload(Opportunity.organisation)).order_by(Opportunity.start_date, Opportunity.id)))


def violations(profile: JobseekerProfile, opportunity: Opportunity, today: date | None = None,
               seeker: matching.Seeker | None = None) -> list[str]:
    """The matcher's hard constraints this place breaks for this person (kind, distance, licence, swedish, start,
    age, seats). Give seeker (seeker_record(profile)) when checking many places: it reads the person once."""
    seeker = seeker or seeker_record(profile)
    return matching.violations(seeker, opportunity_record(opportunity), _distance_km, today)


def find_places(profile: JobseekerProfile, *, kind: str | None = None, km: int | None = None,
                start: str | None = None, today: date | None = None) -> list[Place]:
    """Open places within km (default: how far the person travels), of one kind, starting within a window."""
    today = today or date.today()
    km = km if km is not None else (profile.travel_km or 0)
    cases = {row.opportunity_id: row.status for row in db.session.execute(
        select(Match.opportunity_id, Match.status).where(Match.profile_id == profile.id))}
    places, seeker = [], seeker_record(profile)
    for opportunity in _vetted_open(today):
        if kind and opportunity.kind != kind:
            continue
        if start in START_WINDOWS and opportunity.start_date and \
                opportunity.start_date > today + timedelta(days=START_WINDOWS[start]):
            continue
        distance = _distance_km(profile.municipality_code, opportunity.municipality_code)
        if distance is not None and distance > km:
            continue
        # Distance and kind are the person's filters here, so only the other constraints are shown as unmet.
        unmet = [c for c in violations(profile, opportunity, today, seeker) if c not in ("distance", "kind")]
        places.append(Place(opportunity, distance, unmet, cases.get(opportunity.id)))
    places.sort(key=lambda p: (bool(p.unmet), p.distance_km if p.distance_km is not None else 10**6,
                               p.opportunity.start_date or date.max, p.opportunity.id))
    return places[:MAX_LISTED]


def get_open_place_or_none(opportunity_id: int, today: date | None = None) -> Opportunity | None:
    return next(iter(_vetted_open(today or date.today(), opportunity_id)), None)


def owning_municipality(opportunity: Opportunity, profile: JobseekerProfile) -> str:
    """Whose caseworkers review a person's own request: the place's municipality (its organisation's, else the
    person's own for a place without one)."""
    return opportunity.municipality_code or opportunity.organisation.municipality_code or profile.municipality_code


def express_interest(profile: JobseekerProfile, opportunity: Opportunity) -> tuple[Match, bool]:
    """The person asks for this place: a suggestion in the review queue of the municipality that owns it;
    commits. Returns (the case, whether it is new). One case per person and place (the one_per_pair
    constraint, ON CONFLICT DO NOTHING), so sending twice, or at once from two tabs, makes one."""
    checks = [c for c in ("kind", "distance", "licence", "swedish", "start", "age")
              if c not in violations(profile, opportunity)]
    distance = _distance_km(profile.municipality_code, opportunity.municipality_code)
    row = dict(profile_id=profile.id, opportunity_id=opportunity.id, score=0.0, model_version=PERSON_MODEL_VERSION,
               explanation={"requested_by_person": True, "checks": checks,
                            "distance_km": round(distance, 1) if distance is not None else None},
               status=MatchStatus.SUGGESTED, requested_by_person=True, version=1,
               review_municipality_code=owning_municipality(opportunity, profile),
               created_at=utcnow(), updated_at=utcnow())
    insert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    created = db.session.execute(insert(Match).on_conflict_do_nothing(
        index_elements=["profile_id", "opportunity_id"]).returning(Match.id), [row]).all()
    match = db.session.scalar(select(Match).where(Match.profile_id == profile.id,
                                                  Match.opportunity_id == opportunity.id))
    if not created and match.status == MatchStatus.SUGGESTED and not match.requested_by_person:
        # The matcher suggested it already: it becomes the person's own request, in the place's queue.
        match.requested_by_person = True
        match.review_municipality_code = row["review_municipality_code"]
        match.explanation = {**(match.explanation or {}), "requested_by_person": True}
    db.session.commit()
    return match, bool(created)


# ---------------------------------------------------------------- alerts

def new_places_for(profile: JobseekerProfile, since: datetime | None, today: date | None = None) -> list[Opportunity]:
    """Open places published after since that break none of the matcher's hard constraints for the person, and
    that they have no case for yet (newest first)."""
    today = today or date.today()
    known = set(db.session.scalars(select(Match.opportunity_id).where(Match.profile_id == profile.id)))
    fresh = [o for o in _vetted_open(today)
             if o.id not in known and (since is None or _aware(o.created_at) > _aware(since))]
    seeker = seeker_record(profile)
    return sorted((o for o in fresh if not violations(profile, o, today, seeker)), key=lambda o: (o.created_at, o.id),
                  reverse=True)


def _aware(moment: datetime) -> datetime:
    from datetime import timezone

    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def send_alerts(frequency: str, now: datetime | None = None, today: date | None = None) -> dict:
    """Alerts for everyone who asked for them at this frequency and whose period has passed; commits.

    One alert per person and period (its key names the day), so running the command twice sends once.
    """
    from app.services.notifications import notify

    now = now or utcnow()
    due_before = now - ALERT_PERIODS[frequency] + timedelta(hours=1)  # a daily cron a little early still counts
    rows = db.session.execute(
        select(JobseekerProfile, NotificationSettings).join(NotificationSettings)
        .where(NotificationSettings.alerts == frequency, JobseekerProfile.status == ProfileStatus.ACTIVE,
               JobseekerProfile.hidden_at.is_(None))
        .options(selectinload(JobseekerProfile.user)).order_by(JobseekerProfile.id)).all()
    counts = {"people": 0, "places": 0}
    for profile, settings in rows:
        if settings.alerts_since is not None and _aware(settings.alerts_since) > due_before:
            continue
        places = new_places_for(profile, settings.alerts_since, today)
        if places:
            notify(profile, "alert", key=f"alert:{profile.id}:{now.date().isoformat()}",
                   detail={"opportunities": [o.id for o in places[:20]]}, now=now)
            counts["people"] += 1
            counts["places"] += len(places)
        settings.alerts_since = now
        db.session.commit()
    return counts
