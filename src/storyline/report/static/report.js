// storyline: open a cited passage highlighted in its article; filter lists.
(function () {
  "use strict";
  function clearHits() {
    document.querySelectorAll(".m.hit").forEach(function (el) { el.classList.remove("hit"); });
  }
  function showPassage(anchor, start, end) {
    var article = document.getElementById(anchor);
    if (!article) { return false; }
    if (article.tagName === "DETAILS") { article.open = true; }
    clearHits();
    var first = null;
    article.querySelectorAll("[data-s]").forEach(function (el) {
      var s = Number(el.getAttribute("data-s")), e = Number(el.getAttribute("data-e"));
      if (s >= start && e <= end) {
        el.classList.add("hit");
        if (!first) { first = el; }
      }
    });
    if (first) { first.scrollIntoView({ block: "center" }); }
    return first !== null;
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a.cite[data-a]") : null;
    if (!link) { return; }
    var start = Number(link.getAttribute("data-s")), end = Number(link.getAttribute("data-e"));
    if (showPassage(link.getAttribute("data-a"), start, end)) {
      ev.preventDefault();
      history.replaceState(null, "", "#" + link.getAttribute("data-a") + "-" + start);
    }
  });
  document.addEventListener("change", function (ev) {
    var select = ev.target;
    if (!select.matches || !select.matches("select.filter")) { return; }
    var box = document.getElementById(select.getAttribute("data-target"));
    if (!box) { return; }
    var shown = 0;
    box.querySelectorAll("[data-key]").forEach(function (el) {
      var hide = select.value !== "" && el.getAttribute("data-key") !== select.value;
      el.hidden = hide;
      if (!hide) { shown += 1; }
    });
    box.setAttribute("data-shown", String(shown));
  });
  function fromHash() {
    var m = /^#(art-\d+)-(\d+)$/.exec(location.hash);
    if (!m) { return; }
    var article = document.getElementById(m[1]);
    if (article && article.tagName === "DETAILS") { article.open = true; }
    var el = document.getElementById(m[1] + "-" + m[2]);
    if (el) { el.scrollIntoView({ block: "center" }); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
}());
