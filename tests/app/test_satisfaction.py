"""The one-question satisfaction survey: asked once per case (jobseekers) or place (organisations), answered or
dismissed, stored without who answered, and shown on the dashboard as an NKI index from 5 answers up."""
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import MatchStatus, OpportunityStatus, Respondent, Role, SatisfactionAnswer
from app.services import dashboard, satisfaction
from app.services.deletion import erase_person
from tests import factories as f


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(SatisfactionAnswer))


def _jobseeker_with_case(status=MatchStatus.PLACED, municipality=f.VASTERAS, locale="en"):
    account = f.user(locale=locale)
    person = f.profile(account, municipality_code=municipality)
    case = f.match(person, f.opportunity(title="Trainee lagerarbetare"), status=status)
    return account, case


@pytest.mark.parametrize("scores, index", [([1], 0.0), ([10], 100.0), ([1, 10], 50.0), ([8, 9, 7], 77.8),
                                           ([5, 5, 6, 6, 7], 53.3), ([], None)])
def test_the_nki_index_is_the_mean_on_a_scale_from_0_to_100(scores, index):
    assert satisfaction.nki(scores) == index


def test_a_jobseeker_answers_once_after_an_outcome(browser):
    account, case = _jobseeker_with_case()
    browser.login(account.email, f.PASSWORD)
    home = browser.get("/me/").get_data(as_text=True)
    assert 'id="satisfaction"' in home and "How satisfied are you overall" in home and "Trainee lagerarbetare" in home
    url = f"/me/satisfaction/{case.id}"
    response = browser.submit(url, {"score": "8", "comment": "  Bra stöd  ", "send": "x"}, page="/me/")
    assert response.status_code == 302
    answer = db.session.scalar(select(SatisfactionAnswer))
    assert (answer.respondent, answer.score, answer.comment, answer.match_id, answer.municipality_code) == (
        Respondent.JOBSEEKER, 8, "Bra stöd", case.id, f.VASTERAS)
    home = browser.get("/me/").get_data(as_text=True)
    assert "Thank you for your answer." in home and 'id="satisfaction"' not in home
    # Sent again (Back, a second tab): still one answer, and the person is told.
    again = browser.submit(url, {"score": "2", "send": "x"}, page="/me/")
    assert again.status_code == 302 and _count() == 1 and db.session.get(SatisfactionAnswer, answer.id).score == 8
    assert "You have already answered this question." in browser.get("/me/").get_data(as_text=True)
    # The person's copy of their data has it (right of access), on the page and in the file.
    assert "you said how satisfied you are: 8 of 10." in browser.get("/me/data").get_data(as_text=True)
    copy = browser.get("/me/data.json").get_json()
    assert [(a["match_id"], a["score"], a["comment"]) for a in copy["satisfaction"]] == [(case.id, 8, "Bra stöd")]


def test_dismissing_is_remembered_and_not_counted(browser):
    account, case = _jobseeker_with_case(MatchStatus.NOT_PLACED)
    browser.login(account.email, f.PASSWORD)
    response = browser.submit(f"/me/satisfaction/{case.id}", {"comment": "ignored", "dismiss": "x"}, page="/me/")
    assert response.status_code == 302
    answer = db.session.scalar(select(SatisfactionAnswer))
    assert answer.score is None and answer.comment is None
    home = browser.get("/me/").get_data(as_text=True)
    assert "We will not ask you about this again." in home and 'id="satisfaction"' not in home
    assert all(figure.answers == 0 for figure in satisfaction.figures(None))


def test_a_missing_or_odd_score_is_refused_and_the_comment_kept(browser):
    account, case = _jobseeker_with_case()
    browser.login(account.email, f.PASSWORD)
    for score in (None, "0", "11", "ten", "7.5"):
        data = {"comment": "Min kommentar", "send": "x", **({"score": score} if score is not None else {})}
        response = browser.submit(f"/me/satisfaction/{case.id}", data, page="/me/")
        assert response.status_code == 400, score
        body = response.get_data(as_text=True)
        assert 'id="score-error"' in body and "Min kommentar</textarea>" in body, score
    too_long = browser.submit(f"/me/satisfaction/{case.id}", {"score": "5", "comment": "x" * 301, "send": "x"},
                              page="/me/")
    assert too_long.status_code == 400 and 'id="comment-error"' in too_long.get_data(as_text=True)
    assert _count() == 0


def test_no_question_before_an_outcome_nor_about_someone_elses_case(browser):
    account, open_case = _jobseeker_with_case(MatchStatus.INTRODUCED)
    _other, elses = _jobseeker_with_case()
    browser.login(account.email, f.PASSWORD)
    assert 'id="satisfaction"' not in browser.get("/me/").get_data(as_text=True)
    for case in (open_case, elses):
        assert browser.submit(f"/me/satisfaction/{case.id}", {"score": "9", "send": "x"}, page="/me/").status_code == 404
    assert _count() == 0


