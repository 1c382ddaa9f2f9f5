// The error summary of a public form: it takes focus when the page opens, so a screen
// reader reads it first, and each link moves focus to its field (a plain #link only scrolls).
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) {
      return;
    }
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']") || field.closest("fieldset");
    (label || field).scrollIntoView();
    field.focus({ preventScroll: true });
    history.replaceState(null, "", "#" + field.id);
  });
})();
