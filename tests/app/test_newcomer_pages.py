"""What a newcomer sees: cards that say what/where/when, reasons in the second person in their language,
choices they can undo (with a confirmation step), a timeline, no dead ends, nothing typed lost."""
import re
import time
from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Consent, FormDraft, JobseekerProfile, Match, MatchEvent, MunicipalitySettings
from tests import factories as f

VASTERAS, ESKILSTUNA = "1980", "0484"


def _seeker(locale="en", **fields):
    me = f.user(locale=locale)
    return me, f.profile(me, **fields)


def _card_page(browser, me):
    browser.login(me.email, f.PASSWORD)
    return browser.get("/me/").get_data(as_text=True)


def test_a_card_says_what_where_when_and_what_a_yes_means(browser):
    me, person = _seeker()
    db.session.add(MunicipalitySettings(municipality_code=VASTERAS, contact_name="Jobbtorget"))
    db.session.add(MunicipalitySettings(municipality_code=ESKILSTUNA, reply_working_days=7))  # where the place is
    db.session.commit()
    opp = f.opportunity(municipality_code=ESKILSTUNA, deadline=date.today() + timedelta(days=10), min_swedish="A2",
                        driving_licences=["B"], seats=3)
    f.match(person, opp, status="approved", explanation={"occupation_match": True, "matched_skills": [],
                                                         "checks": ["swedish", "licence"], "distance_km": 66.4})
    page = _card_page(browser, me)
    assert "A paid job where you learn the work on the job" in page  # the kind in plain words
    assert '<blockquote lang="sv" dir="ltr"><bdi>Plock och pack' in page  # the employer's Swedish text, marked
    assert "Eskilstuna" in page and "It is about 66 km from you." in page
    assert opp.deadline.strftime("%Y") in page and "Last day to answer" in page
    assert "3 places left" in page and "A2 – basic" in page
    assert "within 7 working days" in page  # what happens if you say yes, with the municipality's deadline
    assert "Jobbtorget" in page  # who to contact


def test_never_about_0_km_in_the_same_municipality(browser):
    me, person = _seeker()
    f.match(person, f.opportunity(), status="approved", explanation={"distance_km": 0.0, "checks": []})
    page = _card_page(browser, me)
    assert "It is in your municipality." in page and "0 km" not in page


def test_reasons_are_in_the_second_person_and_only_what_both_share(browser):
    me, person = _seeker(locale="ar")
    opp = f.opportunity()
    skills = ["s1", "s2", "s3", "s4", "s5"]
    f.match(person, opp, status="approved", explanation={
        "occupation_match": True, "matched_skills": [], "missing_skills": skills, "checks": ["swedish"],
        "distance_km": 2.0})
    page = _card_page(browser, me)
    reasons = re.search(r'<ul class="reasons">(.*?)</ul>', page, re.S).group(1)
    assert "s4" not in reasons  # the place's skill list is not dumped
    # Outside <bdi lang="sv">, nothing in Latin letters: the Swedish term is isolated and marked.
    outside = re.sub(r'<bdi lang="sv"[^>]*>.*?</bdi>', "", reasons)
    assert not re.search(r"[A-Za-zÅÄÖåäö]{3,}", re.sub(r"<[^>]+>", "", outside)), outside


def test_saying_no_asks_first_and_can_be_undone_while_the_place_is_open(browser):
    me, person = _seeker()
    opp = f.opportunity(deadline=date.today() + timedelta(days=5))
    match = f.match(person, opp, status="approved")
    browser.login(me.email, f.PASSWORD)
    first = browser.submit(f"/me/matches/{match.id}/respond", {"answer": "no"}, page="/me/")
    assert first.status_code == 302 and "/confirm/no" in first.headers["Location"]
    assert db.session.get(Match, match.id).status == "approved"  # nothing happened without the confirmation
    confirm = browser.get(first.headers["Location"]).get_data(as_text=True)
    assert "Are you sure?" in confirm and 'name="confirmed" value="1"' in confirm
    browser.submit(f"/me/matches/{match.id}/respond", {"answer": "no", "confirmed": "1"}, page="/me/")
    assert db.session.get(Match, match.id).status == "declined"
    browser.submit(f"/me/matches/{match.id}/respond", {"answer": "yes"}, page="/me/")
    assert db.session.get(Match, match.id).status == "introduced"
    # withdraw → confirm → yes again, every change in the case history
    assert "/confirm/withdraw" in browser.submit(f"/me/matches/{match.id}/withdraw", page="/me/").headers["Location"]
    browser.submit(f"/me/matches/{match.id}/withdraw", {"confirmed": "1"}, page="/me/")
    assert db.session.get(Match, match.id).status == "declined"
    browser.submit(f"/me/matches/{match.id}/respond", {"answer": "yes"}, page="/me/")
    assert db.session.get(Match, match.id).status == "introduced"
    moves = [(e.from_status, e.to_status) for e in db.session.scalars(
        select(MatchEvent).where(MatchEvent.match_id == match.id).order_by(MatchEvent.id))]
    assert moves == [("approved", "declined"), ("declined", "introduced"), ("introduced", "declined"),
                     ("declined", "introduced")]
    assert db.session.scalar(select(Opportunity_seats(opp.id))) == 1
    consents = db.session.scalars(select(Consent).where(Consent.match_id == match.id)).all()
    assert [c.withdrawn_at is None for c in consents] == [False, True]


