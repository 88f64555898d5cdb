// Presentation mode (/presentatie): one screen at a time; → / PageDown next, ← / PageUp previous,
// Escape back to /verdeling with the same settings. Focus moves to the heading of the screen shown.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var schermen = Array.prototype.slice.call(document.querySelectorAll(".scherm"));
    var terug = document.getElementById("terug");
    var nav = document.getElementById("bladeren");
    if (!schermen.length || !nav) { return; }
    document.documentElement.classList.add("met-js");
    nav.hidden = false;
    var vorige = document.getElementById("vorige");
    var volgende = document.getElementById("volgende");
    var teller = document.getElementById("teller");
    var index = 0;

    function toon(i, focus) {
      index = Math.max(0, Math.min(schermen.length - 1, i));
      schermen.forEach(function (s, j) { s.classList.toggle("actief", j === index); });
      var kop = schermen[index].querySelector("h2");
      teller.textContent = "Scherm " + (index + 1) + " van " + schermen.length + ": " +
        (kop ? kop.textContent.split(":")[0] : "");
      vorige.setAttribute("aria-disabled", index === 0 ? "true" : "false");
      volgende.setAttribute("aria-disabled", index === schermen.length - 1 ? "true" : "false");
      if (history.replaceState) { history.replaceState(null, "", "#" + schermen[index].id); }
      if (focus && kop) { kop.focus(); }
    }

    vorige.addEventListener("click", function () { toon(index - 1, true); });
    volgende.addEventListener("click", function () { toon(index + 1, true); });
    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) { return; }
      var doel = e.target;
      var tag = doel && doel.tagName ? doel.tagName.toLowerCase() : "";
      if (tag === "input" || tag === "select" || tag === "textarea") { return; }
      // Inside the scrollable table the arrow keys keep scrolling it; Page Up/Down still turn the page.
      var inTabel = doel && doel.closest && doel.closest(".scroll");
      if (e.key === "PageDown" || (e.key === "ArrowRight" && !inTabel)) { e.preventDefault(); toon(index + 1, true); }
      else if (e.key === "PageUp" || (e.key === "ArrowLeft" && !inTabel)) { e.preventDefault(); toon(index - 1, true); }
      else if (e.key === "Escape" && terug) { e.preventDefault(); window.location.href = terug.href; }
    });

    var begin = schermen.findIndex(function (s) { return "#" + s.id === window.location.hash; });
    toon(begin < 0 ? 0 : begin, false);
  });
})();
