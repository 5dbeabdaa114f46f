// Mawid's own start-up for the vendored Swagger UI (swagger-ui-dist, files beside this one):
// a file rather than an inline script, so the /schema page's Content-Security-Policy allows
// scripts from our own origin only. The schema's address comes from the page (api/schema_docs.py).
const root = document.getElementById("swagger-ui");
window.ui = window.SwaggerUIBundle({
  url: root.dataset.specUrl,
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null, // no badge fetched from validator.swagger.io
  presets: [window.SwaggerUIBundle.presets.apis],
});
