/* Matching progress: polls the batch's JSON and updates the <progress> bar and its status line. No inline
   script (CSP); the sentences come translated from the page's data attributes. */
(function () {
  "use strict";
  var box = document.getElementById("batch");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("batch-progress");
  var status = document.getElementById("batch-status");
  function fill(text, p) {
    return text.replace("%(done)s", p.done).replace("%(total)s", p.total).replace("%(created)s", p.created);
  }
  function show(p) {
    bar.max = Math.max(p.total, 1);
    bar.value = p.done;
    bar.textContent = p.done + " / " + p.total;
    var text = box.getAttribute("data-text-" + (p.state === "finished" || p.state === "failed" ? p.state : "running"));
    status.textContent = fill(text, p);
    status.setAttribute("data-state", p.state);
  }
  function poll() {
    fetch(box.getAttribute("data-progress-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (p) {
        if (p) { show(p); }
        if (!p || (p.state !== "finished" && p.state !== "failed")) { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  if (status.getAttribute("data-state") !== "finished") { window.setTimeout(poll, 500); }
}());
