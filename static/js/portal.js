// The portal's own scripts: zooming a Lampiran chart. No dependencies, no CDN.
(function () {
  function fit(view) {
    var svg = view.querySelector(".lampiran-canvas svg");
    if (svg) { svg.style.width = "100%"; svg.style.height = "auto"; }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.zoom");
    if (!button) { return; }
    var view = button.closest(".lampiran-view");
    var svg = view && view.querySelector(".lampiran-canvas svg");
    if (!svg) { return; }
    var step = parseFloat(button.dataset.step);
    if (step === 0) { fit(view); return; }
    var width = svg.getBoundingClientRect().width;
    svg.style.width = Math.max(200, width * (1 + step)) + "px";
    svg.style.height = "auto";
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var view = event.target.querySelector && event.target.querySelector(".lampiran-view");
    if (view) { fit(view); }
  });
})();
