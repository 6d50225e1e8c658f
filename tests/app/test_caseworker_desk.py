"""The caseworker's daily desk: caseload, profiles kept for people without e-mail, notes, the review queue
(order, skip, bulk decisions, shortcuts), follow-ups of hires, and other municipalities' cases being 404."""
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, JobseekerProfile, Match, MatchEvent, MatchStatus, Role
from app.models.profile import NOTE_MAX_LENGTH, CaseNote
from app.services import cases
from app.services.deletion import erase_person
from app.services.people import add_note, assign
from app.services.queue import review_queue, waiting_count
from tests import factories as f
from tests.forms_under_test import CHOICE, DATE, LINES, NUMBER, ONCE_INPUT as ONCE, PAYLOADS, TEXT
from tests.conftest import csrf_token

YEAR = date.today().year
S = MatchStatus


@pytest.fixture
def caseworker():
    return f.user(Role.CASEWORKER, municipality_code=f.VASTERAS, locale="en", full_name="Karin Handläggare")


@pytest.fixture
def desk(browser, caseworker):
    browser.login(caseworker.email, f.PASSWORD)
    return browser


def _audit(action, profile) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == action, AuditEvent.profile_id == profile.id))


def _profile_answers(**changes) -> dict:
    answers = {"full_name": "Hodan Warsame", "birth_year": "1990", "municipality_code": f.VASTERAS,
               "travel_km": "25", "swedish_level": "A2", "education_level": "", "languages-0-code": "so", "languages-0-level": "native",
               "wanted_occupations": "Lagerarbetare/Terminalarbetare",
               "about": "Waxaan ka shaqeeyay bakhaar Muqdisho."}
    answers.update(changes)
    return answers


def test_a_person_or_a_note_sent_twice_is_saved_once(desk):
    """A double click or a resend after a slow answer: the one-time token in the form (app/guards/once.py)."""
    def with_token(url: str, **answers) -> dict:
        page = desk.get(url).get_data(as_text=True)
        return {"csrf_token": csrf_token(page), "once": ONCE.search(page).group(1), **answers}

    person = with_token("/caseworker/people/new", **_profile_answers(full_name="Dubbel Klick"))
    assert [desk.post("/caseworker/people/new", data=person).status_code for _ in range(2)] == [302, 302]
    (profile,) = db.session.scalars(select(JobseekerProfile).where(JobseekerProfile.full_name == "Dubbel Klick"))
    page = f"/caseworker/people/{profile.id}"
    note = with_token(page, text="Ringde, kommer på tisdag.")
    assert [desk.post(f"{page}/notes", data=note).status_code for _ in range(2)] == [302, 302]
    empty_first = with_token(page, text="")
    assert desk.post(f"{page}/notes", data=empty_first).status_code == 200  # not saved, token not used up
    assert desk.post(f"{page}/notes", data={**empty_first, "text": "Har fått truckkort."}).status_code == 302
    assert sorted(db.session.scalars(select(CaseNote.text).where(CaseNote.profile_id == profile.id))) == [
        "Har fått truckkort.", "Ringde, kommer på tisdag."]


# Caseload ---------------------------------------------------------------------------------------------


def test_take_on_a_person_puts_them_in_my_caseload_only(desk, caseworker):
    colleague = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    mine, theirs = f.profile(f.user(), full_name="Amal Hassan"), f.profile(f.user(), full_name="Bo Berg")
    theirs.caseworker_id = colleague.id
    db.session.commit()
    assert "Amal Hassan" not in desk.get("/caseworker/caseload").get_data(as_text=True)
    response = desk.submit(f"/caseworker/people/{mine.id}/take-on", page=f"/caseworker/people/{mine.id}")
    assert response.status_code == 302
    assert db.session.get(JobseekerProfile, mine.id).caseworker_id == caseworker.id
    page = desk.get("/caseworker/caseload").get_data(as_text=True)
    assert "Amal Hassan" in page and "Bo Berg" not in page
    assert _audit("caseworker_list", mine) >= 1  # the caseload is a list of people: logged like the others


