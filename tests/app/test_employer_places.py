"""Employers and schools: a place's life, one place per form, past dates, outcomes, reply deadlines (with a fake
clock), recruitment days, registration that helps (Swedish order, phone numbers) and "leads to" search."""
import re
from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (Match, MatchEvent, MunicipalitySettings, Notice, Opportunity, RecruitmentInterest, Role,
                        User)
from app.services import opportunities as places, recruitment, replies
from app.services.candidates import candidate_reference
from app.services.collation import sorted_swedish, swedish_fallback_key
from app.services.phone import to_e164
from tests import factories as f
from tests.conftest import csrf_token

ONCE = re.compile(r'name="once" type="hidden" value="([^"]+)"|name="once" value="([^"]+)"')
SOON = date.today() + timedelta(days=30)


def _place_form(browser, url="/organisation/opportunities/new", **answers):
    response = browser.get(url, follow_redirects=True)
    page = response.get_data(as_text=True)
    once = ONCE.search(page)
    data = {"csrf_token": csrf_token(page), "once": once.group(1) or once.group(2), "kind": "trainee_job",
            "title": "Trainee lager", "description": "Plock och pack.", "occupation": "", "skills_required": "",
            "min_swedish": "A2", "municipality_code": f.VASTERAS, "seats": "2", "start_date": str(SOON),
            "deadline": str(SOON - timedelta(days=7)), "submit": "Publicera"}
    data.update(answers)
    return response.request.path + "?" + response.request.query_string.decode(), data


def _count(title="Trainee lager") -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Opportunity).where(Opportunity.title == title))


@pytest.fixture
def employer(browser):
    org = f.organisation(municipality_code=f.ESKILSTUNA)
    person = f.member(org)
    browser.login(person.email, f.PASSWORD)
    return person


def test_the_form_starts_from_the_organisations_municipality(browser, employer):
    page = browser.get("/organisation/opportunities/new", follow_redirects=True).get_data(as_text=True)
    assert re.search(rf'<option selected value="{f.ESKILSTUNA}">|<option value="{f.ESKILSTUNA}" selected', page)


def test_back_then_publish_again_changes_the_same_place(browser, employer):
    url, data = _place_form(browser)
    first = browser.post(url, data=data)
    assert first.status_code == 302
    # Back: the browser loads the form's address again (its key is in it) and sends what was typed.
    back = browser.get(url)
    assert back.status_code == 302 and "/edit" in back.headers["Location"]
    again = browser.post(url, data=data)
    assert again.status_code == 302 and again.headers["Location"] == first.headers["Location"]
    assert _count() == 1
    # A new place on purpose (the menu's "Post an opportunity") gets a new key and is a second place.
    url2, data2 = _place_form(browser)
    assert data2["once"] != data["once"]
    assert browser.post(url2, data=data2).status_code == 302
    assert _count() == 2


def test_a_draft_is_not_published_until_asked(browser, employer):
    url, data = _place_form(browser)
    data.pop("submit")
    browser.post(url, data={**data, "save_draft": "Spara som utkast"})
    place = db.session.scalar(select(Opportunity))
    assert place.status == "draft" and place.published_at is None
    browser.post(url, data=data)  # the same form, now Publish
    db.session.refresh(place)
    assert place.status == "open" and place.published_at is not None and _count() == 1


