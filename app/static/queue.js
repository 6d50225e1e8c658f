/* Keyboard shortcuts for the review queue (the keys are listed on the page):
   j / ArrowDown next row, k / ArrowUp previous, o / Enter open or close the row, a approve, r reject (opens
   the row at the reason), s skip, x select for a decision on many. They never fire while the user types in a
   field, nor with Ctrl, Alt or Meta held. After a decision or a skip the server answers with the queue at
   the next row's anchor (#match-N): that row gets focus. A refused decision comes back with its row open and
   marked (data-error): the field to fix gets focus. Without an anchor, the row in the same place as the one a
   shortcut submitted gets focus. */
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

  function open(card) {
    var details = card.querySelector("details");
    if (details) { details.open = true; }
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
    if ((key === "o" || key === "Enter") && active === card) {
      var details = card.querySelector("details");
      details.open = !details.open;
    } else if (key === "a") {
      var minor = card.querySelector("[data-minor-check]");
      decision.querySelector("input[value=approved]").checked = true;
      if (minor && !minor.checked) {
        open(card);
        minor.focus();  // a person under 18: the caseworker ticks the box, then saves the card
      } else {
        submit(decision, index);
      }
    } else if (key === "r") {
      open(card);
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
  var failed = document.querySelector("[data-queue-card][data-error]");
  var anchored = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
  if (failed) {
    focusCard(cards.indexOf(failed));
    var fix = failed.querySelector("[aria-invalid=true]") || failed.querySelector("input[name=decision]");
    if (fix) { fix.focus(); }
    failed.scrollIntoView({block: "center"});
  } else if (anchored && cards.indexOf(anchored) >= 0) {
    focusCard(cards.indexOf(anchored));
  } else if (saved !== null && !document.querySelector(".error-summary")) {
    focusCard(parseInt(saved, 10) || 0);
  }
}());