def test_an_organisation_is_asked_about_a_place_once_it_answered_a_candidate_or_closed_it(browser):
    org = f.organisation()
    employer = f.member(org, locale="en")
    answered = f.opportunity(org, title="Lagerplats")
    f.match(f.profile(f.user()), answered, status=MatchStatus.INTERVIEW)
    still_open = f.opportunity(org, title="Öppen plats")
    closed = f.opportunity(org, title="Stängd plats", status=OpportunityStatus.CLOSED, municipality_code=None)
    browser.login(employer.email, f.PASSWORD)
    home = browser.get("/organisation/").get_data(as_text=True)
    assert 'id="satisfaction"' in home and "Stängd plats" in home.split('id="satisfaction"')[1].split("</section>")[0]
    assert browser.submit(f"/organisation/satisfaction/{still_open.id}", {"score": "7", "send": "x"},
                          page="/organisation/").status_code == 404
    for place, score in ((closed, "9"), (answered, "6")):
        assert browser.submit(f"/organisation/satisfaction/{place.id}", {"score": score, "send": "x"},
                              page="/organisation/").status_code == 302
    rows = db.session.scalars(select(SatisfactionAnswer).order_by(SatisfactionAnswer.id)).all()
    assert [(r.respondent, r.opportunity_id, r.match_id, r.score, r.municipality_code) for r in rows] == [
        (Respondent.EMPLOYER, closed.id, None, 9, f.VASTERAS), (Respondent.EMPLOYER, answered.id, None, 6, f.VASTERAS)]
    assert 'id="satisfaction"' not in browser.get("/organisation/").get_data(as_text=True)
    other = f.opportunity(f.organisation(), status=OpportunityStatus.CLOSED)
    assert browser.submit(f"/organisation/satisfaction/{other.id}", {"score": "1", "send": "x"},
                          page="/organisation/").status_code == 404


def _answers(n, score, respondent=Respondent.JOBSEEKER, municipality=f.VASTERAS, at=None):
    for _i in range(n):
        db.session.add(SatisfactionAnswer(respondent=respondent, municipality_code=municipality, score=score,
                                          answered_at=at or datetime.now()))
    db.session.commit()


def test_the_figure_is_suppressed_under_5_answers_and_filtered_by_area_and_period(app):
    _answers(4, 10, Respondent.EMPLOYER)
    _answers(1, None)  # a dismissal is no answer
    _answers(4, 7)
    _answers(3, 2, municipality=f.ESKILSTUNA)
    _answers(6, 1, at=datetime.now() - timedelta(days=800))  # long ago
    with app.test_request_context(headers={"Accept-Language": "en"}):
        caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
        rows = dict(dashboard.satisfaction(dashboard.scope_for(caseworker)).rows)
        assert rows == {"Jobseekers": [None, None], "Employers and schools": [None, None]}
        _answers(1, 9)  # the fifth answer in Västerås: (7·4 + 9) / 5 = 7.4 → (7.4 − 1) / 9 · 100
        rows = dict(dashboard.satisfaction(dashboard.scope_for(caseworker)).rows)
        assert rows["Jobseekers"] == [71.1, 5] and rows["Employers and schools"] == [None, None]
        admin = f.user(Role.ADMIN)
        everywhere = dict(dashboard.satisfaction(dashboard.scope_for(admin, months=24)).rows)
        assert everywhere["Jobseekers"] == [satisfaction.nki([7] * 4 + [9] + [2] * 3), 8]
        assert dict(dashboard.satisfaction(dashboard.scope_for(admin, area=f.ESKILSTUNA)).rows)["Jobseekers"] == [None, None]


def test_the_dashboard_page_shows_the_index(browser):
    _answers(5, 8)
    caseworker = f.user(Role.CASEWORKER, locale="en")
    browser.login(caseworker.email, f.PASSWORD)
    page = browser.get("/caseworker/dashboard").get_data(as_text=True)
    section = page.split('id="satisfaction-heading"')[1].split("</section>")[0]
    assert "Satisfaction (NKI)" in section and "77.8" in section and "<td>5</td>" in section


def test_erasing_the_person_keeps_the_score_without_the_link_or_comment(browser):
    account, case = _jobseeker_with_case()
    satisfaction.answer_case(case, 9, "Tack till Amal på kommunen")
    erase_person(user=account)
    answer = db.session.scalar(select(SatisfactionAnswer))
    assert (answer.score, answer.match_id, answer.comment) == (9, None, None)
