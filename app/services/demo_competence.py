"""Demo data for the region's competence views: employers' stated needs, the region's goals, a planner, and (in the
demo region) people and open places in a handful of occupations, so that demand, supply, the people one step away
and the programmes to open make a picture worth looking at (no "fewer than 5" in the region's main charts).

Deterministic for a given seed; bulk INSERTs like demo_region.py.
"""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select

from app.extensions import db
from app.models import JobseekerProfile, Opportunity, Organisation, OrganisationKind, ProfileStatus, Role
from app.models.need import HORIZONS, CompetenceNeed, RegionalGoal
from app.services.demo_region import place_title

CNC_OPERATOR, WAREHOUSE, FORKLIFT = "9haD_NB6_ULH", "DLEi_bTh_oLA", "GQSf_fnq_kjF"
ASSISTANT_NURSE, WELDER, RESTAURANT_ASSISTANT = "Y3QA_5pk_uXd", "rxrQ_Nyy_k6y", "yXRQ_Ad9_E8V"
ELECTRICIAN, MACHINE_OPERATOR, CHILDCARE = "84Uc_bhA_s47", "Ttw6_MFW_i6j", "rM7G_ge7_XhP"
# Occupation fields (SSYK 1) of the goals.
INDUSTRY, CARE, TRANSPORT = "2xXe_2KC_Nf2", "u1RN_Fih_rgS", "Vbui_aPd_Xqj"

# occupation, the Swedish level employers ask for, the licences they ask for, share of people with experience
OCCUPATIONS = [
    (CNC_OPERATOR, "B1", [], 0.5), (WELDER, "A2", [], 0.5), (ELECTRICIAN, "B1", ["B"], 0.4),
    (MACHINE_OPERATOR, "A2", [], 0.6), (ASSISTANT_NURSE, "B1", [], 0.5), (CHILDCARE, "B1", [], 0.4),
    (FORKLIFT, "A2", ["B"], 0.6), (WAREHOUSE, "A2", [], 0.7), (RESTAURANT_ASSISTANT, "A1", [], 0.6),
]
# Occupations whose employers take only trained people: the untrained who aim at them need a programme first.
TRAINED_ONLY = {ELECTRICIAN, ASSISTANT_NURSE, CNC_OPERATOR}
ROADS_IN = ([], ["trainee_job"], ["vocational_programme"], ["apprenticeship", "vocational_programme"],
            ["trainee_job", "vocational_programme"])
LEVELS = [("A1", 0.12), ("A2", 0.3), ("B1", 0.33), ("B2", 0.18), ("native", 0.07)]
FIRST = ["Amal", "Yusuf", "Selam", "Olena", "Hodan", "Ahmad", "Fatima", "Dawit", "Oksana", "Zahra", "Liban", "Mulu",
         "Nadia", "Omar", "Iryna", "Farid", "Noor", "Elias", "Maja", "Yonas"]
LAST = ["Hassan", "Ahmed", "Tesfaye", "Kovalenko", "Warsame", "Rahimi", "Haile", "Karimi", "Berhane", "Melnyk",
        "Noori", "Lindberg", "Osman", "Kidane", "Farah", "Jama"]
PLANNER_LOCAL = "planerare.dalarna"


def _pick(rng: random.Random, weighted):
    items, weights = zip(*weighted)
    return rng.choices(items, weights)[0]


def _quarters_ago(rng: random.Random, today: date, quarters: int = 8) -> date:
    return today - timedelta(days=rng.randint(0, 91 * quarters - 1))


def seed_small(today: date, admin_id: int | None, create_user) -> int:
    """The small demo: a dozen needs of the demo employers, two goals and a planner for Dalarna; returns needs."""
    rng = random.Random(18)
    employers = list(db.session.scalars(select(Organisation).where(Organisation.kind == OrganisationKind.EMPLOYER)
                                        .order_by(Organisation.id)))
    needs = []
    for i, (occupation, swedish, licences, _share) in enumerate(OCCUPATIONS):
        for employer in rng.sample(employers, min(2, len(employers))):
            needs.append(CompetenceNeed(
                organisation_id=employer.id, occupation_id=occupation, headcount=rng.choice([2, 3, 5, 8, 12]),
                horizon_months=rng.choice(HORIZONS), municipality_code=employer.municipality_code,
                min_swedish=swedish, driving_licences=licences, certificates=[], would_take=ROADS_IN[i % len(ROADS_IN)],
                note="", stated_on=_quarters_ago(rng, today, 4), created_by_id=None))
    db.session.add_all(needs)
    a_year_ago = datetime.combine(today - timedelta(days=365), time(12))
    db.session.add_all([
        RegionalGoal(area_code="20", occupation_field_id=INDUSTRY, target=4500, by_year=2030, created_by_id=admin_id,
                     created_at=a_year_ago),
        RegionalGoal(area_code="19", occupation_field_id=CARE, target=300, by_year=2028, created_by_id=admin_id,
                     created_at=a_year_ago)])
    from app.services.demo import DEMO_TOTP_SECRET

    create_user(PLANNER_LOCAL, Role.PLANNER, "Regionplanerare Dalarna", locale="sv", municipality_code="20",
                totp_secret=DEMO_TOTP_SECRET)
    return len(needs)