def test_assign_to_a_colleague_of_the_same_municipality_only(desk):
    colleague = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS, full_name="Colleague Same")
    elsewhere = f.user(Role.CASEWORKER, municipality_code=f.ESKILSTUNA, full_name="Colleague Elsewhere")
    person = f.profile(f.user())
    page = desk.get(f"/caseworker/people/{person.id}").get_data(as_text=True)
    assert "Colleague Same" in page and "Colleague Elsewhere" not in page
    url = f"/caseworker/people/{person.id}/assign"
    assert desk.submit(url, {"caseworker": elsewhere.id}, page=f"/caseworker/people/{person.id}").status_code == 400
    assert db.session.get(JobseekerProfile, person.id).caseworker_id is None
    assert desk.submit(url, {"caseworker": colleague.id}, page=f"/caseworker/people/{person.id}").status_code == 302
    assert db.session.get(JobseekerProfile, person.id).caseworker_id == colleague.id


def test_a_caseload_never_crosses_municipalities(caseworker):
    person = f.profile(f.user(), municipality_code=f.ESKILSTUNA)
    with pytest.raises(PermissionError):
        assign(person, caseworker, caseworker)


# Profiles kept on a person's behalf ------------------------------------------------------------------


def test_create_and_edit_a_profile_for_a_person_without_e_mail(desk, caseworker):
    response = desk.submit("/caseworker/people/new", _profile_answers())
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    person = db.session.scalar(select(JobseekerProfile).where(JobseekerProfile.full_name == "Hodan Warsame"))
    assert person.user_id is None and person.email is None
    assert person.caseworker_id == caseworker.id  # the creator keeps the case
    assert person.languages == [{"code": "so", "level": "native"}]
    assert person.wanted_occupations == [f.WAREHOUSE_WORKER]
    page = desk.get(f"/caseworker/people/{person.id}").get_data(as_text=True)
    # The person's own words are marked with their language, the direction left to the text.
    # (the words the matcher read are highlighted inside it: <mark>)
    assert '<p dir="auto" lang="so" class="own-words">Waxaan ka shaqeeyay bakhaar Muqdisho.</p>' in re.sub(
        r"</?mark>", "", page)

    edit = f"/caseworker/people/{person.id}/edit"
    assert desk.get(edit).status_code == 200
    assert desk.submit(edit, _profile_answers(travel_km="60", full_name="Hodan W.")).status_code == 302
    person = db.session.get(JobseekerProfile, person.id)
    assert (person.travel_km, person.full_name) == (60, "Hodan W.")
    assert _audit("caseworker_edit_profile", person) == 2


def test_a_caseworker_adds_people_to_their_own_municipality_only(desk):
    response = desk.submit("/caseworker/people/new", _profile_answers(municipality_code=f.ESKILSTUNA))
    assert response.status_code == 200  # the form again, with the error
    assert db.session.scalar(select(func.count()).select_from(JobseekerProfile)) == 0
    page = desk.get("/caseworker/people/new").get_data(as_text=True)
    assert f'value="{f.VASTERAS}"' in page and f'value="{f.ESKILSTUNA}"' not in page


def test_a_person_with_an_account_keeps_their_own_profile(desk):
    person = f.profile(f.user())
    response = desk.get(f"/caseworker/people/{person.id}/edit", follow_redirects=True)
    assert "This person has an account and keeps their own profile." in response.get_data(as_text=True)
    response = desk.submit(f"/caseworker/people/{person.id}/edit", _profile_answers(), page="/caseworker/people")
    assert response.status_code == 302
    assert db.session.get(JobseekerProfile, person.id).full_name != "Hodan Warsame"


# Notes ----------------------------------------------------------------------------------------------


def test_notes_are_shown_newest_first_and_logged(desk, caseworker):
    person = f.profile(f.user())
    page = f"/caseworker/people/{person.id}"
    for text in ("Första mötet: vill jobba på lager.\r\nNästa möte: <b>tisdag</b>", "ملاحظة: يحتاج إلى رخصة قيادة"):
        assert desk.submit(f"{page}/notes", {"text": text}, page=page).status_code == 302
    notes = db.session.scalars(select(CaseNote).where(CaseNote.profile_id == person.id)).all()
    assert {n.author_id for n in notes} == {caseworker.id}
    html = desk.get(page).get_data(as_text=True)
    assert html.index("ملاحظة") < html.index("Första mötet")  # newest first
    assert "Första mötet: vill jobba på lager.<br>Nästa möte: &lt;b&gt;tisdag&lt;/b&gt;</p>" in html  # lines kept, escaped
    assert '<p dir="auto" class="note">ملاحظة: يحتاج إلى رخصة قيادة</p>' in html
    assert _audit("caseworker_add_note", person) == 2
    assert _audit("caseworker_view_profile", person) >= 3  # each page showing the notes is a logged read


