"""Realistic demo data for Mälardalen and Dalarna: organisations, programmes, real Platsbanken ads, people."""
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from app.extensions import db
from app.models import (JobseekerProfile, MunicipalitySettings, Opportunity, Organisation, OrganisationKind, Role, User)
from app.services.accounts import create_user
from app.services.jobsearch_import import ImportReport, upsert_ad_records
from app.services.orgnr import normalise_org_number
from matching import iter_platsbanken_ads, reference_data

DEMO_PASSWORD = "Jobbrygga-demo-2026"
# The demo's staff log in with a second factor too; this published key lets a tester compute the codes:
#   python -c "import pyotp; print(pyotp.TOTP('JOBBRYGGADEMOKEYJOBBRYGGADEMOKEY').now())"
# Never use it for a real account.
DEMO_TOTP_SECRET = "JOBBRYGGADEMOKEYJOBBRYGGADEMOKEY"
DEMO_DOMAIN = "demo.jobbrygga.se"

# Municipalities (SCB codes): the four Mälardalen cities and two in Dalarna.
VASTERAS, ESKILSTUNA, STRANGNAS, ENKOPING, FALUN, BORLANGE = "1980", "0484", "0486", "0381", "2080", "2081"

# Real JobTech occupation-name ids.
CNC_OPERATOR, WAREHOUSE, FORKLIFT = "9haD_NB6_ULH", "DLEi_bTh_oLA", "GQSf_fnq_kjF"
ASSISTANT_NURSE, CARE_ASSISTANT, WELDER = "Y3QA_5pk_uXd", "4zLr_jP5_peZ", "rxrQ_Nyy_k6y"
RESTAURANT_ASSISTANT, KITCHEN_ASSISTANT = "yXRQ_Ad9_E8V", "oRB5_b7i_Qzv"
ELECTRICIAN, ELECTRICIAN_APPRENTICE, PLUMBER_APPRENTICE = "84Uc_bhA_s47", "dp2q_xZZ_gP4", "PNj1_ddT_nTm"
SMELTER_OPERATOR, MACHINE_OPERATOR, CLEANER = "bNZP_UBz_CVt", "Ttw6_MFW_i6j", "KF64_AvU_S4N"
CHILDCARE, IT_TECHNICIAN, SHOP_ASSISTANT = "rM7G_ge7_XhP", "AF1L_wVt_xmK", "pBhS_6fg_727"

ORGANISATIONS = [
    # name, fictitious org number body (check digit added), kind, municipality
    ("Mälarverken Industri AB", "556910001", OrganisationKind.EMPLOYER, VASTERAS),
    ("Eskilstuna Bygg & Installation AB", "556910002", OrganisationKind.EMPLOYER, ESKILSTUNA),
    ("Strängnäs Omsorg AB", "556910003", OrganisationKind.EMPLOYER, STRANGNAS),
    ("Enköpings Lager & Logistik AB", "556910004", OrganisationKind.EMPLOYER, ENKOPING),
    ("Dalaverken Stål AB", "556910005", OrganisationKind.EMPLOYER, BORLANGE),
    ("Falu Restaurang & Storkök AB", "556910006", OrganisationKind.EMPLOYER, FALUN),
    ("Mälardalens Yrkesvux", "222000001", OrganisationKind.EDUCATION_PROVIDER, VASTERAS),
    ("Dalarnas Yrkeshögskola", "222000002", OrganisationKind.EDUCATION_PROVIDER, FALUN),
]

