/* Keyboard shortcuts for the review queue (the keys are listed on the page):
   j / ArrowDown next card, k / ArrowUp previous, a approve, r reject (choose the reason), s skip,
   x select for a decision on many. They never fire while the user types in a field, nor with Ctrl, Alt
   or Meta held. After a shortcut submits a card, the card in the same place gets focus on the next page. */
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll("[data-queue-card]"));
  if (!cards.length) { return; }
  var POSITION = "queue-position";

  function typing(element) {
    if (!element) { return false; }
    var tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
  }

  function cardIndex(element) {
    var card = element && element.closest ? element.closest("[data-queue-card]") : null;
    return card ? cards.indexOf(card) : -1;
  }

  function focusCard(index) {
    var i = Math.max(0, Math.min(cards.length - 1, index));
    cards.forEach(function (card) { card.removeAttribute("aria-current"); });
    cards[i].setAttribute("aria-current", "true");
    cards[i].focus();
    cards[i].scrollIntoView({block: "nearest"});
  }

  function submit(form, index) {
    try { window.sessionStorage.setItem(POSITION, String(index)); } catch (e) { /* storage off: no harm */ }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) { return; }
    var active = document.activeElement;
    var index = cardIndex(active);
    var onPage = !active || active === document.body || active.id === "main" || cards.indexOf(active) >= 0;
    var key = event.key;
    if (key === "j" || (key === "ArrowDown" && onPage)) {
      focusCard(index < 0 ? 0 : index + 1);
      event.preventDefault();
      return;
    }
    if (key === "k" || (key === "ArrowUp" && onPage)) {
      focusCard(index < 0 ? 0 : index - 1);
      event.preventDefault();
      return;
    }
    if (index < 0) { return; }
    var card = cards[index];
    var decision = card.querySelector("form.decision");
    if (key === "a") {
      var minor = card.querySelector("[data-minor-check]");
      decision.querySelector("input[value=approved]").checked = true;
      if (minor && !minor.checked) {
        minor.focus();  // a person under 18: the caseworker ticks the box, then saves the card
      } else {
        submit(decision, index);
      }
    } else if (key === "r") {
      decision.querySelector("input[value=rejected]").checked = true;
      decision.querySelector("select").focus();
    } else if (key === "s") {
      submit(card.querySelector("form.skip"), index);
    } else if (key === "x") {
      var box = card.querySelector("input[name=match_id]");
      box.checked = !box.checked;
    } else {
      return;
    }
    event.preventDefault();
  });

  var saved = null;
  try {
    saved = window.sessionStorage.getItem(POSITION);
    window.sessionStorage.removeItem(POSITION);
  } catch (e) { saved = null; }
  if (saved !== null && !document.querySelector(".error-summary")) { focusCard(parseInt(saved, 10) || 0); }
}());