def seed_region_competence(employers: list[tuple[int, str]], municipalities: dict[str, float], now: datetime,
                           people: int = 900, seed: int = 18) -> dict[str, int]:
    """The demo region's picture: active people aiming at OCCUPATIONS, open places and stated needs for them in
    every municipality, and goals for three counties. employers: (organisation id, municipality)."""
    rng = random.Random(seed)
    today = now.date()
    codes = list(municipalities.items())
    by_place: dict[str, list[int]] = {}
    for org_id, code in employers:
        by_place.setdefault(code, []).append(org_id)
    place_rows, need_rows = [], []
    for occupation, swedish, licences, _share in OCCUPATIONS:
        for code, _weight in codes:
            orgs = by_place.get(code)
            if not orgs:
                continue
            for _n in range(rng.randint(1, 2)):
                kind = "job" if occupation in TRAINED_ONLY else rng.choice(["job", "job", "trainee_job"])
                created = datetime.combine(_quarters_ago(rng, today, 2), time(9))
                seats = rng.randint(2, 5)
                place_rows.append({
                    "organisation_id": rng.choice(orgs), "kind": kind, "title": place_title(kind, occupation),
                    "description": "", "occupation_id": occupation, "leads_to": [], "skills_required": [],
                    "min_swedish": swedish, "driving_licences": licences, "municipality_code": code, "seats": seats,
                    "seats_taken": 0, "start_date": today + timedelta(days=30), "deadline": today + timedelta(days=60),
                    "status": "open", "created_at": created, "published_at": created})
            for _n in range(rng.randint(2, 4)):
                need_rows.append({
                    "organisation_id": rng.choice(orgs), "occupation_id": occupation,
                    "headcount": rng.choice([2, 3, 4, 6, 8, 10, 15, 20]), "horizon_months": rng.choice(HORIZONS),
                    "municipality_code": code, "min_swedish": swedish, "driving_licences": licences,
                    "certificates": [], "note": "", "status": "active",
                    "would_take": rng.choice(ROADS_IN[:1] + ROADS_IN[2:3] if occupation in TRAINED_ONLY else ROADS_IN),
                    "stated_on": _quarters_ago(rng, today), "created_at": now, "updated_at": now})
    if place_rows:
        db.session.execute(insert(Opportunity), place_rows)
    if need_rows:
        db.session.execute(insert(CompetenceNeed), need_rows)
    from matching import reference_data

    titles = {occupation: reference_data().label(occupation, "sv") or "" for occupation, *_rest in OCCUPATIONS}
    person_rows = []
    for _i in range(people):
        occupation, _swedish, licences, share = rng.choice(OCCUPATIONS)
        code = _pick(rng, codes)
        registered = now - timedelta(days=rng.randint(0, 700))
        experienced = rng.random() < share
        person_rows.append({
            "full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "municipality_code": code,
            "birth_year": today.year - rng.randint(19, 55), "travel_km": rng.choice([20, 30, 40, 60]),
            "swedish_level": _pick(rng, LEVELS), "languages": [], "skills": [],
            "experience": [{"title": titles[occupation], "occupation": occupation, "years": rng.randint(1, 8)}]
            if experienced else [],
            "wanted_occupations": [occupation],
            "driving_licences": ["B"] if rng.random() < (0.55 if licences else 0.4) else [],
            "wanted_kinds": [], "about": "", "status": ProfileStatus.ACTIVE, "protected_identity": False,
            "available_from": today, "created_at": registered, "updated_at": registered, "last_active_at": now})
    for start in range(0, len(person_rows), 2000):
        db.session.execute(insert(JobseekerProfile), person_rows[start:start + 2000])
    a_year_ago = now - timedelta(days=400)
    goals = [RegionalGoal(area_code=area, occupation_field_id=field, target=target, by_year=year, created_at=a_year_ago)
             for area, field, target, year in (("04", INDUSTRY, 600, 2030), ("03", TRANSPORT, 150, 2028),
                                               ("19", INDUSTRY, 800, 2030))]
    db.session.add_all(goals)
    return {"needs": len(need_rows), "places": len(place_rows), "people": people, "goals": len(goals)}
