// Keyboard shortcuts of the review queue (the buttons work without this file):
// j / k: next / previous claim; a: accept it; r: go to its reason field (Enter rejects).
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.claim-card"));
  if (cards.length === 0) { return; }
  var current = -1;

  function select(index) {
    if (index < 0 || index >= cards.length) { return; }
    if (current >= 0) { cards[current].classList.remove("current"); }
    current = index;
    cards[current].classList.add("current");
    cards[current].focus({ preventScroll: true });
    cards[current].scrollIntoView({ block: "nearest" });
  }

  // after a decision the page opens at #claim-N: start there, else at the first proposed claim
  var start = cards.findIndex(function (card) { return "#" + card.id === window.location.hash; });
  if (start < 0) { start = cards.findIndex(function (card) { return card.dataset.state === "proposed"; }); }
  if (start >= 0) { select(start); }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) {
      if (event.key === "Escape") { target.blur(); }
      return;
    }
    var card = current >= 0 ? cards[current] : null;
    if (event.key === "j") { select(current + 1); event.preventDefault(); }
    else if (event.key === "k") { select(current - 1); event.preventDefault(); }
    else if (event.key === "a" && card) {
      var accept = card.querySelector("form.accept");
      if (accept) { event.preventDefault(); accept.requestSubmit(); }
    } else if (event.key === "r" && card) {
      var reason = card.querySelector("form.reject input[name=reason]");
      if (reason) { event.preventDefault(); reason.focus(); }
    }
  });
})();
