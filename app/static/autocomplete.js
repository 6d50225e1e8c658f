/* Accessible autocomplete for occupations and skills (WAI-ARIA combobox with a listbox popup).
   Progressive enhancement: without JavaScript the fields still take typed labels, one per line. */
(function () {
  "use strict";
  var texts = document.getElementById("autocomplete-texts");
  if (!texts || !window.fetch) { return; }
  var counter = 0;

  function setup(field) {
    var type = field.getAttribute("data-autocomplete");
    var addsLines = field.tagName === "TEXTAREA";
    var id = "ac-" + (++counter);
    var input = field;
    if (addsLines) {
      var wrapper = document.createElement("div");
      wrapper.className = "autocomplete-add";
      var label = document.createElement("label");
      label.setAttribute("for", id + "-input");
      label.textContent = texts.getAttribute("data-add");
      input = document.createElement("input");
      input.type = "text";
      input.id = id + "-input";
      input.setAttribute("dir", "auto");
      wrapper.appendChild(label);
      wrapper.appendChild(input);
      field.parentNode.insertBefore(wrapper, field.nextSibling);
    }
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.insertBefore(list, input.nextSibling);
    input.parentNode.insertBefore(status, list.nextSibling);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    var options = [], active = -1, timer = null, lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      }
    }
    function choose(option) {
      var value = option.getAttribute("data-label");
      if (addsLines) {
        var lines = field.value.split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
        if (lines.indexOf(value) < 0) { lines.push(value); }
        field.value = lines.join("\n");
        input.value = "";
        status.textContent = texts.getAttribute("data-added").replace("%(label)s", value);
      } else {
        input.value = value;
      }
      close();
      input.focus();
    }
    function render(items) {
      list.textContent = "";
      options = items.map(function (item, i) {
        var option = document.createElement("li");
        option.id = id + "-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("data-label", item.label);
        var bdi = document.createElement("bdi");
        bdi.textContent = item.label;
        option.appendChild(bdi);
        if (item.matched) {
          var matched = document.createElement("span");
          matched.className = "matched";
          matched.textContent = " (" + item.matched + ")";
          option.appendChild(matched);
        }
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(option); });
        list.appendChild(option);
        return option;
      });
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      status.textContent = options.length ? texts.getAttribute("data-results").replace("%(n)s", options.length)
                                          : texts.getAttribute("data-none");
      highlight(-1);
    }
    function search() {
      var query = input.value.trim();
      if (query.length < 2) { close(); return; }
      if (query === lastQuery && !list.hidden) { return; }
      lastQuery = query;
      fetch(texts.getAttribute("data-url") + "?type=" + encodeURIComponent(type) + "&q=" + encodeURIComponent(query),
            { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (items) { if (input.value.trim() === query) { render(items); } })
        .catch(close);
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 150); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault(); list.hidden = false; input.setAttribute("aria-expanded", "true");
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault(); highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault(); choose(options[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-autocomplete]"), setup);
}());