@pytest.mark.parametrize("field", ["start_date", "deadline"])
def test_a_date_in_the_past_is_refused_with_a_clear_message(browser, employer, field):
    url, data = _place_form(browser, **{field: "2020-03-01"})
    if field == "start_date":
        data["deadline"] = ""
    response = browser.post(url, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and _count() == 0
    assert "har passerat" in page  # "… has passed. Choose today or a later day"


def test_close_and_reopen(browser, employer):
    place = f.opportunity(employer.organisation, deadline=SOON)
    page = f"/organisation/opportunities/{place.id}"
    assert browser.submit(f"{page}/close", page=page).status_code == 302
    db.session.refresh(place)
    assert place.status == "closed" and place.closed_reason == "by_organisation"
    assert browser.submit(f"{page}/reopen", page=page).status_code == 302
    db.session.refresh(place)
    assert place.status == "open" and place.closed_at is None


def test_the_daily_run_closes_places_past_their_deadline_or_full_and_reopening_asks_for_a_change(app):
    org = f.organisation()
    late = f.opportunity(org, deadline=date(2026, 3, 1), start_date=date(2026, 4, 1))
    full = f.opportunity(org, seats=1, seats_taken=1)
    open_ = f.opportunity(org, deadline=date(2026, 3, 10))
    counts = places.close_finished(date(2026, 3, 2))
    assert counts == {"deadline_passed": 1, "seats_filled": 1}
    for place in (late, full, open_):
        db.session.refresh(place)
    assert (late.status, late.closed_reason) == ("closed", "deadline_passed")
    assert (full.status, full.closed_reason) == ("closed", "seats_filled")
    assert open_.status == "open"
    with pytest.raises(places.CannotReopen, match="deadline"):
        places.reopen(late, today=date(2026, 3, 2))
    with pytest.raises(places.CannotReopen, match="seats"):
        places.reopen(full, today=date(2026, 3, 2))


def test_a_new_place_from_an_earlier_one_keeps_the_text_not_the_dates(browser, employer):
    earlier = f.opportunity(employer.organisation, title="Trainee lager", start_date=SOON)
    page = browser.get(f"/organisation/opportunities/new?from={earlier.id}", follow_redirects=True).get_data(as_text=True)
    assert "Trainee lager" in page and "Plock och pack på lager" in page and str(SOON) not in page


def test_the_place_page_shows_what_jobseekers_see_and_opaque_references(browser, employer):
    place = f.opportunity(employer.organisation, min_swedish="B1", driving_licences=["B"], deadline=SOON)
    m = f.match(f.profile(f.user()), place, status="approved")
    page = browser.get(f"/organisation/opportunities/{place.id}").get_data(as_text=True)
    for shown in ("Plock och pack på lager", "B1", "Västerås", "0 / 2", candidate_reference(m)):
        assert shown in page
    assert f"Kandidat {m.id}<" not in page
    other_org = f.opportunity(f.organisation())
    m2 = f.match(m.profile, other_org, status="approved")
    assert candidate_reference(m2) != candidate_reference(m)  # per organisation: nothing to compare between them


def test_the_outcome_has_no_default_and_nothing_is_recorded_without_a_choice(browser, employer):
    place = f.opportunity(employer.organisation)
    m = f.match(f.profile(f.user()), place, status="introduced")
    page = browser.get(f"/organisation/opportunities/{place.id}").get_data(as_text=True)
    assert 'type="radio"' in page and "checked" not in page.split("record_outcome")[0][-1:] \
        and not re.search(r'name="outcome"[^>]*checked', page)
    response = browser.submit(f"/organisation/candidates/{m.id}/outcome", {}, page=f"/organisation/opportunities/{place.id}")
    assert response.status_code == 302
    db.session.refresh(m)
    assert m.status == "introduced"


# ---------------------------------------------------------------- answers on time (a fake clock: `today`)

def test_working_days_skip_weekends_and_swedish_holidays():
    assert replies.add_working_days(date(2026, 12, 18), 10) == date(2027, 1, 8)  # jul, nyår, trettondagen
    assert replies.add_working_days(date(2026, 6, 17), 2) == date(2026, 6, 22)  # midsommarafton is off
    assert not replies.is_working_day(date(2026, 4, 6))  # annandag påsk


def _introduced(on: date, municipality=f.VASTERAS, locale="ar"):
    org = f.organisation()
    member = f.member(org)
    person = f.profile(f.user(locale=locale), municipality_code=municipality)
    m = f.match(person, f.opportunity(org), status="introduced")
    at = datetime.combine(on, time(10), tzinfo=timezone.utc)
    db.session.add(MatchEvent(match=m, from_status="approved", to_status="introduced", at=at))
    db.session.commit()
    return m, member


def test_reminder_before_the_deadline_overdue_list_and_closing_with_a_notice_in_the_persons_language(app):
    db.session.add(MunicipalitySettings(municipality_code=f.VASTERAS, reply_working_days=10, close_after_days=90))
    db.session.commit()
    m, member = _introduced(date(2026, 3, 2))  # a Monday: due 2026-03-16
    assert replies.reply_due(m) == date(2026, 3, 16)
    assert replies.run_daily(date(2026, 3, 10)) == {"reminded": 0, "overdue": 0, "closed": 0}
    assert replies.run_daily(date(2026, 3, 12))["reminded"] == 1  # two working days before
    assert replies.run_daily(date(2026, 3, 13))["reminded"] == 0  # once
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    assert replies.overdue_cases(caseworker, today=date(2026, 3, 16)) == []
    assert [(row[0].id, row[2]) for row in replies.overdue_cases(caseworker, today=date(2026, 3, 18))] == [(m.id, 2)]
    elsewhere = f.user(Role.CASEWORKER, municipality_code=f.ESKILSTUNA)
    assert replies.overdue_cases(elsewhere, today=date(2026, 3, 18)) == []
    assert replies.run_daily(date(2026, 3, 17))["overdue"] == 1
    kinds = db.session.scalars(select(Notice.kind).where(Notice.user_id == member.id).order_by(Notice.id)).all()
    assert kinds == ["reply_reminder", "reply_overdue"]

    assert replies.run_daily(date(2026, 5, 30))["closed"] == 0  # 89 days
    assert replies.run_daily(date(2026, 5, 31))["closed"] == 1
    db.session.refresh(m)
    assert (m.status, m.reason_code) == ("not_placed", "no_reply") and m.opportunity.seats_taken == 0
    notice = db.session.scalar(select(Notice).where(Notice.user_id == m.profile.user_id))
    from flask_babel import force_locale

    from app.services.notices import text_of
    with force_locale("ar"):
        subject, body = text_of(notice)
    assert m.opportunity.organisation.name in subject and re.search("[\u0600-\u06ff]", body)


def test_the_late_answers_page_lists_the_case(browser):
    m, _member = _introduced(date.today() - timedelta(days=40))
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    browser.login(caseworker.email, f.PASSWORD)
    page = browser.get("/caseworker/late-answers").get_data(as_text=True)
    assert m.profile.full_name in page and m.opportunity.organisation.name in page


def test_reply_figures_leave_out_organisations_with_fewer_than_five(app):
    org = f.organisation(name="Svarar Snabbt AB")
    answerer = f.member(org)
    for _ in range(5):
        m = f.match(f.profile(f.user()), f.opportunity(org), status="interview")
        db.session.add_all([MatchEvent(match_id=m.id, from_status="approved", to_status="introduced",
                                       at=datetime(2026, 3, 2, 10, tzinfo=timezone.utc)),
                            MatchEvent(match_id=m.id, from_status="introduced", to_status="interview", actor_id=answerer.id,
                                       at=datetime(2026, 3, 4, 10, tzinfo=timezone.utc))])
    small = f.organisation(name="Liten AB")
    f.match(f.profile(f.user()), f.opportunity(small), status="introduced")
    db.session.add(MatchEvent(match_id=db.session.scalar(select(func.max(Match.id))), from_status="approved",
                              to_status="introduced"))
    db.session.commit()
    shown, hidden = replies.reply_figures(f.VASTERAS)
    assert [(r.organisation, r.introduced, r.answered, r.on_time, r.median_working_days) for r in shown] == \
        [("Svarar Snabbt AB", 5, 5, 5, 2)]
    assert hidden == 1


# ---------------------------------------------------------------- recruitment days

def test_recruitment_day_from_invitation_to_a_case_that_waits_for_the_persons_yes(app):
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    org_a, org_b = f.organisation(), f.organisation()
    place_a, place_b = f.opportunity(org_a), f.opportunity(org_b)
    person = f.profile(f.user(locale="so"))
    f.match(person, place_a, status="approved")
    event = recruitment.create_day(caseworker, municipality_code=f.VASTERAS, title="Träff", day=SOON, venue="Stadshuset",
                                   address="Fiskartorget 2", accessibility="Hiss", capacity=1,
                                   slots=[(time(9), time(10))], place_ids=[place_a.id, place_b.id])
    assert [p.id for p, _m in recruitment.people_to_invite(event)] == [person.id]
    assert recruitment.invite(event, [person.id, 999999], caseworker) == 1
    assert db.session.scalar(select(Notice.kind).where(Notice.user_id == person.user_id)) == "recruitment_invitation"
    invitation = event.invitations[0]
    recruitment.sign_up(invitation, event.slots[0].id)
    other = f.profile(f.user())
    f.match(other, place_b, status="suggested")
    recruitment.invite(event, [other.id], caseworker)
    with pytest.raises(recruitment.Full):  # capacity 1
        recruitment.sign_up(event.invitations[1], None)
    recruitment.record_attendance(invitation, True)
    m = recruitment.note_interest(invitation, place_b, f.member(org_b))
    assert m.status == "approved" and m.model_version == "recruitment_day"  # the person decides next
    recruitment.note_interest(invitation, place_b, f.member(org_b))  # twice: still one
    assert db.session.scalar(select(func.count()).select_from(RecruitmentInterest)) == 1
    figures = recruitment.figures(event)
    assert (figures.invited, figures.signed_up, figures.came, figures.interest, figures.introduced) == (2, 1, 1, 1, 0)


# ---------------------------------------------------------------- registration and search

def test_municipalities_in_swedish_order():
    names = ["Örebro", "Ystad", "Åre", "Arboga", "Älvdalen", "Orsa", "Östersund", "Ödeshög"]
    expected = ["Arboga", "Orsa", "Ystad", "Åre", "Älvdalen", "Ödeshög", "Örebro", "Östersund"]
    assert sorted_swedish(names) == expected
    assert sorted(names, key=swedish_fallback_key) == expected  # also without ICU


def test_the_municipality_list_puts_a_with_ring_after_y(browser):
    page = browser.get("/auth/register/organisation").get_data(as_text=True)
    options = re.findall(r'<option[^>]*value="\d{4}"[^>]*>([^<]+)</option>', page)
    assert options.index("Ystad") < options.index("Åre") < options.index("Älvdalen") < options.index("Örebro")


@pytest.mark.parametrize("typed, stored", [("021-10 20 30", "+4621102030"), ("070-123 45 67", "+46701234567"),
                                           ("+46 70 123 45 67", "+46701234567"), ("abc", None), ("123", None)])
def test_phone_numbers_are_checked_and_stored_in_e164(typed, stored):
    assert to_e164(typed) == stored


def test_registration_says_what_is_wrong_in_the_order_of_the_form(browser):
    response = browser.submit("/auth/register/organisation", {
        "kind": "employer", "organisation_name": "", "org_number": "", "municipality": "", "full_name": "",
        "email": "inte-en-adress", "phone": "abc", "password": "", "confirm": "", "locale": "sv"})
    page = response.get_data(as_text=True)
    summary = page.split('class="error-summary"')[1].split("</ul>")[0]
    order = [summary.index(text) for text in ("organisationens namn", "organisationsnumret", "kommunen",
                                               "ditt namn", "e-postadress", "telefonnummer", "lösenord")]
    assert order == sorted(order), summary
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_registration_stores_the_phone_in_e164(browser):
    browser.submit("/auth/register/organisation", {
        "kind": "employer", "organisation_name": "Mälarlager AB", "org_number": "556016-0680",
        "municipality": f.VASTERAS, "full_name": "Peter Holm", "email": "peter@malarlager.se",
        "phone": "021-10 20 30", "password": "ett starkt lösenord 42", "confirm": "ett starkt lösenord 42",
        "locale": "sv"})
    assert db.session.scalar(select(User.phone).where(User.email == "peter@malarlager.se")) == "+4621102030"


def test_leads_to_search_puts_the_exact_word_first():
    from app.services.concept_search import ranked_exact_first
    from matching.search import Hit

    hits = [Hit("1", 0.9, "Kocksteward", "Kocksteward", "sv"), Hit("2", 0.9, "Souschef", "kockchef", "sv"),
            Hit("3", 0.9, "Kock, fartyg", "Kock, fartyg", "sv"), Hit("4", 0.9, "Kock", "Kock", "sv"),
            # read from the words only (the typed word is its "matched"): never counted as an exact label
            Hit("5", 0.95, "Restaurangbiträde", "kock", "sv", understood=True)]
    assert [h.concept_id for h in ranked_exact_first("kock", hits)] == ["4", "3", "1", "2", "5"]


def test_leads_to_search_in_the_taxonomy_puts_the_word_before_longer_words(browser):
    labels = [hit["label"] for hit in browser.get("/concepts/search", query_string={
        "type": "occupation", "q": "kock"}).get_json()]
    assert labels and "Kocksteward" in labels
    assert all(labels.index(label) < labels.index("Kocksteward") for label in labels
               if label.lower() == "kock" or label.lower().startswith("kock,") or label.lower().startswith("kock "))
