// The step-by-step guide's outcome (/guide/{guide_id}?path=…): the page works without a script;
// this only offers a print button, since printing the checklist is what a citizen does next.

const button = document.getElementById("guide-print");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