OPPORTUNITIES = [
    # organisation, kind, title, description, occupation, leads_to, min Swedish, licences, place, seats, weeks to start
    (0, "trainee_job", "Traineeplats som CNC-operatör",
     "Du lär dig ställa in och köra CNC-maskiner i vår verkstad i Västerås. Handledare finns på plats. "
     "Passar dig som gillar teknik och noggrant arbete. Skyddsskor och arbetskläder ingår.",
     CNC_OPERATOR, [], "A2", [], VASTERAS, 3, 6),
    (0, "introduction_job", "Introduktionsjobb maskinoperatör",
     "Introduktionsjobb för dig som är ny i Sverige. Du arbetar med maskiner i produktionen och läser svenska "
     "på arbetstid två dagar i veckan.", MACHINE_OPERATOR, [], "A1", [], VASTERAS, 2, 4),
    (1, "apprenticeship", "Lärling installationselektriker",
     "Lärlingstjänst där du drar kablar och installerar el i nybyggen runt Eskilstuna tillsammans med en "
     "erfaren elektriker.", ELECTRICIAN_APPRENTICE, [], "B1", ["B"], ESKILSTUNA, 2, 8),
    (1, "apprenticeship", "Lärling VVS-montör",
     "Du monterar rör, värme och sanitet i bostäder. Vi söker dig som är praktisk och vill lära dig ett yrke.",
     PLUMBER_APPRENTICE, [], "A2", [], ESKILSTUNA, 1, 8),
    (2, "introduction_job", "Vårdbiträde – introduktionsjobb i hemtjänsten",
     "Du hjälper äldre i vardagen: städning, inköp, promenader och personlig omvårdnad. "
     "Du får en handledare och utbildning i hygien.", CARE_ASSISTANT, [], "A2", [], STRANGNAS, 4, 3),
    (3, "trainee_job", "Trainee lagerarbetare med truckutbildning",
     "Plock, pack och inleverans på vårt lager i Enköping. Vi betalar truckkort under traineetiden.",
     WAREHOUSE, [], "A1", [], ENKOPING, 5, 2),
    (3, "summer_job", "Sommarjobb på lager", "Sommarjobb för dig 16–19 år: plock och packning av order.",
     WAREHOUSE, [], "A2", [], ENKOPING, 6, 26),
    (4, "trainee_job", "Processoperatör i smältverket – trainee",
     "Du övervakar processen i smältverket i Borlänge och lär dig säkerhetsrutiner. Skiftarbete.",
     SMELTER_OPERATOR, [], "B1", ["B"], BORLANGE, 3, 10),
    (5, "internship", "Praktik som restaurangbiträde",
     "Praktik i storkök och servering i Falun. Du diskar, förbereder sallader och hjälper till i kassan.",
     RESTAURANT_ASSISTANT, [], "A1", [], FALUN, 2, 1),
    (6, "vocational_programme", "Undersköterska – yrkesvux med SFI",
     "Kombinerad utbildning: svenska för invandrare och vård- och omsorgsprogrammet. Praktik (APL) "
     "på äldreboenden i Västerås. Studiestöd via CSN.", None, [ASSISTANT_NURSE, CARE_ASSISTANT], "A1", [],
     VASTERAS, 30, 10),
    (6, "vocational_programme", "Lager och logistik – yrkesvux",
     "20 veckor med truckkort, lagerhantering och arbetsmiljö. Passar dig som vill börja jobba snabbt.",
     None, [WAREHOUSE, FORKLIFT], "A2", [], VASTERAS, 24, 5),
    (7, "vocational_programme", "Svets och plåt – yrkesutbildning",
     "Lär dig MIG/MAG- och TIG-svetsning. Industrin i Dalarna behöver svetsare.", None, [WELDER], "A2", [],
     FALUN, 16, 12),
]

PEOPLE = [
    # e-mail local part (None: profile kept by the caseworker), name, locale, municipality, travel, Swedish,
    # languages, wanted kinds, wanted occupations, experience, about
    ("jobbsokare", "Amal Hassan", "ar", VASTERAS, 40, "A2", [{"code": "ar", "level": "native"}],
     ["trainee_job", "vocational_programme", "introduction_job"], [ASSISTANT_NURSE],
     [{"title": "ممرضة مساعدة", "years": 3}],
     "عملت ثلاث سنوات في رعاية كبار السن في حلب. أحب مساعدة الناس وأريد أن أصبح ممرضة مساعدة في السويد."),
    ("yusuf", "Yusuf Abdi Warsame", "so", ESKILSTUNA, 35, "A2", [{"code": "so", "level": "native"}],
     [], [WAREHOUSE], [{"title": "Shaqaale bakhaar", "years": 2}],
     "Waxaan ka shaqeeyay bakhaar Muqdisho. Waxaan rabaa shaqo bakhaar ama darawal forklift."),
    ("selam", "Selam Tesfaye", "ti", VASTERAS, 30, "A1", [{"code": "ti", "level": "native"}],
     ["internship", "introduction_job", "vocational_programme"], [RESTAURANT_ASSISTANT],
     [{"title": "ኣብ ቤት መግቢ ሰሪሐ", "years": 2}], "ኣብ ቤት መግቢ ክሰርሕ እደሊ። ምግቢ ምድላው ይፈቱ።"),
    ("olena", "Olena Kovalenko", "uk", ENKOPING, 50, "B1", [{"code": "uk", "level": "native"},
                                                            {"code": "en", "level": "B2"}],
     [], [CNC_OPERATOR], [{"title": "Оператор верстатів з ЧПК", "years": 6}],
     "Працювала оператором верстатів з ЧПК на заводі в Харкові. Шукаю роботу на виробництві."),
    (None, "Ahmad Rahimi", "fa_AF", ESKILSTUNA, 40, "A2", [{"code": "fa", "level": "native"}],
     ["apprenticeship", "trainee_job"], [ELECTRICIAN], [{"title": "برق کار", "years": 4}],
     "در کابل برق کار بودم. می خواهم در سوئد برق کار شوم."),
    (None, "Elin Johansson", "sv", FALUN, 25, "native", [{"code": "en", "level": "B1"}],
     ["summer_job", "trainee_job", "vocational_programme"], [WELDER], [{"title": "Extrajobb verkstad", "years": 1}],
     "Gick industritekniska programmet men hoppade av. Gillar att svetsa och meka med mopeder."),
    (None, "Mohammed Al-Khatib", "ar", BORLANGE, 40, "B1", [{"code": "ar", "level": "native"}],
     ["trainee_job", "job"], [SMELTER_OPERATOR, MACHINE_OPERATOR], [{"title": "عامل في مصنع حديد", "years": 5}],
     "عملت في مصنع للحديد والصلب. لدي رخصة قيادة."),
    (None, "Liam Eriksson", "sv", VASTERAS, 20, "native", [{"code": "en", "level": "B2"}],
     ["trainee_job", "internship", "job"], [IT_TECHNICIAN], [{"title": "Butiksmedarbetare", "years": 1}],
     "Har byggt egna datorer och fixar släktens mobiler. Vill jobba med IT-support."),
]


