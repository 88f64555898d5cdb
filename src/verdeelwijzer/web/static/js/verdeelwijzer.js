// Verdeelwijzer: the little JavaScript the pages need (everything else is server-rendered + htmx).
(function () {
  "use strict";

  function zetLettergrootte(knop) {
    var groot = document.documentElement.classList.contains("groot");
    knop.setAttribute("aria-pressed", groot ? "true" : "false");
    knop.textContent = groot ? "A− kleiner" : "A+ groter";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var knop = document.getElementById("lettergrootte");
    if (knop) {
      zetLettergrootte(knop);
      knop.addEventListener("click", function () {
        var groot = document.documentElement.classList.toggle("groot");
        try { localStorage.setItem("vw-groot", groot ? "1" : "0"); } catch (e) { /* ignore */ }
        zetLettergrootte(knop);
      });
    }
  });

  // Map shapes are focusable (tabindex=0, role=button): Enter or Space activates them like a click.
  document.addEventListener("keydown", function (e) {
    var doel = e.target;
    if (!doel || !doel.getAttribute || doel.getAttribute("role") !== "button" || doel.tagName.toLowerCase() === "button") { return; }
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      doel.dispatchEvent(new CustomEvent("activeer", { bubbles: true }));
    }
  });

  // Highlight the chosen gemeente on the map and in the table.
  function markeer(code) {
    document.querySelectorAll("[data-code].gekozen").forEach(function (el) { el.classList.remove("gekozen"); });
    if (!code) { return; }
    document.querySelectorAll('[data-code="' + code + '"]').forEach(function (el) { el.classList.add("gekozen"); });
  }
  document.addEventListener("htmx:beforeRequest", function (e) {
    var bron = e.detail && e.detail.elt;
    if (bron && bron.closest) {
      var drager = bron.closest("[data-code]");
      if (drager && e.detail.target && e.detail.target.id === "detail") { markeer(drager.getAttribute("data-code")); }
    }
  });
})();
