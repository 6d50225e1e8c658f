"""A region-sized dataset generated from the taxonomy, with bulk inserts: people, employers, opportunities, staff.

Every account has the password LOADTEST_PASSWORD; caseworkers share the TOTP key LOADTEST_TOTP_SECRET, so the
Locust users can compute their codes. Addresses end in @load.jobbrygga.se and never reach a real inbox.
"""
import random
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import func, insert, select

from app.extensions import db
from app.models import Concept, JobseekerProfile, Opportunity, Organisation, Role, User
from matching import reference_data

LOADTEST_PASSWORD = "Jobbrygga-load-2026"
LOADTEST_TOTP_SECRET = "JOBBRYGGALOADTESTKEYJOBBRYGGALOA"
DOMAIN = "load.jobbrygga.se"
REGION = ("19", "04", "03", "18", "20")  # Västmanland, Södermanland, Uppsala, Örebro, Dalarna
BATCH = 2000
KINDS = ("trainee_job", "apprenticeship", "internship", "introduction_job", "summer_job", "job")
LEVELS = ("A1", "A2", "B1", "B2", "C1", "native")
ABOUT = ("Jag har jobbat som {o} i flera år och vill komma tillbaka till arbetslivet.",
         "Jag vill lära mig mer och jobba som {o}. Jag är noggrann och gillar att arbeta i team.",
         "Har erfarenhet från {o} i mitt hemland. Läser svenska på SFI.",
         "Söker praktik eller traineejobb som {o}, gärna nära hemmet.")


def email(kind: str, n: int) -> str:
    return f"{kind}{n}@{DOMAIN}"


def already_generated() -> bool:
    return db.session.scalar(select(func.count()).select_from(User).where(User.email.like(f"%@{DOMAIN}"))) > 0


def _insert(model, rows: list[dict], returning=None) -> list:
    ids = []
    for start in range(0, len(rows), BATCH):
        statement = insert(model)
        if returning is not None:
            ids += db.session.scalars(statement.returning(returning, sort_by_parameter_order=True),
                                      rows[start:start + BATCH]).all()
        else:
            db.session.execute(statement, rows[start:start + BATCH])
    return ids


def generate(jobseekers: int = 20_000, opportunities: int = 5_000, caseworkers: int = 200, employers: int = 1_000,
             seed: int = 8) -> dict[str, int]:
    """Insert the dataset (commits once at the end); needs the taxonomy imported first."""
    rng = random.Random(seed)
    today = date.today()
    now = datetime.now(timezone.utc)
    reference = reference_data()
    places = list(db.session.scalars(select(Concept.id).where(Concept.type == "municipality",
                                                              Concept.parent_id.in_(REGION)).order_by(Concept.id)))
    if not places:
        raise RuntimeError("no municipalities: import the taxonomy first (flask taxonomy import)")
    weights = [8 if code.endswith("80") else 1 for code in places]  # the county seats (x80) are the big towns
    occupations = sorted({occ for occ in (c for c in db.session.scalars(
        select(Concept.id).where(Concept.type == "occupation"))) if reference.skills_for_occupation(occ)})
    occupations = rng.sample(occupations, min(300, len(occupations)))
    names = {occ: reference.label(occ, "sv") or occ for occ in occupations}
    skills = {occ: reference.skills_for_occupation(occ)[:6] for occ in occupations}
    hasher = User(email="x", role=Role.JOBSEEKER)
    hasher.set_password(LOADTEST_PASSWORD)
    password_hash = hasher.password_hash  # one argon2id hash for every account: generating 21,000 would take long

    def account(kind, n, role, **fields):
        return dict(email=email(kind, n), password_hash=password_hash, role=role, locale="sv",
                    full_name=f"{kind.title()} {n}", created_at=now, session_version=1, **fields)

    staff = _insert(User, [account("caseworker", i, Role.CASEWORKER, municipality_code=places[i % len(places)],
                                   totp_secret=LOADTEST_TOTP_SECRET) for i in range(caseworkers)], User.id)
    by_place: dict[str, list[int]] = {}
    for i, user_id in enumerate(staff):
        by_place.setdefault(places[i % len(places)], []).append(user_id)

    org_places = rng.choices(places, weights, k=employers)
    orgs = _insert(Organisation, [dict(name=f"Lastföretaget {i} AB", kind="employer", municipality_code=org_places[i],
                                       created_at=now, vetted_at=now) for i in range(employers)], Organisation.id)
    _insert(User, [account("employer", i, Role.EMPLOYER, organisation_id=org) for i, org in enumerate(orgs)])

    rows = []
    for i in range(opportunities):
        occ = rng.choice(occupations)
        start = today + timedelta(weeks=rng.randint(2, 12))
        org = i % employers
        rows.append(dict(organisation_id=orgs[org], kind=rng.choice(KINDS), title=f"{names[occ]} – plats {i}",
                         description=f"Vi söker en person som vill lära sig arbetet som {names[occ]}. Handledare finns.",
                         occupation_id=occ, leads_to=[], skills_required=skills[occ][:rng.randint(0, 3)],
                         min_swedish=rng.choice((None, "A1", "A2", "B1")), driving_licences=[],
                         municipality_code=org_places[org], seats=rng.randint(1, 5), seats_taken=0,
                         start_date=start, deadline=start - timedelta(days=7), status="open", created_at=now))
    _insert(Opportunity, rows)

    seeker_places = rng.choices(places, weights, k=jobseekers)
    user_ids = _insert(User, [account("seeker", i, Role.JOBSEEKER) for i in range(jobseekers)], User.id)
    rows = []
    for i, user_id in enumerate(user_ids):
        wanted = rng.sample(occupations, rng.randint(1, 2))
        place = seeker_places[i]
        rows.append(dict(user_id=user_id, full_name=f"Seeker {i}", municipality_code=place,
                         travel_km=rng.choice((10, 20, 30, 50, 80)), swedish_level=rng.choice(LEVELS), languages=[],
                         experience=[{"title": names[wanted[0]], "years": rng.randint(0, 8)}],
                         skills=rng.sample(skills[wanted[0]], min(2, len(skills[wanted[0]]))),
                         wanted_occupations=wanted, driving_licences=rng.choice(([], ["B"])), wanted_kinds=[],
                         available_from=today + timedelta(days=rng.randint(0, 60)),
                         about=rng.choice(ABOUT).format(o=names[wanted[0]]), birth_year=rng.randint(1962, 2006),
                         status="active", caseworker_id=rng.choice(by_place[place]) if place in by_place else None,
                         protected_identity=False, last_active_at=now, created_at=now, updated_at=now))
    _insert(JobseekerProfile, rows)
    db.session.commit()
    return {"caseworkers": len(staff), "employers": len(orgs), "opportunities": opportunities,
            "jobseekers": len(user_ids), "municipalities": len(places)}