@pytest.mark.parametrize("text", ["", "   ", "x" * (NOTE_MAX_LENGTH + 1)])
def test_empty_or_too_long_notes_are_refused(desk, text):
    person = f.profile(f.user())
    page = f"/caseworker/people/{person.id}"
    response = desk.submit(f"{page}/notes", {"text": text}, page=page)
    assert response.status_code == 200 and 'class="error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(CaseNote)) == 0


def test_a_note_at_the_limit_is_kept(desk):
    person = f.profile(f.user())
    page = f"/caseworker/people/{person.id}"
    assert desk.submit(f"{page}/notes", {"text": "ä" * NOTE_MAX_LENGTH}, page=page).status_code == 302
    assert len(db.session.scalar(select(CaseNote.text))) == NOTE_MAX_LENGTH


# Review queue -------------------------------------------------------------------------------------


def _suggest(score, minutes_ago, name=None, birth_year=1990, opp=None):
    m = f.match(f.profile(f.user(), full_name=name or f"Person {score} {minutes_ago}", birth_year=birth_year),
                opp or f.opportunity(), score=score)
    m.created_at = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
    db.session.commit()
    return m


def test_queue_order_best_band_first_then_longest_waiting(caseworker):
    best = _suggest(0.91, 1)
    old_good = _suggest(0.71, 300)  # same 0.05 band as new_good, but waited longer
    new_good = _suggest(0.74, 5)
    weak = _suggest(0.30, 900)  # waiting longest, but clearly weaker
    elsewhere = f.match(f.profile(f.user(), municipality_code=f.ESKILSTUNA), f.opportunity(), score=0.99)
    order = [m.id for m in review_queue(caseworker)]
    assert order == [best.id, old_good.id, new_good.id, weak.id]
    assert waiting_count(caseworker) == 4
    assert elsewhere.id not in order
    # Skipped suggestions go last, in the order they were skipped.
    assert [m.id for m in review_queue(caseworker, [best.id, weak.id])] == [old_good.id, new_good.id, best.id, weak.id]


def test_skip_moves_the_card_to_the_end_without_changing_the_case(desk):
    first, second = _suggest(0.9, 1, "Först Person"), _suggest(0.5, 1, "Andra Person")
    page = desk.get("/caseworker/").get_data(as_text=True)
    assert page.index("Först Person") < page.index("Andra Person")
    assert "2 suggestions are waiting for a decision." in page
    assert desk.submit(f"/caseworker/matches/{first.id}/skip", page="/caseworker/").status_code == 302
    page = desk.get("/caseworker/").get_data(as_text=True)
    assert page.index("Andra Person") < page.index("Först Person")
    assert db.session.get(Match, first.id).status == S.SUGGESTED
    assert db.session.scalar(select(func.count()).select_from(MatchEvent)) == 0


def test_queue_shows_explanation_in_my_language_and_own_words_in_theirs(desk):
    person = f.profile(f.user(locale="ar"), about="أريد العمل في المستودع", full_name="Amal")
    f.match(person, f.opportunity(), explanation={"blocks": {"skills": 0.6, "text": 0.4}, "checks": ["distance"],
                                                  "matched_skills": [], "missing_skills": [], "distance_km": 4.2})
    page = desk.get("/caseworker/").get_data(as_text=True)
    assert "Share of the score: skills 60% and description and experience 40%." in page
    assert "Checked: the place is within the person&#39;s travel distance." in page
    assert '<p dir="auto" lang="ar" class="own-words">أريد العمل في المستودع</p>' in page
    # The shortcuts are listed on the page and the script that runs them is loaded from a file (CSP).
    assert "<kbd>j</kbd>" in page and "<kbd>x</kbd>" in page and "/static/queue.js" in page


