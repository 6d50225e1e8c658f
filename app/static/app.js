/* Small enhancements that every page shares. No inline script anywhere (CSP). */
(function () {
  "use strict";
  // After a failed submit, move focus to the list of problems so screen readers read it first.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
}());

/* On small screens the profile form is shown one part at a time, with Back and Next. Everything stays
   in one form, so what was typed is kept, and after a failed submit the first part with a problem opens. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-steps]");
  if (!form || !window.matchMedia("(max-width: 40rem)").matches) { return; }
  var steps = Array.prototype.slice.call(form.querySelectorAll(":scope > fieldset"));
  if (steps.length < 2) { return; }
  var submit = form.querySelector("[type=submit]");
  var status = document.createElement("p");
  status.className = "step-status";
  status.setAttribute("aria-live", "polite");
  form.insertBefore(status, steps[0]);
  var nav = document.createElement("div");
  nav.className = "step-nav";
  function button(text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button secondary";
    b.textContent = text;
    nav.appendChild(b);
    return b;
  }
  var back = button(form.getAttribute("data-back"));
  var next = button(form.getAttribute("data-next"));
  submit.parentNode.insertBefore(nav, submit);
  var current = 0;
  var stepInput = form.querySelector("input[name=_step]");
  function show(index) {
    current = index;
    if (stepInput) { stepInput.value = index; }
    steps.forEach(function (step, i) { step.hidden = i !== index; });
    back.hidden = index === 0;
    next.hidden = index === steps.length - 1;
    submit.hidden = index !== steps.length - 1;
    status.textContent = form.getAttribute("data-step-text")
      .replace("%(n)s", index + 1).replace("%(total)s", steps.length);
  }
  function go(index) {
    show(index);
    var legend = steps[index].querySelector("legend");
    if (legend) { legend.setAttribute("tabindex", "-1"); legend.focus(); }
  }
  back.addEventListener("click", function () { go(current - 1); });
  next.addEventListener("click", function () { go(current + 1); });
  var firstError = steps.findIndex(function (step) { return step.querySelector(".has-error"); });
  // Back from a language switch or a timeout: the part the person was on.
  var start = Math.min(Math.max(Number(form.getAttribute("data-start-step")) || 0, 0), steps.length - 1);
  show(firstError >= 0 ? firstError : start);
}());

/* Warn two minutes before the 30-minute idle logout and let the person ask for more time (WCAG 2.2.1). */
(function () {
  "use strict";
  var box = document.getElementById("session-timeout");
  if (!box) { return; }
  var idle = Number(box.getAttribute("data-idle")) * 1000;
  var warn = Number(box.getAttribute("data-warn")) * 1000;
  var warnTimer, endTimer;
  function start() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(function () {
      box.hidden = false;
      box.querySelector("button").focus();
    }, idle - warn);
    endTimer = setTimeout(function () {
      // A form that keeps drafts is sent to be kept (the server saves it for the account), so nothing typed is lost.
      var draft = document.querySelector("form[data-draft]");
      if (draft) {
        draft.setAttribute("action", draft.getAttribute("data-draft"));
        draft.submit();
      } else {
        window.location = box.getAttribute("data-login");
      }
    }, idle + 2000);
  }
  box.querySelector("button").addEventListener("click", function () {
    fetch(box.getAttribute("data-url"), {
      method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": box.getAttribute("data-csrf") }
    }).then(function (response) {
      if (response.ok) { box.hidden = true; start(); } else { window.location = box.getAttribute("data-login"); }
    });
  });
  start();
}());
