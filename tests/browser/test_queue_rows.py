"""The review queue as compact rows in a real browser: 30 suggestions in a few screens at 1,280 px, a row opens in
place, a decision refused for lacking a reason keeps the caseworker's place, a saved one moves focus to the next
row; no sideways scrolling at 320 px; axe clean with a row open. Screenshots in test-artifacts/."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Concept
from tests import factories as f
from tests.browser.conftest import log_in, served_app, switch_language
from tests.browser.axe import serious_violations

FALUN = "2080"  # the demo's Falun caseworker: a queue no other browser test touches
ROWS = 30


@pytest.fixture(scope="module")
def falun_queue(base_url):
    """30 suggestions for 30 people in Falun, waiting from 0 to 29 days, some of them for people under 18."""
    app = served_app()
    with app.app_context():
        skills = list(db.session.scalars(select(Concept.id).where(Concept.type == "skill").order_by(Concept.id).limit(3)))
        SKILLS = [skills[:1], [], skills]
        org = f.organisation(name="Dalarnas Kök och Service AB", municipality_code=FALUN)
        places = [f.opportunity(org, title=title, municipality_code=FALUN, kind=kind, seats=5)
                  for title, kind in (("Trainee kock", "trainee_job"), ("Lärling lagerarbetare", "apprenticeship"),
                                      ("Praktik städ", "internship"))]
        now = datetime.now(timezone.utc)
        ids = []
        for i in range(ROWS):
            person = f.profile(None, full_name=f"Radperson {i:02d} Dalsson", municipality_code=FALUN,
                               birth_year=now.year - (17 if i % 7 == 3 else 30),
                               about="أنا أعمل في المطبخ منذ خمس سنوات" if i % 2 else "Jag har städat på hotell.")
            m = f.match(person, places[i % 3], score=0.72 - i * 0.015, created_at=now - timedelta(days=i),
                        explanation={"occupation_match": i % 2 == 0, "matched_skills": SKILLS[i % 3],
                                     "missing_skills": [], "checks": ["distance", "kind"],
                                     "distance_km": 2.0 + i, "blocks": {"occupation": 0.6, "text": 0.4}})
            ids.append(m.id)
        db.session.remove()
    return ids


def _row_ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-queue-card] input[name=match_id]", "boxes => boxes.map(b => b.value)")


def _focused_row(page) -> str | None:
    return page.evaluate("""() => { const c = document.activeElement && document.activeElement.closest('[data-queue-card]');
                                    return c ? c.querySelector('input[name=match_id]').value : null; }""")


def _in_view(page, selector) -> bool:
    return page.evaluate("""(s) => { const r = document.querySelector(s).getBoundingClientRect();
                                     return r.top >= 0 && r.top < window.innerHeight; }""", selector)


def test_thirty_rows_fit_in_a_few_screens_and_a_refused_decision_keeps_the_place(new_page, artifacts, falun_queue):
    page = new_page(width=1280, height=800)
    log_in(page, "handlaggare.falun")
    switch_language(page, "sv")
    try:
        page.goto("/caseworker/")
        ids = _row_ids(page)
        assert len(ids) == ROWS
        rows_height = page.evaluate("document.querySelector('ol.queue-rows').getBoundingClientRect().height")
        assert rows_height <= 2.5 * 800, f"30 rows take {rows_height} px"
        assert page.evaluate("document.documentElement.scrollHeight") <= 4 * 800
        first = page.locator(f"#match-{ids[0]} summary").inner_text()
        # person, place, score band, why in one line, waiting time (same band: the longest waiting first)
        assert "Radperson 01 Dalsson → Lärling lagerarbetare" in first and "Stark 0,70" in first
        assert "Lärlingsjobb · Dalarnas Kök och Service AB · 3 km" in first and "1 dag" in first
        page.screenshot(path=str(artifacts / "queue-1280.png"), full_page=True)

        # A row opens in place: the full reasons and the decision.
        middle = ids[12]
        page.click(f"#match-{middle} summary")
        assert page.is_visible(f"#reason-{middle}") and page.is_visible(f"#match-{middle} .reasons")
        assert serious_violations(page) == []
        page.screenshot(path=str(artifacts / "queue-1280-open.png"))

        # Reject without a reason: refused, and the caseworker is still at that row with what they wrote.
        page.check(f"#match-{middle} input[value=rejected]")
        page.fill(f"#note-{middle}", "Kolla körkortet först")
        with page.expect_navigation():
            page.click(f"#match-{middle} form.decision [type=submit]")
        assert _focused_row(page) == middle and page.evaluate("document.activeElement.id") == f"reason-{middle}"
        assert _in_view(page, f"#match-{middle}")
        assert page.is_visible(f"#match-{middle} [role=alert]")
        assert page.input_value(f"#note-{middle}") == "Kolla körkortet först"
        assert page.is_checked(f"#match-{middle} input[value=rejected]")
        assert _row_ids(page) == ids  # nothing was decided

        # With a reason it is saved, and the next row takes the place (anchor and focus).
        page.select_option(f"#reason-{middle}", "skills")
        with page.expect_navigation():
            page.click(f"#match-{middle} form.decision [type=submit]")
        assert middle not in _row_ids(page)
        assert page.url.endswith(f"#match-{ids[13]}") and _focused_row(page) == ids[13]
        assert _in_view(page, f"#match-{ids[13]}")
    finally:
        switch_language(page, "en")


@pytest.mark.parametrize("locale", ["sv", "ar"])
def test_the_queue_at_320_px(new_page, artifacts, falun_queue, locale):
    page = new_page(width=320, height=700)
    log_in(page, "handlaggare.falun")
    switch_language(page, locale)
    try:
        page.goto("/caseworker/")
        page.click("[data-queue-card] summary")
        assert page.evaluate("document.documentElement.scrollWidth") <= 321
        page.screenshot(path=str(artifacts / f"queue-320-{locale}.png"), full_page=False)
        assert serious_violations(page) == []
    finally:
        switch_language(page, "en")


def test_filters_narrow_the_rows_and_a_decision_keeps_them(new_page, falun_queue):
    page = new_page(width=1280, height=800)
    log_in(page, "handlaggare.falun")
    page.goto("/caseworker/?minors=only")
    minors = _row_ids(page)
    assert minors and all(page.locator(f"#match-{i} .badge").count() >= 1 for i in minors)
    page.goto("/caseworker/?kind=internship&waited=7")
    shown = _row_ids(page)
    assert shown and len(shown) < ROWS
    skipped = shown[0]
    with page.expect_navigation():
        page.click(f"#match-{skipped} summary")
        page.click(f"#match-{skipped} form.skip [type=submit]")
    assert "kind=internship" in page.url and "waited=7" in page.url
    assert _row_ids(page)[-1] == skipped