def test_bulk_approve_skips_minors_and_says_so(desk, caseworker):
    adults = [_suggest(0.8, 1, f"Vuxen {i}") for i in range(2)]
    minor = _suggest(0.9, 1, "Ung Person", birth_year=YEAR - 16)
    seventeen = _suggest(0.9, 1, "Sjutton År", birth_year=YEAR - 17)
    ids = [m.id for m in adults + [minor, seventeen]]
    response = desk.submit("/caseworker/matches/bulk", {"action": "approved", "match_id": ids},
                           page="/caseworker/", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "2 decisions are saved." in page
    assert "2 people under 18 were not approved" in page
    statuses = {m.id: db.session.get(Match, m.id).status for m in adults + [minor, seventeen]}
    assert statuses == {adults[0].id: S.APPROVED, adults[1].id: S.APPROVED,
                        minor.id: S.SUGGESTED, seventeen.id: S.SUGGESTED}
    events = db.session.scalars(select(MatchEvent)).all()
    assert {(e.match_id, e.actor_id, e.to_status) for e in events} == {(a.id, caseworker.id, S.APPROVED) for a in adults}
    # The individual, ticked approval still works for the minor.
    desk.submit(f"/caseworker/matches/{minor.id}/decide", {"decision": "approved", "minor_checked": "y"},
                page="/caseworker/")
    assert db.session.get(Match, minor.id).status == S.APPROVED


def test_bulk_reject_needs_a_reason_and_records_it(desk):
    a, b = _suggest(0.8, 1), _suggest(0.7, 1, birth_year=YEAR - 16)
    ids = [a.id, b.id]
    desk.submit("/caseworker/matches/bulk", {"action": "rejected", "match_id": ids}, page="/caseworker/")
    assert {db.session.get(Match, i).status for i in ids} == {S.SUGGESTED}
    desk.submit("/caseworker/matches/bulk", {"action": "rejected", "reason": "travel", "note": "För långt",
                                             "match_id": ids}, page="/caseworker/")
    for i in ids:  # rejecting a minor in bulk is fine: only approval needs the individual check
        match = db.session.get(Match, i)
        assert (match.status, match.reason_code, match.events[-1].note) == (S.REJECTED, "travel", "För långt")


def test_bulk_reads_only_plain_ids():
    from app.services.queue import parse_ids
    assert parse_ids(["12", "٣", "²", "1e3", "-4", "", "99999999999", " 7", "8"]) == [12, 8]


def test_bulk_leaves_out_other_municipalities_and_decided_cases(desk):
    elsewhere = f.match(f.profile(f.user(), municipality_code=f.ESKILSTUNA), f.opportunity())
    decided = _suggest(0.5, 1)
    decided.status = S.REJECTED
    db.session.commit()
    response = desk.submit("/caseworker/matches/bulk", {"action": "approved", "match_id": [elsewhere.id, decided.id]},
                           page="/caseworker/", follow_redirects=True)
    assert "Tick at least one suggestion first." in response.get_data(as_text=True)
    assert db.session.get(Match, elsewhere.id).status == S.SUGGESTED
    assert db.session.get(Match, decided.id).status == S.REJECTED


# Follow-ups -------------------------------------------------------------------------------------------


def _placed(months_ago_days: int, status=S.PLACED, municipality=f.VASTERAS, name=None):
    m = f.match(f.profile(f.user(), municipality_code=municipality, full_name=name or f"Anställd {months_ago_days}"),
                f.opportunity(), status=status)
    at = datetime.now(timezone.utc) - timedelta(days=months_ago_days)
    db.session.add(MatchEvent(match_id=m.id, from_status=S.INTERVIEW, to_status=S.PLACED, at=at))
    db.session.commit()
    return m


def test_follow_ups_due_after_3_and_6_months(caseworker):
    today = date.today()
    due_3 = _placed(100)
    not_yet = _placed(80)
    done_3_not_6 = _placed(150, status=S.FOLLOWED_UP_3M)
    due_6 = _placed(190, status=S.FOLLOWED_UP_3M)
    finished = _placed(400, status=S.FOLLOWED_UP_6M)
    elsewhere = _placed(200, municipality=f.ESKILSTUNA)
    due = [m.id for m, _at in cases.follow_ups_due(caseworker, today)]
    assert due == [due_6.id, due_3.id]  # the longest waiting first
    assert not ({not_yet.id, done_3_not_6.id, finished.id, elsewhere.id} & set(due))


def test_months_are_calendar_months():
    assert cases.months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert cases.months_before(date(2026, 3, 15), 3) == date(2025, 12, 15)
    assert cases.months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)


