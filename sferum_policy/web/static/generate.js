// Progressive enhancement: changing the organisation kind re-shows the form at once
// (without JavaScript the «Применить вид» button does the same).
(function () {
  var select = document.getElementById("f-organization-kind");
  var form = document.getElementById("gen");
  if (!select || !form) return;
  document.querySelectorAll(".js-hide").forEach(function (b) { b.hidden = true; });
  select.addEventListener("change", function () {
    var action = document.createElement("input");
    action.type = "hidden"; action.name = "action"; action.value = "kind";
    form.appendChild(action);
    form.submit();
  });
})();
