// Adds a filter box above every <select data-filterable>: typing hides the options that do not
// match. Progressive enhancement: without JavaScript the full list still works.
(function () {
  "use strict";
  function normalize(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("select[data-filterable]").forEach(function (select) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "option-filter";
    input.placeholder = select.getAttribute("data-filter-placeholder") || "Filter…";
    input.setAttribute("aria-label", (select.labels && select.labels[0] ? select.labels[0].textContent : "") + " — filter");
    input.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(input, select);
    input.addEventListener("input", function () {
      var words = normalize(input.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        var text = normalize(option.textContent);
        // A chosen mandate stays visible so that it is never unselected unseen.
        option.hidden = !option.selected && !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
  });
})();
