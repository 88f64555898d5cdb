// Linked weight sliders (/verdeling, /scenarios): the weights always add up to 100 %.
// Rule (mirrors verdeelwijzer.verdeling.gewichten.herverdeel; work in whole tenths of a percent):
// the moved indicator gets its value; 100 % minus that value is shared over the others in proportion
// to their current weights (equally if they are all 0), by largest remainder; equal remainders: the
// indicator higher in the list first. Typed text ("50", "50 %", "50,5") is read on change; text that is
// not a number yet is left alone (no error state) and restored to the last value on leaving the field.
(function () {
  "use strict";

  function tienden(tekst) {
    var t = String(tekst).replace(/[\s\u00a0]/g, "").replace(/%$/, "").replace(",", ".");
    if (t === "") { return 0; }
    var m = /^(\d*)(?:\.(\d*))?$/.exec(t);
    if (!m || (m[1] === "" && !m[2])) { return null; }
    var dec = (m[2] || "") + "00";
    var v = parseInt(m[1] || "0", 10) * 10 + parseInt(dec[0], 10) + (parseInt(dec[1], 10) >= 5 ? 1 : 0);
    return Math.max(0, Math.min(1000, v));
  }

  function tekst(t) { return t % 10 === 0 ? String(t / 10) : Math.floor(t / 10) + "," + (t % 10); }

  function rijen(groep) { return Array.prototype.slice.call(groep.querySelectorAll("[data-gewicht]")); }
  function veld(rij) { return rij.querySelector("input[type=text]"); }
  function schuif(rij) { return rij.querySelector("input[type=range]"); }

  function zet(rij, t) {
    veld(rij).value = tekst(t);
    rij.setAttribute("data-laatst", String(t));
    schuif(rij).value = String(t / 10);
    schuif(rij).setAttribute("aria-valuetext", tekst(t) + " %");
  }

  function toonSom(groep) {
    var som = rijen(groep).reduce(function (s, r) { return s + (tienden(veld(r).value) || 0); }, 0);
    var uit = groep.querySelector("[data-som]");
    if (uit) { uit.textContent = tekst(som); }
  }

  function herverdeel(groep, gekozen, waarde) {
    var anderen = rijen(groep).filter(function (r) { return r !== gekozen; });
    var huidig = anderen.map(function (r) {
      var t = r.getAttribute("data-laatst");
      return t === null ? (tienden(veld(r).value) || 0) : parseInt(t, 10);
    });
    var som = huidig.reduce(function (a, b) { return a + b; }, 0);
    if (som === 0) { huidig = anderen.map(function () { return 1; }); som = anderen.length; }
    var rest = 1000 - waarde;
    // exact integer arithmetic: quotum_i = huidig_i * rest / som
    var delen = huidig.map(function (h) { return Math.floor(h * rest / som); });
    var resten = huidig.map(function (h, i) { return { i: i, r: h * rest - delen[i] * som }; });
    var over = rest - delen.reduce(function (a, b) { return a + b; }, 0);
    resten.sort(function (a, b) { return b.r - a.r || a.i - b.i; });
    for (var k = 0; k < over; k++) { delen[resten[k].i] += 1; }
    zet(gekozen, waarde);
    anderen.forEach(function (r, i) { zet(r, delen[i]); });
    toonSom(groep);
  }

  function formulier(el) { return el.form || (el.closest && el.closest("form")); }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-schuiven]").forEach(function (groep) {
      rijen(groep).forEach(function (r) {
        var t = tienden(veld(r).value);
        r.setAttribute("data-laatst", String(t === null ? 0 : t));
        schuif(r).hidden = false;  // without JavaScript only the typed fields are shown (and submitted)
        schuif(r).setAttribute("aria-valuetext", tekst(t || 0) + " %");
      });
      toonSom(groep);
    });
  });

  // Slider moved (mouse, touch or arrow keys): rebalance now, recalculate after a short pause.
  document.addEventListener("input", function (e) {
    var el = e.target;
    if (!el.matches || !el.matches("[data-gewicht] input[type=range]")) { return; }
    var rij = el.closest("[data-gewicht]");
    herverdeel(rij.closest("[data-schuiven]"), rij, Math.round(parseFloat(el.value) * 10));
    var f = formulier(el);
    if (f && window.htmx) { window.htmx.trigger(f, "herbereken"); }
  }, true);

  // Typed value committed (Enter or leaving the field): rebalance before htmx reads the form.
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!el.matches) { return; }
    if (el.matches("[data-gewicht] input[type=range]")) { return; }
    if (el.matches("[data-gewicht] input[type=text]")) {
      var rij = el.closest("[data-gewicht]");
      var t = tienden(el.value);
      if (t === null) {
        var laatst = parseInt(rij.getAttribute("data-laatst") || "0", 10);
        el.value = tekst(laatst);
        return;
      }
      herverdeel(rij.closest("[data-schuiven]"), rij, t);
    }
  }, true);

  // The range's own change event should not start a second calculation (its input events already did).
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("[data-gewicht] input[type=range]")) { e.stopPropagation(); }
  }, true);

  // Scenario cards: a card without a name is not compared; show that while typing.
  document.addEventListener("input", function (e) {
    var el = e.target;
    if (!el.matches || !el.matches(".scenariokaart input[name^=naam_]") || el.name === "naam_1") { return; }
    el.closest(".scenariokaart").classList.toggle("uit", el.value.trim() === "");
  });

  // A gemeente (table, map) or "meer kolommen": set the hidden field and recalculate through the same
  // form, so requests stay in order (hx-sync) and the chosen gemeente's explanation is never wiped.
  function kies(el, e) {
    var f = document.querySelector("form[data-instrument]");
    if (!f || !window.htmx || !f.elements[el.getAttribute("data-zet")]) { return; }
    e.preventDefault();
    f.elements[el.getAttribute("data-zet")].value = el.getAttribute("data-waarde") || "";
    window.htmx.trigger(f, "kies");
  }
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-zet]");
    if (el) { kies(el, e); }
  });
})();