def test_follow_up_form_records_the_answer(desk, caseworker):
    hire = _placed(100, name="Anställd Person")
    page = desk.get("/caseworker/follow-ups").get_data(as_text=True)
    assert "Anställd Person" in page and f"/caseworker/matches/{hire.id}/follow-up" in page
    url = f"/caseworker/matches/{hire.id}/follow-up"
    assert desk.submit(url, {"note": "no answer chosen"}).status_code == 200
    assert db.session.get(Match, hire.id).status == S.PLACED
    assert desk.submit(url, {"still_working": "yes", "note": "Trivs bra"}).status_code == 302
    match = db.session.get(Match, hire.id)
    event = match.events[-1]
    assert (match.status, event.reason_code, event.note, event.actor_id) == (
        S.FOLLOWED_UP_3M, "still_working", "Trivs bra", caseworker.id)
    assert "Anställd Person" not in desk.get("/caseworker/follow-ups").get_data(as_text=True)
    assert "Follow-up after 6 months" in desk.get(url).get_data(as_text=True)  # the next one, when it is due
    assert desk.submit(url, {"still_working": "no"}).status_code == 302
    assert db.session.get(Match, hire.id).events[-1].reason_code == "not_working"
    response = desk.get(url, follow_redirects=True)  # nothing follows the 6-month follow-up
    assert "This case has no follow-up to record." in response.get_data(as_text=True)
    assert desk.submit(url, {"still_working": "yes"}).status_code == 302
    assert db.session.get(Match, hire.id).status == S.FOLLOWED_UP_6M


# Other municipalities ----------------------------------------------------------------------------------


def test_other_municipalitys_people_cases_and_notes_are_not_found(desk, caseworker):
    other_worker = f.user(Role.CASEWORKER, municipality_code=f.ESKILSTUNA)
    person = f.profile(None, municipality_code=f.ESKILSTUNA, full_name="Annan Kommun")  # no account: editable there
    db.session.add(CaseNote(profile_id=person.id, author_id=other_worker.id, text="Hemlig anteckning"))
    suggestion = f.match(person, f.opportunity())
    hire = _placed(200, municipality=f.ESKILSTUNA)
    person.caseworker_id = caseworker.id  # even a stale assignment does not open another municipality's case
    db.session.commit()
    gets = [f"/caseworker/people/{person.id}", f"/caseworker/people/{person.id}/edit",
            f"/caseworker/matches/{hire.id}/follow-up"]
    posts = {f"/caseworker/people/{person.id}/take-on": {},
             f"/caseworker/people/{person.id}/assign": {"caseworker": caseworker.id},
             f"/caseworker/people/{person.id}/notes": {"text": "Försök"},
             f"/caseworker/people/{person.id}/edit": _profile_answers(),
             f"/caseworker/matches/{suggestion.id}/skip": {},
             f"/caseworker/matches/{suggestion.id}/decide": {"decision": "approved"},
             f"/caseworker/matches/{hire.id}/follow-up": {"still_working": "yes"}}
    for url in gets:
        assert desk.get(url).status_code == 404, url
    for url, data in posts.items():
        assert desk.submit(url, data, page="/caseworker/").status_code == 404, url
    for url in ("/caseworker/", "/caseworker/caseload", "/caseworker/follow-ups", "/caseworker/people"):
        page = desk.get(url).get_data(as_text=True)
        assert "Annan Kommun" not in page and "Hemlig anteckning" not in page and hire.profile.full_name not in page
    person = db.session.get(JobseekerProfile, person.id)
    assert (person.full_name, person.caseworker_id) == ("Annan Kommun", caseworker.id)
    assert db.session.scalar(select(func.count()).select_from(CaseNote)) == 1
    assert db.session.get(Match, hire.id).status == S.PLACED
    assert db.session.get(Match, suggestion.id).status == S.SUGGESTED


