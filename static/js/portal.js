// The portal's own scripts: folding the menu on phones, zooming a Lampiran chart, sending a
// form when a [data-submit-on-change] select changes (the language). No dependencies, no CDN,
// and no inline script or handler anywhere: the Content-Security-Policy forbids them.
// Without JavaScript the menu simply stays open and the language form has its own button.
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
(function () {
  document.addEventListener("change", function (event) {
    var field = event.target.closest && event.target.closest("[data-submit-on-change]");
    if (field && field.form) { field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit(); }
  });
})();
(function () {
  // htmx leaves a 4xx answer unswapped. The portal's error fragments (data-portal-error) say
  // what is wrong where the user looks, so they replace the target like any answer; other
  // refusals (a full 403 page) still do not land inside a table row.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.status >= 400 && xhr.status < 500 && xhr.responseText.indexOf("data-portal-error") !== -1) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
