"""Employers see nothing that identifies a candidate until the candidate agreed to be introduced.

Jobseekers are seeded with unique marker strings in their name, e-mail, phone, about text, experience
titles and birth year. The employer (and the education provider) then walks every GET route in
app.url_map, with every URL parameter filled in with each of the objects it could name, asks for HTML,
JSON and CSV, and no marker may appear in any answer. When one person says yes, the same walk shows
that person's name and e-mail (so the walk can see them) and still nothing of anyone else; when they
take the yes back, nothing of them again.
"""
import itertools
import re

import pytest

from app.extensions import db
from app.models import utcnow
from app.services.candidates import candidate_reference
from tests import factories as f
from tests.conftest import Browser


def _markers(tag: str, birth_year: int) -> dict:
    """Strings that appear nowhere else: one per identifying field of one person."""
    return {
        "name": f"Zyxqv{tag} Markörsdóttir{tag}",
        "email": f"qmarker.{tag.lower()}@anonym-test.example",
        "phone": f"070-91{'ABCDE'.index(tag)}8273",
        "about": f"Qwertzmarker{tag} om mig själv",
        "experience": f"Xylofonstämmare{tag}",
        "birth_year": str(birth_year),
    }


def _seed_person(tag: str, birth_year: int):
    markers = _markers(tag, birth_year)
    account = f.user(email=markers["email"], full_name=markers["name"], phone=markers["phone"])
    person = f.profile(account, full_name=markers["name"], phone=markers["phone"], about=markers["about"],
                       birth_year=birth_year, languages=[{"code": "ti", "level": "native"}],
                       experience=[{"title": markers["experience"], "years": 3.0}])
    return account, person, markers


def _found(markers: dict, body: str) -> list[str]:
    """Which markers body shows; a birth year counts only as a whole number, not inside a longer one."""
    found = [field for field, value in markers.items() if field != "birth_year" and value in body]
    # Names and e-mails also count in any case, and the phone number without its separators.
    found += [field for field in ("name", "email") if markers[field].casefold() in body.casefold()
              and field not in found]
    digits = re.sub(r"\D", "", markers["phone"])
    if re.search(r"[\s\-]?".join(digits), body) and "phone" not in found:  # 0709108273, 070 910 82 73 …
        found.append("phone")
    if re.search(rf"(?<!\d){markers['birth_year']}(?!\d)", body):
        found.append("birth_year")
    return found


people_event: dict = {}  # organisation id → its recruitment day


def _world(kind: str):
    org = f.organisation(kind=kind)
    org.vetted_at = utcnow()  # vetted: the organisation may see candidates, but not who they are
    db.session.commit()
    employer = f.member(org)
    opp = f.opportunity(org, kind="vocational_programme" if kind == "education_provider" else "trainee_job",
                        seats=3)
    people = {}
    for tag, birth_year, status in (("A", 1957, "approved"), ("B", 1949, "approved"), ("C", 1953, "suggested"),
                                    ("D", 1967, "declined"), ("E", 1963, "rejected")):
        account, person, markers = _seed_person(tag, birth_year)
        people[tag] = {"account": account, "profile": person, "markers": markers,
                       "match": f.match(person, opp, status=status)}
    # Everyone signed up for a recruitment day with this place: the organisation meets them by a code only.
    event, _ = f.recruitment_day([opp])
    for tag, person in people.items():
        from app.models import RecruitmentInvitation

        invitation = RecruitmentInvitation(day=event, profile=person["profile"], status="signed_up")
        db.session.add(invitation)
        db.session.commit()
        person["invitation"] = invitation
    people_event[org.id] = event
    return org, employer, opp, people


def _parameter_values(org, employer, opp, people) -> dict:
    """Every object each URL parameter could name: the employer's own and each candidate's."""
    return {
        "opportunity_id": [opp.id],
        "match_id": [p["match"].id for p in people.values()],
        "profile_id": [p["profile"].id for p in people.values()],
        "user_id": [employer.id] + [p["account"].id for p in people.values()],
        "organisation_id": [org.id],
        "code": ["en"],
        "filename": ["style.css", "app.js"],
        "token": ["not-a-token"],
        "municipality": [f.VASTERAS],
        "key": ["seats"],
        "batch_id": ["not-a-batch"],  # staff-only pages: the employer gets 403 whatever the id
        "action": ["no", "withdraw"],
        "day_id": [people_event[org.id].id],
        "invitation_id": [p["invitation"].id for p in people.values()],
        "place_id": [opp.id],  # the API's places (public, or the organisation's own with its key)
        "key_id": [0],
        "fmt": ["csv", "xlsx"],
        "need_id": [_need(org, employer).id],  # a competence need of the organisation (no person in it)
    }


