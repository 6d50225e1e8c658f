"""A realistic demo region: a year of history for a few thousand people and a few hundred places in the demo's
six municipalities, so that the dashboard shows what a real municipality would see (not "fewer than 5").

Written with bulk INSERTs (one statement per table and chunk), so 3,000 people and their ~12,000 cases with
~35,000 case events load in seconds on SQLite and PostgreSQL. Deterministic for a given seed. The people are
history: they have no accounts, and are placed or paused, so matching runs and the walk-through in the README
still work on the demo's eight jobseekers; none of their cases waits in a review queue.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select

from app.extensions import db
from app.models import (Concept, JobseekerProfile, Match, MatchEvent, MatchStatus as S, Opportunity, OpportunityKind,
                        OpportunityStatus, Organisation, ProfileStatus, Respondent, SatisfactionAnswer)

REGION_MARK = "demo-region"  # model_version of the region's cases: how already_seeded() recognises them
# Municipality → share of the region's people and places.
MUNICIPALITIES = {"1980": 0.34, "0484": 0.24, "0486": 0.08, "0381": 0.08, "2080": 0.14, "2081": 0.12}
KINDS = [(OpportunityKind.TRAINEE_JOB, 0.3), (OpportunityKind.APPRENTICESHIP, 0.15), (OpportunityKind.INTERNSHIP, 0.2),
         (OpportunityKind.INTRODUCTION_JOB, 0.1), (OpportunityKind.SUMMER_JOB, 0.05), (OpportunityKind.JOB, 0.1),
         (OpportunityKind.VOCATIONAL_PROGRAMME, 0.1)]
FIRST = ["Amal", "Yusuf", "Selam", "Olena", "Hodan", "Ahmad", "Fatima", "Mohammed", "Dawit", "Senait", "Oksana",
         "Andrii", "Zahra", "Ali", "Maryam", "Hassan", "Liban", "Hawa", "Mulu", "Tesfay", "Nadia", "Omar", "Sara",
         "Khadija", "Abdi", "Iryna", "Bohdan", "Farid", "Shirin", "Reza", "Noor", "Ayaan", "Elias", "Lina", "Emil",
         "Maja", "Jonas", "Alva", "Ibrahim", "Hamid", "Roya", "Samira", "Yonas", "Feven", "Kateryna", "Taras"]
LAST = ["Hassan", "Ahmed", "Tesfaye", "Kovalenko", "Warsame", "Rahimi", "Mohamud", "Haile", "Shevchenko", "Karimi",
        "Abdullahi", "Gebremedhin", "Bondarenko", "Hosseini", "Yusuf", "Berhane", "Melnyk", "Noori", "Lindberg",
        "Johansson", "Nilsson", "Ali", "Osman", "Tkachenko", "Sultani", "Kidane", "Farah", "Jama", "Sahak", "Berg"]
LANGUAGES = ["ar", "so", "ti", "uk", "fa", "sv", "en", "prs"]
REASONS = ["skills", "language", "travel", "timing", "not_wanted", "other"]
ORG_WORDS = ["Bygg", "Vård", "Lager", "Kök", "Städ", "Industri", "Transport", "Service", "Handel", "Omsorg", "Teknik",
             "Fastighet", "Logistik", "Restaurang", "Verkstad", "Skog", "Energi", "Måleri", "El", "Bageri"]
ORG_ENDINGS = ["AB", "i Mälardalen AB", "Service AB", "Gruppen AB", "och Söner AB", "Partner AB"]
SCHOOLS = ["Yrkesvux", "Vuxenutbildning", "Yrkeshögskola", "Lärcenter"]
CHUNK = 2000
# The one-question survey (1–10): weights of each score. People placed are mostly satisfied, those not placed less so.
SCORES_PLACED = [1, 1, 1, 2, 3, 5, 10, 16, 14, 10]
SCORES_NOT_PLACED = [4, 4, 6, 8, 10, 12, 10, 7, 4, 3]
SCORES_ORGANISATION = [1, 1, 2, 3, 5, 8, 12, 14, 10, 6]


@dataclass(frozen=True)
class RegionCounts:
    organisations: int
    opportunities: int
    people: int
    cases: int
    events: int


def already_seeded() -> bool:
    return db.session.scalar(select(func.count()).select_from(Match).where(Match.model_version == REGION_MARK)) > 0


def _org_number(n: int) -> str:
    """A checksum-valid organisation number in a range no real demo organisation uses (559 9xx-xxxx)."""
    body = f"5599{n:05d}"
    total = 0
    for i, digit in enumerate(int(d) for d in body):
        product = digit * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return f"{body[:6]}-{body[6:]}{(10 - total % 10) % 10}"


# How a Swedish employer or school heads a place of each kind (the demo's titles read like real ones).
TITLE_PREFIX = {"trainee_job": "Trainee", "apprenticeship": "Lärling", "internship": "Praktik",
                "introduction_job": "Introduktionsjobb", "summer_job": "Sommarjobb", "job": "",
                "vocational_programme": "Yrkesutbildning"}


def place_title(kind: str, occupation_id: str | None) -> str:
    """E.g. "Trainee – Lagerarbetare", "Lagerarbetare" for a job, "Yrkesutbildning – Undersköterska"."""
    from matching import reference_data

    label = (reference_data().label(occupation_id, "sv") or "") if occupation_id else ""
    prefix = TITLE_PREFIX.get(str(kind), "")
    return (f"{prefix} – {label}" if prefix and label else label or prefix or "Plats")[:200]


def _pick(rng: random.Random, weighted):
    items, weights = zip(*weighted)
    return rng.choices(items, weights)[0]


def _bulk(model, rows: list[dict], returning=None) -> list:
    ids = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        if returning is not None:
            ids.extend(db.session.scalars(insert(model).returning(returning, sort_by_parameter_order=True), chunk))
        else:
            db.session.execute(insert(model), chunk)
    return ids


def seed_region(people: int = 3000, places: int = 300, today: date | None = None, seed: int = 2026,
                actor_id: int | None = None) -> RegionCounts | None:
    """Add the region once (None if it is there already); commits. people and places set its size."""
    if already_seeded():
        return None
    rng = random.Random(seed)
    today = today or date.today()
    now = datetime.combine(today, time(12, 0))
    start = now - timedelta(days=365)
    occupations = list(db.session.scalars(select(Concept.id).where(Concept.type == "occupation")
                                          .order_by(Concept.id).limit(4000)))
    occupations = rng.sample(occupations, min(len(occupations), 120)) or [None]
    codes = list(MUNICIPALITIES.items())

    # Organisations: one for every four places or so; every sixth a school.
    n_orgs = max(6, places // 4)
    first_number = db.session.scalar(select(func.count()).select_from(Organisation)) + 1
    org_rows, org_places = [], []
    for i in range(n_orgs):
        municipality = codes[i % len(codes)][0] if i < len(codes) else _pick(rng, codes)
        school = i % 6 == 5
        name = (f"{rng.choice(ORG_WORDS)}{rng.choice(['', 'partner', 'huset', 'centrum'])} {rng.choice(SCHOOLS)}"
                if school else f"{rng.choice(ORG_WORDS)}{rng.choice(['', 'bolaget', 'kompaniet', 'tjänst'])} "
                               f"{rng.choice(ORG_ENDINGS)}")
        org_rows.append({"name": f"{name} {i + 1}", "org_number": _org_number(first_number + i),
                         "kind": "education_provider" if school else "employer", "municipality_code": municipality,
                         "created_at": start - timedelta(days=rng.randint(0, 200)), "vetted_at": start,
                         "vetted_by_id": actor_id})
        org_places.append((school, municipality))
    org_ids = _bulk(Organisation, org_rows, Organisation.id)

    # Places, published through the year; older ones are filled or closed.
    opp_rows = []
    for i in range(places):
        o = rng.randrange(n_orgs)
        school, municipality = org_places[o]
        kind = OpportunityKind.VOCATIONAL_PROGRAMME if school else _pick(rng, [k for k in KINDS if k[0] != OpportunityKind.VOCATIONAL_PROGRAMME])
        created = start + timedelta(days=rng.randint(0, 340))
        occupation = rng.choice(occupations)
        age = (now - created).days
        status = OpportunityStatus.OPEN if age < 120 else rng.choice([OpportunityStatus.FILLED, OpportunityStatus.CLOSED])
        seats = rng.choice([1, 1, 2, 2, 3, 4, 5, 8])
        opp_rows.append({"organisation_id": org_ids[o], "kind": kind, "title": place_title(kind.value, occupation),
                         "description": "", "occupation_id": None if school else occupation,
                         "leads_to": [occupation] if school and occupation else [], "skills_required": [],
                         "driving_licences": [], "municipality_code": municipality, "seats": seats,
                         "seats_taken": rng.randint(0, seats) if status == OpportunityStatus.OPEN else seats,
                         "start_date": (created + timedelta(days=30)).date(),
                         "deadline": (created + timedelta(days=150)).date(), "status": status, "created_at": created})
    opp_ids = _bulk(Opportunity, opp_rows, Opportunity.id)
    places_in = {}
    for opp_id, row in zip(opp_ids, opp_rows):
        places_in.setdefault(row["municipality_code"], []).append((opp_id, row["created_at"]))
    pool = [c for c in ("1980", "0484", "0486", "0381")]

    # People, registered through the year.
    person_rows = []
    for i in range(people):
        municipality = _pick(rng, codes)
        registered = start + timedelta(days=rng.randint(0, 350))
        language = rng.choice(LANGUAGES)
        person_rows.append({
            "full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "municipality_code": municipality,
            "birth_year": today.year - rng.choice([16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 31, 35, 40, 45]),
            "travel_km": rng.choice([10, 20, 30, 40, 60]), "swedish_level": rng.choice(["A1", "A2", "B1", "B2", "C1"]),
            "languages": [{"code": language, "level": "native"}], "experience": [], "skills": [],
            "wanted_occupations": [rng.choice(occupations)] if occupations[0] else [], "driving_licences": [],
            "wanted_kinds": [], "about": "", "status": ProfileStatus.PAUSED, "protected_identity": False,
            "created_at": registered, "updated_at": registered,
            "last_active_at": now - timedelta(days=rng.randint(0, 60))})
    person_ids = _bulk(JobseekerProfile, person_rows, JobseekerProfile.id)

    # Cases: a few suggestions per person, each followed to where it stands today.
    match_rows, paths, placed_people = [], [], set()
    for person_id, person in zip(person_ids, person_rows):
        municipality = person["municipality_code"]
        nearby = places_in.get(municipality, []) + (
            [p for c in pool if c != municipality for p in places_in.get(c, [])] if municipality in pool else [])
        candidates = [p for p in nearby if p[1] <= now - timedelta(days=1)]
        if not candidates:
            continue
        for opp_id, published in rng.sample(candidates, min(len(candidates), rng.randint(2, 6))):
            suggested = max(published, person["created_at"]) + timedelta(days=rng.randint(0, 20),
                                                                          hours=rng.randint(0, 8))
            if suggested > now - timedelta(days=1):
                continue
            path = _path(rng, suggested, now)
            match_rows.append({"profile_id": person_id, "opportunity_id": opp_id, "score": round(rng.uniform(0.2, 0.9), 3),
                               "explanation": {"occupation_match": rng.random() < 0.5, "checks": ["distance"],
                                               "matched_skills": [], "missing_skills": [],
                                               "distance_km": round(rng.uniform(1, 40), 1)},
                               "model_version": REGION_MARK, "status": path[-1][1] if path else S.SUGGESTED,
                               "reason_code": next((r for _f, _t, _at, r in path if r), None),
                               "created_at": suggested, "updated_at": path[-1][2] if path else suggested, "version": 1})
            paths.append(path)
            if path and path[-1][1] in (S.PLACED, S.FOLLOWED_UP_3M, S.FOLLOWED_UP_6M):
                placed_people.add(person_id)
    match_ids = _bulk(Match, match_rows, Match.id)
    event_rows = [{"match_id": match_id, "from_status": f, "to_status": t, "at": at, "reason_code": r,
                   "actor_id": actor_id if f in (S.SUGGESTED, S.PLACED, S.FOLLOWED_UP_3M) else None, "note": None}
                  for match_id, path in zip(match_ids, paths) for f, t, at, r in path]
    _bulk(MatchEvent, event_rows)
    _bulk(SatisfactionAnswer, _survey_answers(rng, now, match_ids, match_rows, paths, person_ids, person_rows,
                                              opp_ids, opp_rows))
    if placed_people:
        db.session.execute(JobseekerProfile.__table__.update()
                           .where(JobseekerProfile.id.in_(placed_people)).values(status=ProfileStatus.PLACED))
    from app.services.demo_competence import seed_region_competence  # needs, supply and goals (issue 18)

    seed_region_competence([(org_id, where) for org_id, (school, where) in zip(org_ids, org_places) if not school],
                           MUNICIPALITIES, now, people=max(people // 3, 60))
    db.session.commit()
    return RegionCounts(len(org_ids), len(opp_ids), len(person_ids), len(match_ids), len(event_rows))


def _survey_answers(rng: random.Random, now: datetime, match_ids, match_rows, paths, person_ids, person_rows,
                    opp_ids, opp_rows) -> list[dict]:
    """Answers to the one-question survey: about two in five people whose case has an outcome and three in five
    organisations whose place ended answer (some of each press "do not ask me"), a few days after."""
    municipality_of = {pid: person["municipality_code"] for pid, person in zip(person_ids, person_rows)}
    rows = []
    for match_id, case, path in zip(match_ids, match_rows, paths):
        ended = next((at for _f, to, at, _r in path if to in (S.PLACED, S.NOT_PLACED)), None)
        if ended is None or rng.random() >= 0.4:
            continue
        weights = SCORES_NOT_PLACED if case["status"] == S.NOT_PLACED else SCORES_PLACED
        rows.append({"respondent": Respondent.JOBSEEKER, "match_id": match_id, "opportunity_id": None,
                     "municipality_code": municipality_of[case["profile_id"]], "comment": None,
                     "score": None if rng.random() < 0.1 else rng.choices(range(1, 11), weights)[0],
                     "answered_at": min(ended + timedelta(days=rng.randint(0, 10), hours=rng.randint(1, 8)), now)})
    for opp_id, place in zip(opp_ids, opp_rows):
        if place["status"] == OpportunityStatus.OPEN or rng.random() >= 0.6:
            continue
        rows.append({"respondent": Respondent.EMPLOYER, "match_id": None, "opportunity_id": opp_id,
                     "municipality_code": place["municipality_code"], "comment": None,
                     "score": None if rng.random() < 0.1 else rng.choices(range(1, 11), SCORES_ORGANISATION)[0],
                     "answered_at": min(place["created_at"] + timedelta(days=rng.randint(90, 150)), now)})
    return rows


def _path(rng: random.Random, suggested: datetime, now: datetime) -> list[tuple[str, str, datetime, str | None]]:
    """The moves of one case from its suggestion to today: (from, to, when, reason). Every case is decided."""
    steps = []
    at = suggested + timedelta(days=rng.choice([0, 1, 1, 2, 2, 3, 4, 5, 7, 9, 14]), hours=rng.randint(1, 6))
    at = min(at, now - timedelta(hours=1))
    if rng.random() < 0.35:
        return [(S.SUGGESTED, S.REJECTED, at, rng.choice(REASONS))]
    steps.append((S.SUGGESTED, S.APPROVED, at, None))

    def later(days_choices):
        return steps[-1][2] + timedelta(days=rng.choice(days_choices), hours=rng.randint(1, 8))

    nxt = later([0, 1, 1, 2, 3, 5, 8])
    if nxt >= now:
        return steps
    if rng.random() < 0.2:
        steps.append((S.APPROVED, S.DECLINED, nxt, None))
        return steps
    steps.append((S.APPROVED, S.INTRODUCED, nxt, None))
    nxt = later([3, 5, 7, 10, 14, 21])
    if nxt >= now:
        return steps
    if rng.random() < 0.7:
        steps.append((S.INTRODUCED, S.INTERVIEW, nxt, None))
        nxt = later([3, 7, 10, 14])
        if nxt >= now:
            return steps
        current = S.INTERVIEW
    else:
        current = S.INTRODUCED
    if rng.random() < 0.55:
        steps.append((current, S.PLACED, nxt, None))
        for months, status in ((3, S.FOLLOWED_UP_3M), (6, S.FOLLOWED_UP_6M)):
            follow = steps[-1][2] + timedelta(days=30 * months if status == S.FOLLOWED_UP_3M else 90)
            if follow >= now or rng.random() < 0.15:
                break
            steps.append((steps[-1][1], status, follow, "still_working"))
    else:
        steps.append((current, S.NOT_PLACED, nxt, None))
    return steps
