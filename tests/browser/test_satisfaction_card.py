"""The one-question survey's card on a phone (390 px and 320 px) in Swedish and Arabic: nothing scrolls sideways,
axe clean, answering by keyboard and mouse; screenshots in test-artifacts/."""
import pytest
from sqlalchemy import delete, select

from app.extensions import db
from app.models import Match, MatchStatus, Opportunity, OpportunityStatus, SatisfactionAnswer, User
from app.services.demo import DEMO_DOMAIN
from tests.browser.conftest import log_in, switch_language
from tests.browser.axe import serious_violations as _serious


@pytest.fixture
def placed_case(demo_app):
    """A case of the demo's Yusuf that ended with a placement (taken away again after the test)."""
    with demo_app.app_context():
        person = db.session.scalar(select(User).where(User.email == f"yusuf@{DEMO_DOMAIN}")).profile
        taken = select(Match.opportunity_id).where(Match.profile_id == person.id)
        place = db.session.scalar(select(Opportunity).where(Opportunity.status == OpportunityStatus.OPEN,
                                                            Opportunity.id.not_in(taken)).order_by(Opportunity.id))
        case = Match(profile_id=person.id, opportunity_id=place.id, status=MatchStatus.PLACED, score=0.6,
                     explanation={}, model_version="test")
        db.session.add(case)
        db.session.commit()
        case_id = case.id
        db.session.remove()
    yield case_id
    with demo_app.app_context():
        db.session.execute(delete(SatisfactionAnswer).where(SatisfactionAnswer.match_id == case_id))
        db.session.execute(delete(Match).where(Match.id == case_id))
        db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("width", [390, 320])
def test_the_card_on_a_phone(new_page, artifacts, placed_case, width):
    page = new_page(width=width, height=800)
    log_in(page, "yusuf")
    try:
        for locale in ("ar", "sv"):
            switch_language(page, locale)
            page.goto("/me/")
            card = page.locator("#satisfaction")
            assert card.is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
            # Ten numbers in two rows of five: each one a finger's width (WCAG 2.5.8 asks for 24 px at least).
            boxes = page.eval_on_selector_all(".scale-options label", "ls => ls.map(l => l.getBoundingClientRect())"
                                              ".map(r => [Math.round(r.width), Math.round(r.height), Math.round(r.top)])")
            assert len(boxes) == 10 and all(w >= 44 and h >= 44 for w, h, _top in boxes), boxes
            assert len({top for _w, _h, top in boxes}) == 2
            card.screenshot(path=str(artifacts / f"satisfaction-card-{width}-{locale}.png"))
            if width == 390:  # where it sits: after the suggestions, never pushing them down
                page.screenshot(path=str(artifacts / f"satisfaction-home-{width}-{locale}.png"), full_page=True)
            assert _serious(page) == []
        # A refused answer (no number) keeps the comment and says why, next to the numbers.
        page.click("summary:has-text('Skriv en kommentar')")
        page.fill("#comment", "Bra hjälp med intervjun")
        with page.expect_navigation():
            page.click("#send")
        assert page.locator("#score-error").is_visible()
        assert page.input_value("#comment") == "Bra hjälp med intervjun"
        card = page.locator("#satisfaction")
        card.screenshot(path=str(artifacts / f"satisfaction-card-{width}-sv-error.png"))
        assert _serious(page) == []
        page.locator("label[for=score-7]").click()
        with page.expect_navigation():
            page.click("#send")
        assert page.locator("#satisfaction").count() == 0
        assert "Tack för ditt svar." in page.inner_text("main")
    finally:
        switch_language(page, "sv")
