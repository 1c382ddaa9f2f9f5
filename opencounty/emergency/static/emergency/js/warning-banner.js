// The public warning banner: the page may have been kept by a cache, so read the warnings
// active now (warnings.json is never kept without asking the server again) on load and every
// minute, and draw them. Without JavaScript the banner rendered into the page stays.
(function () {
  "use strict";
  var box = document.getElementById("emergency-warnings");
  if (!box || !window.fetch) {
    return;
  }
  var shown = "";

  function section(w) {
    var s = document.createElement("section");
    s.className = "warning-banner warning-" + w.level;
    s.setAttribute("aria-label", w.headline);
    s.setAttribute("data-warning", String(w.id));
    var p = document.createElement("p");
    p.className = "wrap";
    var title = document.createElement("strong");
    title.className = "warning-title";
    title.textContent = w.headline;
    var text = document.createElement("span");
    text.className = "warning-text";
    text.textContent = w.text;
    var until = document.createElement("span");
    until.className = "warning-until";
    until.textContent = box.getAttribute("data-until-label") + " " + w.valid_until_text;
    var more = document.createElement("a");
    more.href = box.getAttribute("data-more") + "#warning-" + w.id;
    more.textContent = box.getAttribute("data-more-label");
    p.append(title, " ", text, " ", until, " ", more);
    s.appendChild(p);
    return s;
  }

  function draw(warnings) {
    var ids = warnings.map(function (w) { return w.id; }).join(",");
    var current = Array.prototype.map.call(
      box.querySelectorAll("[data-warning]"),
      function (el) { return el.getAttribute("data-warning"); }
    ).join(",");
    if (ids === current && ids === shown) {
      return;
    }
    shown = ids;
    if (ids === current) {
      return;
    }
    box.replaceChildren.apply(box, warnings.map(section));
  }

  function refresh() {
    fetch(box.getAttribute("data-feed"), { cache: "no-store", credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && Array.isArray(data.warnings)) { draw(data.warnings); } })
      .catch(function () { /* keep what the page shows */ });
  }

  refresh();
  window.setInterval(refresh, 60000);
})();