def test_erasing_a_person_erases_the_notes_about_them(caseworker):
    person = f.profile(f.user())
    add_note(person, caseworker, "Anteckning som ska försvinna")
    erase_person(profile=person)
    assert db.session.scalar(select(func.count()).select_from(CaseNote)) == 0


def _selects(count_selects, browser, url) -> int:
    def page():
        assert browser.get(url).status_code == 200

    return count_selects(page)


def test_desk_pages_do_not_query_per_row(desk, caseworker, count_selects):
    """No N+1: ten more rows (each with its own person, account, opportunity and organisation) cost no query."""
    person = f.profile(f.user(), full_name="Många Ärenden")
    pages = ["/caseworker/", f"/caseworker/people/{person.id}", "/caseworker/caseload", "/caseworker/follow-ups",
             "/caseworker/people"]

    def add_rows(n):
        for i in range(n):
            _suggest(0.5, 1)
            cases.move(f.match(person, f.opportunity()), S.APPROVED, caseworker)
            f.profile(f.user(), caseworker_id=caseworker.id)
            _placed(100 + i)

    add_rows(2)
    few = [_selects(count_selects, desk, url) for url in pages]
    add_rows(10)
    assert [_selects(count_selects, desk, url) for url in pages] == few


# Bad input on the desk's forms (the payloads of tests/app/test_bad_input.py) ----------------------------

DESK_FORMS = {
    "person_new": ("/caseworker/people/new", {
        "full_name": TEXT, "phone": TEXT, "birth_year": NUMBER, "municipality_code": CHOICE, "travel_km": NUMBER,
        "swedish_level": CHOICE, "languages-0-code": CHOICE, "languages-0-level": CHOICE, "education_level": CHOICE,
        "experience-0-title": TEXT, "experience-0-years": NUMBER, "wanted_occupations": LINES, "skills": LINES,
        "driving_licences": CHOICE, "wanted_kinds": CHOICE, "available_from": DATE, "about": TEXT}),
    "person_edit": ("/caseworker/people/{person}/edit", {"full_name": TEXT, "birth_year": NUMBER, "travel_km": NUMBER,
                                                        "municipality_code": CHOICE, "about": TEXT}),
    "note": ("/caseworker/people/{person}/notes", {"text": TEXT}),
    "assign": ("/caseworker/people/{person}/assign", {"caseworker": NUMBER}),
    "bulk": ("/caseworker/matches/bulk", {"action": CHOICE, "reason": CHOICE, "note": TEXT, "match_id": NUMBER}),
    "follow_up": ("/caseworker/matches/{hire}/follow-up", {"still_working": CHOICE, "note": TEXT}),
}


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("form_name", DESK_FORMS)
def test_bad_input_never_breaks_a_desk_form(desk, form_name, payload):
    url, fields = DESK_FORMS[form_name]
    person = f.profile(None, full_name="Utan Konto")
    suggestion, hire = _suggest(0.5, 1), _placed(100)
    url = url.format(person=person.id, hire=hire.id)
    rows = lambda: [db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
                    for model in (JobseekerProfile, CaseNote, MatchEvent)]
    before = rows()
    data = {name: PAYLOADS[payload][kind] for name, kind in fields.items()}
    if form_name == "bulk" and payload != "empty":
        data["match_id"] = [data["match_id"], str(suggestion.id)]
    response = desk.submit(url, data, page="/caseworker/")
    body = response.get_data(as_text=True)
    assert response.status_code in (200, 302, 400), f"{form_name}/{payload}: {response.status_code}"
    assert "<script>alert" not in body and "onerror=alert" not in body.replace("onerror=alert(2)&gt;", "")
    if payload in ("empty", "wrong_types", "nul_byte", "html_script", "bidi_control") and form_name != "note":
        assert rows() == before, f"{form_name}/{payload} saved something"
        db.session.expire_all()
        assert (db.session.get(JobseekerProfile, person.id).caseworker_id, db.session.get(Match, hire.id).status,
                db.session.get(Match, suggestion.id).status) == (None, S.PLACED, S.SUGGESTED)
    if response.status_code == 200:
        assert 'class="error' in body or "flash-error" in body
