// Filters the list of those held in the page itself: no request leaves the browser.
(function () {
  "use strict";
  var input = document.getElementById("filter");
  var occupation = document.getElementById("occupation");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#held-list tbody tr"));
  var shown = document.getElementById("shown");
  function norm(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function apply() {
    var words = norm(input.value).split(/\s+/).filter(Boolean);
    var code = occupation.value;
    var count = 0;
    rows.forEach(function (row) {
      var text = norm(row.getAttribute("data-search") || "");
      var codes = (row.getAttribute("data-occupations") || "").split(" ");
      var ok = words.every(function (w) { return text.indexOf(w) >= 0; }) && (code === "" || codes.indexOf(code) >= 0);
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = String(count);
  }
  // A link may carry a filter: index.html#q=poet
  if (window.location.hash.indexOf("#q=") === 0) {
    input.value = decodeURIComponent(window.location.hash.slice(3));
  }
  input.addEventListener("input", apply);
  occupation.addEventListener("change", apply);
  apply();
})();
