// A scan beside its text (review page of an OCRed source): one page shown at a time, the page
// holding the selected claim; that claim's words lit up on the image and in the text. Without
// this file every page is shown and every claim's words are boxed.
(function () {
  "use strict";
  var scan = document.querySelector("section.scan:not(.single)");
  var figures = scan ? Array.prototype.slice.call(scan.querySelectorAll("figure.scan-page")) : [];
  var links = scan ? Array.prototype.slice.call(scan.querySelectorAll(".scan-nav a[data-page]")) : [];

  function showPage(number) {
    if (figures.length < 2) { return; }
    var wanted = String(number);
    if (!figures.some(function (f) { return f.dataset.page === wanted; })) { return; }
    figures.forEach(function (f) { f.hidden = f.dataset.page !== wanted; });
    links.forEach(function (a) {
      if (a.dataset.page === wanted) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
  }

  function light(claimId) {
    document.querySelectorAll(".box.current, mark.current").forEach(function (el) { el.classList.remove("current"); });
    if (!claimId) { return; }
    var lit = document.querySelectorAll('.box[data-claims~="' + claimId + '"], mark[data-claims~="' + claimId + '"]');
    lit.forEach(function (el) { el.classList.add("current"); });
    var box = scan && scan.querySelector('.box[data-claims~="' + claimId + '"]');
    if (box) { box.scrollIntoView({ block: "nearest" }); }
    var mark = document.querySelector('.document mark[data-claims~="' + claimId + '"]');
    var text = mark && mark.closest(".document");
    if (mark && text && text.scrollHeight > text.clientHeight) {  // scroll the text, not the page
      text.scrollTop = mark.offsetTop - text.offsetTop - text.clientHeight / 3;
    }
  }

  if (scan) {
    showPage(scan.dataset.first);
    links.forEach(function (a) {
      a.addEventListener("click", function (event) { event.preventDefault(); showPage(a.dataset.page); });
    });
  }
  document.addEventListener("letapis:claim", function (event) {
    var card = event.detail;
    if (card.dataset.scanPage) { showPage(card.dataset.scanPage); }
    light(card.id.replace("claim-", ""));
  });
})();

// Keyboard shortcuts of the review queue (the buttons work without this file):
// j / k: next / previous claim; a: accept it; A: accept a person with its claims; r: go to its
// reason field (Enter rejects); e: its edit page; u: undo its decision. The keys stop only at
// the claims that can be decided or undone (data-keys): a claim waiting for its person claim
// is passed over.
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.claim-card"));
  if (cards.length === 0) { return; }
  var current = -1;

  function landable(index) { return cards[index].dataset.keys === "1"; }

  function select(index) {
    if (index < 0 || index >= cards.length) { return; }
    if (current >= 0) { cards[current].classList.remove("current"); }
    current = index;
    cards[current].classList.add("current");
    cards[current].focus({ preventScroll: true });
    cards[current].scrollIntoView({ block: "nearest" });
    document.dispatchEvent(new CustomEvent("letapis:claim", { detail: cards[current] }));
  }

  function step(direction) {
    for (var i = current + direction; i >= 0 && i < cards.length; i += direction) {
      if (landable(i)) { select(i); return; }
    }
  }

  function submit(card, selector) {
    var form = card.querySelector(selector);
    if (form) { form.requestSubmit(); return true; }
    return false;
  }

  // after a decision the page opens at #claim-N: start there, else at the first decidable claim
  // (or, when that one waits for its person, at the next claim the keys stop at)
  var start = cards.findIndex(function (card) { return "#" + card.id === window.location.hash; });
  if (start >= 0 && !landable(start)) {
    var from = start;
    start = cards.findIndex(function (card, i) { return i > from && landable(i); });
  }
  if (start < 0) {
    start = cards.findIndex(function (card, i) { return card.dataset.state === "proposed" && landable(i); });
  }
  if (start >= 0) { select(start); }

  // a box on a scan or a mark in the text links to #claim-N: select that claim
  window.addEventListener("hashchange", function () {
    var index = cards.findIndex(function (card) { return "#" + card.id === window.location.hash; });
    if (index >= 0) { select(index); }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) {
      if (event.key === "Escape") { target.blur(); }
      return;
    }
    var card = current >= 0 && landable(current) ? cards[current] : null;
    if (event.key === "j") { step(1); event.preventDefault(); }
    else if (event.key === "k") { step(-1); event.preventDefault(); }
    else if (!card) { return; }
    else if (event.key === "a") {
      if (submit(card, "form.accept")) { event.preventDefault(); }
    } else if (event.key === "A") {
      if (submit(card, "form.accept-group")) { event.preventDefault(); }
    } else if (event.key === "u") {
      if (submit(card, "form.undo")) { event.preventDefault(); }
    } else if (event.key === "e") {
      var edit = card.querySelector("a.edit");
      if (edit) { event.preventDefault(); window.location.assign(edit.href); }
    } else if (event.key === "r") {
      var reason = card.querySelector("form.reject input[name=reason]");
      if (reason) { event.preventDefault(); reason.focus(); }
    }
  });
})();