def Opportunity_seats(opportunity_id):
    from app.models import Opportunity
    return select(Opportunity.seats_taken).where(Opportunity.id == opportunity_id).scalar_subquery()


def test_no_yes_again_once_the_place_has_closed(browser):
    me, person = _seeker()
    opp = f.opportunity(deadline=date.today() - timedelta(days=1))
    match = f.match(person, opp, status="declined")
    browser.login(me.email, f.PASSWORD)
    page = browser.get("/me/").get_data(as_text=True)
    assert "Yes, introduce me after all" not in page
    response = browser.submit(f"/me/matches/{match.id}/respond", {"answer": "yes"}, page="/me/", follow_redirects=True)
    assert "no longer open" in response.get_data(as_text=True)
    assert db.session.get(Match, match.id).status == "declined"


def test_my_applications_shows_the_journey_and_what_comes_next(browser):
    me, person = _seeker()
    match = f.match(person, f.opportunity(deadline=date.today() + timedelta(days=9)), status="approved")
    browser.login(me.email, f.PASSWORD)
    browser.submit(f"/me/matches/{match.id}/respond", {"answer": "yes"}, page="/me/")
    page = browser.get("/me/applications").get_data(as_text=True)
    assert "You said yes" in page and "The employer has your name and contact details" in page
    assert "The employer should contact you by" in page
    assert 'aria-current="page"' in page  # the current page is marked in the menu


def test_after_saving_the_profile_the_person_is_told_what_happens_now(browser):
    me, _ = _seeker()
    db.session.add(MunicipalitySettings(municipality_code=VASTERAS, contact_name="Jobbtorget Västerås",
                                        contact_phone="+46101234501", contact_hours="Mån–fre 9–12"))
    db.session.commit()
    page = _card_page(browser, me)
    assert "What happens now" in page and "within two weeks" in page
    assert "Jobbtorget Västerås" in page and "+46101234501" in page


def _profile_form(**overrides):
    data = {"full_name": "Amal Hassan", "municipality_code": VASTERAS, "travel_km": "30",
            "wanted_occupations": "Lagerarbetare\nيسوق الرافعة الشوكية", "skills": "", "about": ""}
    data.update(overrides)
    return data


def test_words_the_list_does_not_know_are_kept_as_the_persons_own(browser, app):
    me = f.user(locale="ar")
    browser.login(me.email, f.PASSWORD)
    response = browser.submit("/me/profile", _profile_form())
    assert response.status_code == 302
    person = db.session.scalar(select(JobseekerProfile).where(JobseekerProfile.user_id == me.id))
    assert person.wanted_occupations and person.own_occupations == ["يسوق الرافعة الشوكية"]
    assert "يسوق الرافعة الشوكية" in browser.get("/me/profile").get_data(as_text=True)  # shown back
    from app.services.matching import seeker_record
    assert "يسوق الرافعة الشوكية" in seeker_record(person).about  # the matcher reads it as text


def test_the_name_is_in_latin_letters_with_an_optional_own_script_name(browser):
    me = f.user(locale="ar")
    browser.login(me.email, f.PASSWORD)
    refused = browser.submit("/me/profile", _profile_form(full_name="أمل حسن"))
    assert refused.status_code == 200 and "A–Z" in refused.get_data(as_text=True)
    browser.submit("/me/profile", _profile_form(full_name="Amal Hassan", name_own_script="أمل حسن"))
    person = db.session.scalar(select(JobseekerProfile).where(JobseekerProfile.user_id == me.id))
    assert (person.full_name, person.name_own_script) == ("Amal Hassan", "أمل حسن")


def test_a_language_switch_keeps_what_was_typed_and_the_step(browser):
    me = f.user(locale="en")
    browser.login(me.email, f.PASSWORD)
    token = browser.token("/me/profile")
    response = browser.post("/language/ar?next=/me/profile", data={
        "csrf_token": token, "_draft": "profile", "_step": "2", **_profile_form(about="Typed, not saved"),
        "password": "never-kept"})
    assert response.headers["Location"].endswith("/me/profile")
    page = browser.get("/me/profile").get_data(as_text=True)
    assert 'lang="ar"' in page and "Typed, not saved" in page and 'data-start-step="2"' in page
    assert "never-kept" not in str(db.session.scalars(select(FormDraft.data)).all())


