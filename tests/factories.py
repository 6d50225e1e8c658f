"""Real rows in the test database, with the few facts a test needs named in one word."""
from datetime import date, datetime, timedelta, timezone
from itertools import count

from app.extensions import db
from app.models import JobseekerProfile, Match, Opportunity, Organisation, Role, User

PASSWORD = "correct horse battery staple"
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # staff must use a second factor; tests know the key
_ids = count(1)

# Real JobTech ids used across tests.
WAREHOUSE_WORKER = "DLEi_bTh_oLA"  # Lagerarbetare/Terminalarbetare
ASSISTANT_NURSE = "Y3QA_5pk_uXd"
VASTERAS, ESKILSTUNA, KIRUNA = "1980", "0484", "2584"
VALID_ORG_NUMBERS = ["556016-0680", "202100-6297", "556677-1241"]


def user(role=Role.JOBSEEKER, **fields) -> User:
    n = next(_ids)
    fields.setdefault("email", f"{role}{n}@example.se")
    fields.setdefault("full_name", f"Test {role} {n}")
    fields.setdefault("locale", "sv")
    if role == Role.CASEWORKER:
        fields.setdefault("municipality_code", VASTERAS)
    if role == Role.PLANNER:
        fields.setdefault("municipality_code", "19")  # Västmanland county
    if role in (Role.CASEWORKER, Role.ADMIN, Role.PLANNER):
        fields.setdefault("totp_secret", STAFF_TOTP_SECRET)
    person = User(role=role, **fields)
    person.set_password(PASSWORD)
    db.session.add(person)
    db.session.commit()
    return person


def organisation(kind="employer", vetted=True, **fields) -> Organisation:
    """An organisation; vetted by the municipality unless vetted=False."""
    n = next(_ids)
    fields.setdefault("name", f"Testföretaget {n} AB")
    if vetted:
        fields.setdefault("vetted_at", datetime.now(timezone.utc))
    fields.setdefault("municipality_code", VASTERAS)
    org = Organisation(kind=kind, **fields)
    db.session.add(org)
    db.session.commit()
    return org


def member(org: Organisation, **fields) -> User:
    return user(Role(org.kind), organisation_id=org.id, **fields)


def opportunity(org: Organisation | None = None, **fields) -> Opportunity:
    fields.setdefault("kind", "trainee_job")
    fields.setdefault("title", "Trainee lagerarbetare")
    fields.setdefault("description", "Plock och pack på lager, truckkort under traineetiden.")
    fields.setdefault("occupation_id", WAREHOUSE_WORKER)
    fields.setdefault("municipality_code", VASTERAS)
    fields.setdefault("seats", 2)
    fields.setdefault("start_date", date.today() + timedelta(weeks=4))
    opp = Opportunity(organisation=org or organisation(), **fields)
    db.session.add(opp)
    db.session.commit()
    return opp


def profile(account: User | None = None, **fields) -> JobseekerProfile:
    fields.setdefault("full_name", account.full_name if account else "Person Utan Konto")
    fields.setdefault("municipality_code", VASTERAS)
    fields.setdefault("travel_km", 40)
    fields.setdefault("swedish_level", "B1")
    fields.setdefault("about", "Jag har jobbat på lager och vill jobba som lagerarbetare.")
    fields.setdefault("wanted_occupations", [WAREHOUSE_WORKER])
    fields.setdefault("available_from", date.today())
    person = JobseekerProfile(user=account, **fields)
    db.session.add(person)
    db.session.commit()
    return person


def match(person: JobseekerProfile, opp: Opportunity, status="suggested", **fields) -> Match:
    fields.setdefault("score", 0.5)
    fields.setdefault("explanation", {"blocks": {"text": 1.0}, "matched_skills": [], "missing_skills": [],
                                      "checks": ["distance"], "distance_km": 3.0})
    fields.setdefault("model_version", "test")
    m = Match(profile=person, opportunity=opp, status=status, **fields)
    db.session.add(m)
    db.session.commit()
    return m


def recruitment_day(places, invite=None, status="signed_up", **fields):
    """A recruitment day in Västerås in two weeks with the given places; invite: a profile, signed up unless told."""
    from datetime import time

    from app.models import RecruitmentDay, RecruitmentInvitation, RecruitmentSlot

    fields.setdefault("municipality_code", VASTERAS)
    fields.setdefault("title", "Rekryteringsträff lager och logistik")
    fields.setdefault("day", date.today() + timedelta(days=14))
    fields.setdefault("venue", "Västerås stadshus, sal 2")
    fields.setdefault("address", "Fiskartorget 2, Västerås")
    fields.setdefault("accessibility", "Entré utan trappsteg, hörslinga.")
    fields.setdefault("capacity", 20)
    event = RecruitmentDay(**fields)
    event.slots = [RecruitmentSlot(starts=time(9), ends=time(10, 30)), RecruitmentSlot(starts=time(10, 30), ends=time(12))]
    event.places = list(places)
    db.session.add(event)
    db.session.commit()
    invitation = None
    if invite is not None:
        invitation = RecruitmentInvitation(day=event, profile=invite, status=status,
                                           slot_id=event.slots[0].id if status == "signed_up" else None)
        db.session.add(invitation)
        db.session.commit()
    return event, invitation


# ---------------------------------------------------------------- a warehouse scene (proposals, re-ranker)

TRUCK_LICENCE = "CiMi_7ax_tXs"  # Utbildningsbevis enligt TLP 10 för truckförare
STORAGE_SOFTWARE = "1oA3_GfA_82Y"  # Lagerhanteringsprogram


def warehouse_jobs(n, **fields):
    """n warehouse jobs of one organisation that ask for a truck licence and storage software (1 seat each)."""
    org = organisation()
    fields.setdefault("seats", 1)
    return [opportunity(org, title=f"Lagerarbetare {i}", skills_required=[TRUCK_LICENCE, STORAGE_SOFTWARE], **fields)
            for i in range(n)]


def warehouse_people():
    """One person who fits every warehouse job best, three who fit them less well."""
    strong = profile(full_name="Stark", skills=[TRUCK_LICENCE, STORAGE_SOFTWARE],
                       about="Truckförare och lagerarbetare i tio år, lagerhanteringsprogram varje dag.")
    others = [profile(full_name=f"Person {i}") for i in range(3)]
    return strong, others
