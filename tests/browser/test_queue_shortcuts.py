"""The review queue's keyboard shortcuts (app/static/queue.js) in a real browser: move, select, skip, reject,
approve, and nothing at all while the caseworker types in a field."""
from tests.browser.conftest import log_in

CARD = "[data-queue-card]"


def _active_card(page) -> str | None:
    """The match id of the card that has focus (or holds the focused element)."""
    return page.evaluate("""() => { const c = document.activeElement && document.activeElement.closest('[data-queue-card]');
                                    return c ? c.querySelector('input[name=match_id]').value : null; }""")


def _card_ids(page) -> list[str]:
    return page.eval_on_selector_all(f"{CARD} input[name=match_id]", "boxes => boxes.map(b => b.value)")


def _focus_card(page, match_id: str) -> None:
    page.evaluate("(id) => document.querySelector(`#select-${id}`).closest('[data-queue-card]').focus()", match_id)


def test_queue_shortcuts(new_page):
    page = new_page()
    log_in(page, "handlaggare.vasteras")
    page.goto("/caseworker/")
    ids = _card_ids(page)
    assert len(ids) >= 3
    page.keyboard.press("j")
    assert _active_card(page) == ids[0]
    assert page.get_attribute(f"{CARD}[aria-current=true] input[name=match_id]", "value") == ids[0]
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert _active_card(page) == ids[1]
    page.keyboard.press("ArrowDown")
    assert _active_card(page) == ids[2]
    page.keyboard.press("x")
    assert page.is_checked(f"#select-{ids[2]}")

    # Typing in a field: the letters go into the field, nothing else happens.
    page.keyboard.press("o")  # the row opens in place
    assert page.is_visible(f"#note-{ids[2]}")
    page.focus(f"#note-{ids[2]}")
    page.keyboard.type("jkaxsr")
    assert page.input_value(f"#note-{ids[2]}") == "jkaxsr"
    assert page.is_checked(f"#select-{ids[2]}") and _card_ids(page) == ids and page.url.endswith("/caseworker/")

    # r: the reject choice is made and the reason list gets focus; nothing is sent without a reason.
    _focus_card(page, ids[1])
    page.keyboard.press("r")
    assert page.is_checked(f"{CARD}:has(#select-{ids[1]}) input[value=rejected]")
    assert page.evaluate("document.activeElement.id") == f"reason-{ids[1]}"

    # s: the card goes to the end of the queue; focus stays at the same place on the new page.
    _focus_card(page, ids[0])
    with page.expect_navigation():
        page.keyboard.press("s")
    after_skip = _card_ids(page)
    assert after_skip[-1] == ids[0] and after_skip[0] == ids[1]
    assert _active_card(page) == after_skip[0]

    # a: approve the focused card (an adult's; for a person under 18, a only moves focus to the box to tick).
    adult = page.evaluate("""() => [...document.querySelectorAll('[data-queue-card]')]
        .find(c => !c.querySelector('[data-minor-check]')).querySelector('input[name=match_id]').value""")
    _focus_card(page, adult)
    with page.expect_navigation():
        page.keyboard.press("a")
    assert "Beslutet är sparat" in page.inner_text(".flashes")
    assert adult not in _card_ids(page)


def test_person_page_with_a_note_and_the_queue_with_shortcuts_open_pass_axe(new_page):
    from tests.browser.axe import serious_violations

    page = new_page()
    log_in(page, "handlaggare.vasteras")
    page.goto("/caseworker/")
    page.click("details.queue-shortcuts summary")
    page.keyboard.press("j")
    assert serious_violations(page) == []
    page.click("[data-queue-card] summary")
    with page.expect_navigation():
        page.click("[data-queue-card] .row-body a")
    page.fill("#text", "Träffades idag.\nملاحظة: يحتاج إلى رخصة قيادة")
    with page.expect_navigation():
        page.click("form[action$='/notes'] [type=submit]")
    assert "ملاحظة" in page.inner_text("#main")
    assert serious_violations(page) == []


def _tab_to_save_and_press_enter(page) -> None:
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('form.decision [type=submit]')"):
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
    raise AssertionError("Tab never reached the card's save button")


def test_a_caseworker_works_a_whole_days_queue_by_keyboard(new_page):
    """Eskilstuna's caseworker (a queue no other browser test touches) runs matching on the demo data, then
    decides every suggestion with the shortcuts only: rejects the weakest with a reason, approves the rest
    (a person under 18 only with the tick), until the queue is empty."""
    page = new_page()
    log_in(page, "handlaggare.eskilstuna")
    page.goto("/caseworker/")
    with page.expect_navigation():
        page.click("form[action$='/caseworker/matching/batches'] [type=submit]")
    waiting = len(_card_ids(page))
    assert waiting >= 5, "the demo data should give Eskilstuna a real queue"
    decided = rejected = 0
    while _card_ids(page):
        first = _card_ids(page)[0]
        _focus_card(page, first)
        minor = page.locator(f"#minor-{first}").count() > 0
        if decided % 4 == 3:  # every fourth: reject, with a reason chosen from the keyboard
            page.keyboard.press("r")
            page.keyboard.press("ArrowDown")  # the first real reason under the empty choice
            _tab_to_save_and_press_enter(page)
            rejected += 1
        elif minor:
            page.keyboard.press("a")  # moves focus to the box: a minor is never approved by one key
            assert page.evaluate("document.activeElement.id") == f"minor-{first}"
            assert page.is_checked(f"{CARD}:has(#select-{first}) input[value=approved]")
            page.keyboard.press("Space")
            _tab_to_save_and_press_enter(page)
        else:
            with page.expect_navigation():
                page.keyboard.press("a")
        assert first not in _card_ids(page), f"suggestion {first} is still waiting"
        decided += 1
        assert decided <= waiting
    assert decided == waiting and rejected >= 1
