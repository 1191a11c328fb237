// The admin export page's "Select all" box (templates/admin/import_export/export.html): bound
// here because the Content Security Policy refuses inline event handlers.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".select-toggle");
  if (toggle && typeof onSelectToggleChange === "function") {
    toggle.addEventListener("change", onSelectToggleChange);
  }
});
