// The import preview, made quicker with a mouse; everything works without it.
// - Selecting words in an open paragraph's text fills that paragraph's "Split before the words"
//   field with them, so that "Split" cuts there.
// - "Open all" / "Close all" buttons open or close every row of the page.
(function () {
  "use strict";
  var form = document.querySelector("form.import-preview");
  if (!form) return;

  document.addEventListener("selectionchange", function () {
    var selection = document.getSelection();
    if (!selection || selection.isCollapsed || !selection.anchorNode) return;
    var node = selection.anchorNode.nodeType === 1 ? selection.anchorNode : selection.anchorNode.parentElement;
    var text = node && node.closest(".import-row[open] .import-text");
    if (!text) return;
    var field = text.closest(".import-row").querySelector("input[name$='-split_at']");
    var words = selection.toString().replace(/\s+/g, " ").trim().slice(0, 200);
    if (field && words) field.value = words;
  });

  var bar = document.createElement("p");
  bar.className = "import-toggle";
  [["open", form.dataset.openAll], ["close", form.dataset.closeAll]].forEach(function (pair) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-secondary button-small";
    button.textContent = pair[1];
    button.addEventListener("click", function () {
      form.querySelectorAll("details.import-row").forEach(function (row) { row.open = pair[0] === "open"; });
    });
    bar.appendChild(button);
  });
  var first = form.querySelector(".import-section");
  if (first) first.parentNode.insertBefore(bar, first);
})();