# Demo contacts per municipality: team, phone (E.164, a demo number), e-mail local part, opening hours.
DEMO_CONTACTS = {
    VASTERAS: ("Jobbtorget Västerås", "+46101234501", "jobbtorget.vasteras", "Mån–fre 9–12"),
    ESKILSTUNA: ("Arbetsmarknadsenheten Eskilstuna", "+46101234502", "arbetsmarknad.eskilstuna", "Mån–tor 9–15"),
    STRANGNAS: ("Jobbcentrum Strängnäs", "+46101234503", "jobbcentrum.strangnas", "Tis och tor 10–14"),
    ENKOPING: ("Arbetsmarknadsenheten Enköping", "+46101234504", "arbetsmarknad.enkoping", "Mån–fre 9–12"),
    FALUN: ("Jobbtorg Falun", "+46101234505", "jobbtorg.falun", "Mån–fre 8–12"),
    BORLANGE: ("Jobbcenter Borlänge", "+46101234506", "jobbcenter.borlange", "Mån–fre 9–12"),
}
# The name as the person writes it in their own script, beside the Latin-letter name of their Swedish documents.
OWN_SCRIPT_NAMES = {"Amal Hassan": "أمل حسن", "Selam Tesfaye": "ሰላም ተስፋየ", "Olena Kovalenko": "Олена Коваленко",
                    "Ahmad Rahimi": "احمد رحیمی", "Mohammed Al-Khatib": "محمد الخطيب"}


def _org_number(body: str) -> str:
    for check in range(10):
        number = normalise_org_number(f"{body}{check}")
        if number:
            return number
    raise ValueError(body)


def already_seeded() -> bool:
    return db.session.scalar(select(User).where(User.email == f"admin@{DEMO_DOMAIN}")) is not None


