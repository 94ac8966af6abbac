// The audit's progress without reloading the page: the counter, the bar and the time left are
// asked from /audit/<token>/progress every second; when the audit is done the page reloads once
// and shows the summary. Without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  var box = document.getElementById("progress");
  if (!box) return;
  var url = box.dataset.url, bar = box.querySelector("progress"), done = box.querySelector(".done"),
      total = box.querySelector(".total"), left = box.querySelector(".left");
  function word(n, one, few, many) {
    var a = n % 10, b = n % 100;
    return a === 1 && b !== 11 ? one : (a >= 2 && a <= 4 && (b < 12 || b > 14) ? few : many);
  }
  function poll() {
    fetch(url, {headers: {"Accept": "application/json"}, cache: "no-store"}).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (p) {
      if (!p.running) { window.location.reload(); return; }
      done.textContent = p.done; total.textContent = p.total;
      bar.max = p.total || 1; bar.value = p.done; bar.textContent = p.done + " из " + p.total;
      if (p.left !== null && p.left !== undefined) {
        var m = Math.floor(p.left / 60), s = Math.round(p.left % 60);
        left.textContent = "Осталось примерно " + (m ? m + " " + word(m, "минута", "минуты", "минут") + " " : "") +
          s + " " + word(s, "секунда", "секунды", "секунд") + ".";
      }
      setTimeout(poll, 1000);
    }).catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
