"""The demo region: a year of history generated with bulk inserts, so that the dashboard shows real figures
(not "fewer than 5") in every chart; small here (the size is a parameter), 3,000 people for `flask setup --demo`."""
import time

from sqlalchemy import func, select

from app.extensions import db
from app.models import JobseekerProfile, Match, MatchEvent, MatchStatus, ProfileStatus, Role
from app.services import dashboard
from app.services.demo_region import already_seeded, seed_region
from app.services.matching import active_people
from tests import factories as f


def test_a_small_region_fills_every_chart_of_a_municipality(app):
    began = time.monotonic()
    counts = seed_region(people=400, places=60)
    took = time.monotonic() - began
    assert counts.people == 400 and counts.opportunities == 60 and counts.cases > 800 and counts.events > counts.cases
    assert took < 20, took  # bulk inserts: 3,000 people take a few seconds (README)
    assert already_seeded() and seed_region(people=10, places=2) is None  # once only
    # History only: nothing waits in a queue, and the region's people of the year are not matched again; the
    # people looking today (a third as many, app/services/demo_competence.py) are who the competence views count.
    assert db.session.scalar(select(func.count()).select_from(Match).where(Match.status == MatchStatus.SUGGESTED)) == 0
    assert db.session.scalar(select(func.count()).select_from(active_people().subquery())) == 400 // 3
    assert db.session.scalar(select(func.count()).select_from(JobseekerProfile)
                             .where(JobseekerProfile.status == ProfileStatus.PLACED)) > 20
    # Each case's events lead to where it stands.
    last = {}
    for match_id, to_status in db.session.execute(select(MatchEvent.match_id, MatchEvent.to_status)
                                                  .order_by(MatchEvent.at, MatchEvent.id)):
        last[match_id] = to_status
    assert all(last[m.id] == m.status for m in db.session.scalars(select(Match).limit(300)))

    with app.test_request_context():
        caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
        scope = dashboard.scope_for(caseworker)
        for table in dashboard.tables(scope):
            charted = [values[i] for _label, values in table.rows for i in table.charted]
            shown = [v for v in charted if v]  # neither suppressed (None) nor zero
            assert shown, f"{table.key}: nothing but suppressed or empty figures"
        waiting = dashboard.waiting_times(scope).rows
        assert all(values[0] is not None for _label, values in waiting)
        months = [values[0] for _label, values in dashboard.placements_per_month(scope).rows]
        assert sum(1 for v in months if v) >= 6  # placements in most months of the year


def test_the_region_shows_a_competence_picture(app):
    """Several occupation fields with needs, supply and people one step away, a ranked programme list, and
    nothing suppressed in the main charts (the default size of `flask setup --demo`)."""
    from app.services import competence
    from app.services.dashboard import occupation_fields

    seed_region(people=3000, places=300)
    with app.test_request_context():
        analysis = competence.analyse(None)
        busy = {o: a for o, a in analysis.items() if a.needs and a.supply}
        assert len(set(occupation_fields(set(busy)).values())) >= 3
        for table in competence.tables(None):
            charted = [values[i] for _label, values in table.rows for i in table.charted]
            assert charted and all(v is not None for v in charted), table.key
        assert sum(1 for a in busy.values() if a.one_step >= 5) >= 5
        assert {step for a in busy.values() for step, n in a.steps.items() if n >= 5} == {"swedish", "licence",
                                                                                         "programme"}
        proposals = competence.programmes(None)
        assert len(proposals) >= 5 and proposals[0].met >= proposals[-1].met
        assert competence.goals("04") and competence.goals("19")
