"""Batch proposal for a municipality: seats respected, strong people spread out, numbers reported."""
from collections import Counter

from sqlalchemy import select

from app.extensions import db
from app.models import Match, MatchStatus, Role
from app.services import proposals
from tests import factories as f
from tests.factories import warehouse_jobs, warehouse_people

FALUN = "2080"

def _new_matches():
    return db.session.scalars(select(Match).order_by(Match.id)).all()


def test_seats_respected_and_the_strong_person_is_not_proposed_everywhere():
    jobs = warehouse_jobs(3)
    strong, others = warehouse_people()
    result = proposals.propose_for_municipality(f.VASTERAS)
    matches = _new_matches()
    per_job = Counter(m.opportunity_id for m in matches)
    per_person = Counter(m.profile_id for m in matches)
    assert all(per_job[j.id] <= j.seats_left for j in jobs)
    assert sum(per_job.values()) == 3  # every free seat got a proposal
    assert per_person[strong.id] == 1
    assert all(m.status == MatchStatus.SUGGESTED and m.explanation.get("blocks") for m in matches)
    # the plain ranking gives the strong person every seat: one person covered instead of three
    report = result.report
    assert report.greedy_max_per_person == 3 and report.max_per_person == 1
    assert report.people_with_proposal == 3 and report.greedy_proposals == 3
    # the report's numbers are the rows that were stored
    assert result.created == report.proposals == len(matches)
    good_people = {m.profile_id for m in matches if m.score >= proposals.GOOD_SCORE}
    assert report.people_with_good == len(good_people)
    assert report.people == 4 and report.opportunities == 3 and report.seats == 3


def test_existing_pairs_and_pending_suggestions_count():
    first, second = warehouse_jobs(2, seats=2)
    strong, others = warehouse_people()
    f.match(strong, first, status=MatchStatus.REJECTED)
    f.match(others[0], second, status=MatchStatus.SUGGESTED)  # holds one of second's two seats
    result = proposals.propose_for_municipality(f.VASTERAS)
    pairs = Counter((m.profile_id, m.opportunity_id) for m in _new_matches())
    assert max(pairs.values()) == 1  # nothing duplicated
    assert Counter(opp for _, opp in pairs)[second.id] == 2  # the pending suggestion and one new
    assert Counter(opp for _, opp in pairs)[first.id] == 3  # the rejected case and two new
    assert result.report.seats == 3
    again = proposals.propose_for_municipality(f.VASTERAS)
    assert again.created == 0  # a second batch never goes beyond the seats


def test_opportunities_come_from_the_shared_pool_only():
    person = f.profile(travel_km=300)
    eskilstuna = f.opportunity(municipality_code=f.ESKILSTUNA)
    falun = f.opportunity(municipality_code=FALUN)  # within the person's reach, but not in the pool
    assert proposals.pool_of(f.VASTERAS) == proposals.pool_of(f.ESKILSTUNA)
    assert proposals.pool_of(FALUN) == (FALUN,)
    proposals.propose_for_municipality(f.VASTERAS, per_person=2)
    assert {m.opportunity_id for m in _new_matches()} == {eskilstuna.id}
    assert falun.id and person.id


def test_caseworker_runs_a_batch_and_reads_the_numbers(browser):
    caseworker = f.user(Role.CASEWORKER)
    warehouse_jobs(3)
    warehouse_people()
    browser.login(caseworker.email, f.PASSWORD)
    url = f"/caseworker/municipalities/{f.VASTERAS}/proposal"
    page = browser.get(url)
    assert page.status_code == 200 and "Västerås" in page.get_data(as_text=True)
    assert browser.post(url, data={}).status_code == 400  # no CSRF token
    assert _new_matches() == []
    response = browser.submit(url)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert len(_new_matches()) == 3
    assert '<td>3</td><td>1</td>' in body.replace("\n", "").replace(" ", "")  # good suggestions: batch 3, ranking alone 1


def test_other_municipality_is_404_and_admin_may_choose(browser):
    caseworker = f.user(Role.CASEWORKER)
    browser.login(caseworker.email, f.PASSWORD)
    assert browser.get(f"/caseworker/municipalities/{f.ESKILSTUNA}/proposal").status_code == 404
    token = browser.token(f"/caseworker/municipalities/{f.VASTERAS}/proposal")
    assert browser.post(f"/caseworker/municipalities/{f.ESKILSTUNA}/proposal",
                        data={"csrf_token": token}).status_code == 404
    browser.logout()
    admin = f.user(Role.ADMIN)
    browser.login(admin.email, f.PASSWORD)
    assert browser.get(f"/caseworker/municipalities/{f.ESKILSTUNA}/proposal").status_code == 200
    jobseeker = f.user()
    browser.logout()
    browser.login(jobseeker.email, f.PASSWORD)
    assert browser.get(f"/caseworker/municipalities/{f.VASTERAS}/proposal").status_code == 403


def test_propose_command_prints_the_report(runner):
    warehouse_jobs(3)
    warehouse_people()
    output = runner.invoke(args=["matching", "propose", f.VASTERAS]).output
    assert "new suggestions: 3" in output
    assert "people with a good suggestion:" in output and "plain ranking" in output
    assert "most suggestions for one person: 1 (plain ranking: 3)" in output