def seed_demo(today: date | None = None) -> dict[str, int]:
    """Load the demo data once; returns counts. Needs the taxonomy imported first."""
    if already_seeded():
        return {}
    today = today or date.today()
    reference = reference_data()

    def user(local, role, name, **fields):
        return create_user(email=f"{local}@{DEMO_DOMAIN}", password=DEMO_PASSWORD, role=role, full_name=name,
                           **fields)

    admin = user("admin", Role.ADMIN, "Administratör Demo", locale="sv", totp_secret=DEMO_TOTP_SECRET)
    caseworkers = {
        VASTERAS: user("handlaggare.vasteras", Role.CASEWORKER, "Karin Lind", locale="sv",
                       municipality_code=VASTERAS, totp_secret=DEMO_TOTP_SECRET),
        ESKILSTUNA: user("handlaggare.eskilstuna", Role.CASEWORKER, "Omar Nilsson", locale="sv",
                         municipality_code=ESKILSTUNA, totp_secret=DEMO_TOTP_SECRET),
        FALUN: user("handlaggare.falun", Role.CASEWORKER, "Sara Berg", locale="en", municipality_code=FALUN,
                    totp_secret=DEMO_TOTP_SECRET),
    }
    db.session.flush()  # the administrator's id, for the vetting below

    organisations = []
    for name, body, kind, municipality in ORGANISATIONS:
        # The demo organisations are already vetted, so that their members see candidates at once.
        organisations.append(Organisation(name=name, org_number=_org_number(body), kind=kind,
                                          municipality_code=municipality, vetted_at=datetime.now(timezone.utc),
                                          vetted_by_id=admin.id))
    db.session.add_all(organisations)
    user("arbetsgivare", Role.EMPLOYER, "Peter Holm", locale="sv", organisation=organisations[0])
    user("skola", Role.EDUCATION_PROVIDER, "Lena Ek", locale="sv", organisation=organisations[6])

    for org, kind, title, text, occupation, leads_to, swedish, licences, place, seats, weeks in OPPORTUNITIES:
        skills = reference.skills_for_occupation(occupation)[:3] if occupation else []
        db.session.add(Opportunity(
            organisation=organisations[org], kind=kind, title=title, description=text, occupation_id=occupation,
            leads_to=leads_to, skills_required=skills, min_swedish=swedish, driving_licences=licences,
            municipality_code=place, seats=seats, start_date=today + timedelta(weeks=weeks),
            deadline=today + timedelta(weeks=max(weeks - 1, 1))))

    ads = import_platsbanken_ads(today)

    for local, name, locale, place, travel, swedish, languages, kinds, wanted, experience, about in PEOPLE:
        account = user(local, Role.JOBSEEKER, name, locale=locale) if local else None
        db.session.add(JobseekerProfile(
            user=account, full_name=name, municipality_code=place, travel_km=travel, swedish_level=swedish,
            languages=languages, wanted_kinds=kinds, wanted_occupations=wanted, experience=experience,
            skills=reference.skills_for_occupation(wanted[0])[:2], about=about, birth_year=1990,
            available_from=today + timedelta(weeks=2),
            caseworker=caseworkers.get(place)))
    # The municipal contact each jobseeker sees ("who to ask"); the administrator edits it on the settings page.
    for code, (team, phone, email_local, hours) in DEMO_CONTACTS.items():
        settings = db.session.get(MunicipalitySettings, code) or MunicipalitySettings(municipality_code=code)
        settings.contact_name, settings.contact_phone, settings.contact_hours = team, phone, hours
        settings.contact_email = f"{email_local}@{DEMO_DOMAIN}"
        db.session.add(settings)
    for profile in db.session.scalars(select(JobseekerProfile).where(JobseekerProfile.full_name.in_(OWN_SCRIPT_NAMES))):
        profile.name_own_script = OWN_SCRIPT_NAMES[profile.full_name]
    db.session.commit()
    _seed_recruitment_day(today, caseworkers.get(VASTERAS))
    from app.services.demo_competence import seed_small  # needs, goals and a planner (issue 18)

    seed_small(today, admin.id, user)
    db.session.commit()
    return {"organisations": len(organisations), "opportunities": len(OPPORTUNITIES) + ads, "people": len(PEOPLE)}


def _seed_recruitment_day(today: date, caseworker) -> None:
    """One upcoming recruitment day in Västerås with two employers' places; the school's programmes get a kind."""
    from datetime import time

    from app.models import RecruitmentDay, RecruitmentSlot

    for programme in db.session.scalars(select(Opportunity).where(Opportunity.kind == "vocational_programme",
                                                                  Opportunity.external_id.is_(None))):
        programme.programme_kind = programme.programme_kind or "yrkesvux"
        programme.study_finance = programme.study_finance or "CSN: studiebidrag och studielån, eller studiestartsstöd."
    places, employers = [], set()
    for place in db.session.scalars(select(Opportunity).join(Organisation).where(
            Opportunity.municipality_code == VASTERAS, Organisation.kind == OrganisationKind.EMPLOYER)
            .order_by(Opportunity.external_id.is_not(None), Opportunity.id)):
        if place.organisation_id not in employers and len(employers) < 2:
            employers.add(place.organisation_id)
            places.append(place)
    event = RecruitmentDay(
        municipality_code=VASTERAS, title="Rekryteringsträff industri och lager", day=today + timedelta(weeks=3),
        venue="Västerås stadshus, Rådhussalen", address="Fiskartorget 2, 722 15 Västerås",
        accessibility="Entré utan trappsteg från Fiskartorget, hiss, hörslinga och ett tyst rum. Buss 1 och 2 "
                      "stannar vid Stora torget, 200 meter bort.",
        capacity=40, created_by_id=caseworker.id if caseworker else None)
    event.slots = [RecruitmentSlot(starts=time(9), ends=time(10, 30)), RecruitmentSlot(starts=time(10, 30), ends=time(12)),
                   RecruitmentSlot(starts=time(13), ends=time(14, 30))]
    event.places = places
    db.session.add(event)
    db.session.commit()


def import_platsbanken_ads(today: date | None = None) -> int:
    """The real ads (published 2025-09) as open jobs, deadlines moved so that the sample is current."""
    report = ImportReport()
    upsert_ad_records(iter_platsbanken_ads(), report, today=today, shift_deadlines=True)
    return report.added
