// The story list's bulk actions: a box that chooses every story of the
// page, and only the field the chosen action needs (a section, a tag).
// Without this script every field shows and each story is ticked by hand.
(function () {
  "use strict";
  var form = document.getElementById("bulk-form");
  if (!form) return;
  var boxes = form.querySelectorAll('input[type=checkbox][name="story"]');
  var head = form.querySelector("th.pick");
  if (head && boxes.length) {
    var all = document.createElement("input");
    all.type = "checkbox";
    all.setAttribute("aria-label", head.textContent.trim());
    head.textContent = "";
    head.appendChild(all);
    all.addEventListener("change", function () {
      Array.prototype.forEach.call(boxes, function (b) { b.checked = all.checked; });
    });
    form.addEventListener("change", function (e) {
      if (e.target.name !== "story") return;
      var n = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
      all.checked = n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
    });
  }
  var action = form.querySelector("select.bulk-action");
  if (!action) return;
  var section = form.querySelector(".bulk-section");
  var tag = form.querySelector(".bulk-tag");
  function show() {
    if (section) section.hidden = action.value !== "section";
    if (tag) tag.hidden = action.value !== "tag";
  }
  action.addEventListener("change", show);
  show();
})();
