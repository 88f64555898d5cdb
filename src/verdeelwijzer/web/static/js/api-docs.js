// Swagger UI for /api/docs, loaded from the vendored bundle (no internet, no validator badge).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: false, // deep links put a link inside each summary button (axe: nested-interactive)
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // Accessibility (axe-core in tests/web): Swagger's title is an h1 and its tag headings are h3, its model
    // headings h4; lift them one level so the outline has no gap, and put the title block in a labelled region.
    onComplete: function () {
      document.querySelectorAll(".opblock-tag").forEach(function (kop) { kop.setAttribute("aria-level", "2"); });
      document.querySelectorAll("#swagger-ui h4").forEach(function (kop) { kop.setAttribute("aria-level", "3"); });
      var info = document.querySelector(".information-container");
      if (info) { info.setAttribute("role", "region"); info.setAttribute("aria-label", "Over deze API"); }
    }
  });
});
