"""The queue's rows name skills and occupations in the caseworker's language: read in one batch for the whole page,
so a queue of thirty rows, each with skills of its own, costs the same queries as a queue of two."""
from markupsafe import escape
from sqlalchemy import event, select

from app.extensions import db
from app.models import Concept, Role
from app.services.concepts import labels_for
from tests import factories as f


def _selects(browser, url) -> int:
    statements = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT"):  # the audit trail writes one row per person by design
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = browser.get(url)
        assert response.status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements), response.get_data(as_text=True)


def _rows(n, skills, occupations, start=0):
    """n suggestions, each with two matching skills, a missing one and an occupation read from the words of its own."""
    for i in range(start, start + n):
        explanation = {"matched_skills": skills[3 * i:3 * i + 2], "missing_skills": skills[3 * i + 2:3 * i + 3],
                       "understood_occupations": [occupations[i]], "checks": [], "distance_km": 5.0}
        f.match(f.profile(None, full_name=f"Rad {i}"), f.opportunity(), explanation=explanation)


def test_a_30_row_queue_reads_the_labels_in_one_batch(app, browser):
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS, locale="en")
    browser.login(caseworker.email, f.PASSWORD)
    skills = list(db.session.scalars(select(Concept.id).where(Concept.type == "skill").order_by(Concept.id).limit(90)))
    occupations = list(db.session.scalars(select(Concept.id).where(Concept.type == "occupation")
                                          .order_by(Concept.id).limit(30)))
    _rows(2, skills, occupations)
    few, _page = _selects(browser, "/caseworker/")
    _rows(28, skills, occupations, start=2)
    many, page = _selects(browser, "/caseworker/")
    print(f"SELECTs for the queue page: 2 rows {few}, 30 rows {many}")
    assert page.count('class="row-why"') == 30
    assert many == few, (few, many)  # before the batch: 18 and 102 (three label queries per row)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        names = labels_for([skills[87], occupations[29]], "en")
    for concept_id in (skills[87], occupations[29]):  # the last row's names, in the caseworker's language
        assert names[concept_id] != concept_id and str(escape(names[concept_id])) in page
