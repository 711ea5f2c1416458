// Injected by `newsgen serve` into the pages it sends (never written to the site):
// reloads the page after each rebuild, and shows a failed rebuild's errors on top.
(function () {
  "use strict";
  var shown = null;
  var generation = null;
  function overlay(text) {
    if (shown) { shown.remove(); shown = null; }
    if (!text) { return; }
    shown = document.createElement("div");
    shown.id = "newsgen-build-error";
    shown.setAttribute("role", "alert");
    shown.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 monospace;padding:2rem;white-space:pre-wrap";
    var title = document.createElement("strong");
    title.textContent = "newsgen: the last rebuild failed; this is the last good site.\n\n";
    shown.appendChild(title);
    shown.appendChild(document.createTextNode(text));
    document.body.appendChild(shown);
  }
  var events = new EventSource("/_newsgen/events");
  events.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (generation !== null && state.generation !== generation && !state.error) {
      location.reload();
      return;
    }
    generation = state.generation;
    overlay(state.error);
  });
})();
