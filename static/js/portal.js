// The portal's own scripts: folding the menu on phones, zooming a Lampiran chart.
// No dependencies, no CDN. Without JavaScript the menu simply stays open.
(function () {
  var phone = window.matchMedia("(max-width: 47.99rem)");  // the width in portal.css
  function fold() {
    var menu = document.querySelector("details.menu");
    if (menu) { menu.open = !phone.matches; }
  }
  fold();
  phone.addEventListener("change", fold);
  document.addEventListener("keydown", function (event) {
    var menu = document.querySelector("details.menu");
    if (event.key === "Escape" && phone.matches && menu && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();
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