def _need(org, employer):
    from datetime import date

    from app.models.need import CompetenceNeed

    need = CompetenceNeed(organisation_id=org.id, occupation_id=f.WAREHOUSE_WORKER, headcount=2, horizon_months=6,
                          municipality_code=f.VASTERAS, stated_on=date.today(), created_by_id=employer.id)
    db.session.add(need)
    db.session.commit()
    return need


def _get_urls(app, values: dict) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        missing = set(rule.arguments) - values.keys()
        assert not missing, f"{rule.endpoint}: add values for {sorted(missing)} to the anonymity walk"
        names = sorted(rule.arguments)
        for combination in itertools.product(*(values[name] for name in names)):
            urls.append(rule.build(dict(zip(names, combination)), append_unknown=False)[1])
    return urls


VARIANTS = [  # (query string, headers): the same route asked for HTML, JSON and CSV
    ("", {}),
    ("?format=json", {"Accept": "application/json"}),
    ("?format=csv", {"Accept": "text/csv"}),
]


def _walk(browser, urls) -> dict[str, str]:
    """url → body of every GET answer (redirects followed), for every variant."""
    bodies = {}
    for url, (query, headers) in itertools.product(urls, VARIANTS):
        response = browser.get(url + query, headers=headers, follow_redirects=True)
        assert response.status_code < 500, f"{url}{query}: {response.status_code}"
        bodies[url + query] = response.get_data(as_text=True)
    return bodies


def _leaks(bodies: dict, people: dict, tags) -> list[str]:
    return [f"{url}: {tag} {field}" for url, body in bodies.items() for tag in tags
            for field in _found(people[tag]["markers"], body)]


@pytest.mark.parametrize("kind", ["employer", "education_provider"])
def test_employer_sees_no_marker_until_the_person_agrees(app, browser, kind):
    org, employer, opp, people = _world(kind)
    urls = _get_urls(app, _parameter_values(org, employer, opp, people))
    assert f"/organisation/opportunities/{opp.id}" in urls

    # No marker appears to someone not logged in either (so none is a string the pages show anyway;
    # birth years are chosen apart from the 4-digit municipality codes in every municipality list).
    assert _leaks(_walk(Browser(app, app.test_client()), urls), people, people) == []

    browser.login(employer.email, f.PASSWORD)
    bodies = _walk(browser, urls)
    candidate_page = bodies[f"/organisation/opportunities/{opp.id}"]
    assert _leaks(bodies, people, people) == [], "an employer saw who a candidate is before they agreed"
    from app.services.candidates import candidate_reference
    for tag in ("A", "B"):  # the approved candidates are there, by an opaque reference only (not the case's id)
        assert f"Kandidat {candidate_reference(people[tag]['match'])}" in candidate_page

    # A says yes, through their own page.
    seeker = Browser(app, app.test_client())
    seeker.login(people["A"]["account"].email, f.PASSWORD)
    match_a = people["A"]["match"]
    response = seeker.submit(f"/me/matches/{match_a.id}/respond", {"answer": "yes"}, page="/me/")
    assert response.status_code == 302
    db.session.refresh(match_a)
    assert match_a.status == "introduced"

    bodies = _walk(browser, urls)
    candidate_page = bodies[f"/organisation/opportunities/{opp.id}"]
    assert {"name", "email"} <= set(_found(people["A"]["markers"], candidate_page)), \
        "after the yes the employer sees the name and e-mail (the walk can see markers)"
    others = [tag for tag in people if tag != "A"]
    assert _leaks(bodies, people, others) == [], "a yes from one person revealed someone else"

    # A takes the yes back: the employer no longer sees who A is.
    response = seeker.submit(f"/me/matches/{match_a.id}/withdraw", {"confirmed": "1"}, page="/me/")
    assert response.status_code == 302
    db.session.refresh(match_a)
    assert match_a.status not in ("introduced", "interview", "placed", "not_placed")
    assert _leaks(_walk(browser, urls), people, people) == [], "a withdrawn yes still shows who the person is"


def test_an_unvetted_employer_sees_no_candidate_at_all(app, browser):
    """Before vetting even an introduced candidate's name stays hidden (if vetting is enforced)."""
    org, employer, opp, people = _world("employer")
    org.vetted_at = None
    people["A"]["match"].status = "introduced"
    db.session.commit()
    urls = _get_urls(app, _parameter_values(org, employer, opp, people))
    browser.login(employer.email, f.PASSWORD)
    assert _leaks(_walk(browser, urls), people, people) == []
