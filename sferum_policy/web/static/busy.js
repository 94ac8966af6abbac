// While a form is being sent and checked: the button is disabled (no second check by a double
// click), says «Проверяем…» and a line below counts the seconds. Without JavaScript the form
// works as before.
(function () {
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    var status = form.querySelector(".busy-status");
    var timer = null;
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("aria-busy") === "true") { event.preventDefault(); return; }
      form.setAttribute("aria-busy", "true");
      var button = form.querySelector("button[type=submit]");
      if (button) {
        button.dataset.label = button.textContent;
        button.textContent = form.dataset.busy;
        // disabled after the submit has started: a disabled button would not be sent with the form
        setTimeout(function () { button.disabled = true; }, 0);
      }
      if (status) {
        var started = Date.now();
        status.hidden = false;
        var tick = function () {
          var s = Math.round((Date.now() - started) / 1000);
          status.querySelector(".busy-time").textContent = s < 1 ? "" : " Прошло " + s + " с.";
        };
        tick();
        timer = setInterval(tick, 1000);
      }
    });
    // back to the page from the browser's history: the form is usable again
    window.addEventListener("pageshow", function () {
      form.removeAttribute("aria-busy");
      var button = form.querySelector("button[type=submit]");
      if (button && button.dataset.label) { button.textContent = button.dataset.label; button.disabled = false; }
      if (status) status.hidden = true;
      if (timer) clearInterval(timer);
    });
  });
})();