def test_registration_typed_before_a_language_switch_is_kept(browser):
    token = browser.token("/auth/register")
    browser.post("/language/ti?next=/auth/register", data={
        "csrf_token": token, "_draft": "register", "full_name": "Selam Tesfaye", "email": "selam@example.org",
        "password": "secret-Password-1", "confirm": "secret-Password-1", "locale": "sv"})
    page = browser.get("/auth/register").get_data(as_text=True)
    assert 'value="Selam Tesfaye"' in page and 'value="selam@example.org"' in page
    assert "secret-Password-1" not in page
    assert re.search(r'<option selected value="ti">|<option value="ti" selected>', page)


def test_a_session_that_ran_out_keeps_the_draft_and_returns_to_the_form(browser, client):
    me = f.user(locale="so")
    browser.login(me.email, f.PASSWORD)
    token = browser.token("/me/profile")
    with client.session_transaction() as session:
        session["seen_at"] = time.time() - 31 * 60
    response = browser.post("/me/profile", data={"csrf_token": token, "_draft": "profile", "_step": "3",
                                                 **_profile_form(about="Qoraal aan la kaydin")})
    assert response.status_code == 302 and "next=/me/profile" in response.headers["Location"].replace("%2F", "/")
    login = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert 'lang="so"' in login  # the login page stays in the person's language
    assert db.session.scalar(select(JobseekerProfile).where(JobseekerProfile.user_id == me.id)) is None
    back = browser.submit("/auth/login?next=/me/profile", {"email": me.email, "password": f.PASSWORD},
                          page="/auth/login")
    assert back.headers["Location"].endswith("/me/profile")
    page = browser.get("/me/profile").get_data(as_text=True)
    assert "Qoraal aan la kaydin" in page and 'data-start-step="3"' in page


def test_education_levels_are_in_order_of_level_and_translated(browser):
    me = f.user(locale="en")
    browser.login(me.email, f.PASSWORD)
    page = browser.get("/me/profile").get_data(as_text=True)
    select_html = re.search(r'<select[^>]*id="education_level".*?</select>', page, re.S).group(0)
    names = re.findall(r'<option[^>]*value="[^"]+"[^>]*>([^<]+)</option>', select_html)
    assert names[0].startswith("No school") and names[-1] == "Doctorate (PhD)" and len(names) == 7
    assert "Forskarutbildning" not in select_html


def test_footer_help_and_accessibility_statement_in_every_locale(client):
    from app.presentation.i18n import SUPPORTED_LOCALES
    for locale in SUPPORTED_LOCALES:
        with client.session_transaction() as session:
            session["locale"] = locale
        page = client.get("/accessibility").get_data(as_text=True)
        assert f'lang="{locale.replace("_", "-")}"' in page and "Tillgänglighetsredogörelse" in page
        assert client.get("/help").status_code == 200


def test_the_logged_out_page_stays_in_the_persons_language(browser):
    me = f.user(locale="ti")
    browser.login(me.email, f.PASSWORD)
    page = browser.submit("/auth/logout", page="/me/profile", follow_redirects=True).get_data(as_text=True)
    assert 'lang="ti"' in page


def test_the_caseworker_sees_the_persons_own_words(browser):
    from app.models import Role
    caseworker = f.user(Role.CASEWORKER, municipality_code=VASTERAS)
    person = f.profile(f.user(), own_occupations=["ሸፈር"], own_skills=["يسوق الرافعة الشوكية"])
    browser.login(caseworker.email, f.PASSWORD)
    page = browser.get(f"/caseworker/people/{person.id}").get_data(as_text=True)
    assert "ሸፈር" in page and "يسوق الرافعة الشوكية" in page


def test_arabic_counts_take_the_cldr_form(app):
    from flask_babel import force_locale, ngettext
    with app.test_request_context(), force_locale("ar"):
        forms = {n: ngettext("%(num)s place left", "%(num)s places left", n) for n in (1, 2, 3, 11, 100)}
    assert forms[1] == "بقي مكان واحد (1)" and forms[2] == "بقي مكانان (2)"
    assert forms[3] == "بقيت 3 أماكن" and forms[11] == "بقي 11 مكانًا" and forms[100] == "بقي 100 مكان"


def test_swedish_beside_shows_each_reason_and_card_fact_in_swedish_too(browser):
    me, person = _seeker(locale="ar")
    f.match(person, f.opportunity(), status="approved", explanation={"distance_km": 0.0, "checks": ["swedish"]})
    browser.login(me.email, f.PASSWORD)
    assert "Det ligger i din kommun." not in browser.get("/me/").get_data(as_text=True)
    browser.submit("/me/swedish-beside", {"on": "1", "next": "/me/"}, page="/me/")
    page = browser.get("/me/").get_data(as_text=True)
    assert '<span class="sv-beside" lang="sv" dir="ltr"><bdi>Det ligger i din kommun.</bdi></span>' in page
    assert "Din svenska är på den nivå som krävs." in page and 'aria-pressed="true"' in page
    data = browser.get("/me/data").get_data(as_text=True)
    assert '(<bdi>Resavstånd</bdi>)' in data or "sv-beside" in data  # the profile summary too
