// What every newsroom page shares. A button (or form) that changes what
// readers see carries data-confirm with the question to ask; this script
// asks it in a dialog before the form goes, and marks the form confirmed
// so that the server does not ask again. A form with data-unsaved holds
// text saved nowhere: leaving the page asks first. Without this script
// the server asks with a page of its own, and nothing is lost either way.
(function () {
  "use strict";

  var dialog = document.getElementById("confirm-dialog");

  function hidden(form, name, value) {
    var el = form.querySelector('input[type=hidden][name="' + name + '"]');
    if (!el) {
      el = document.createElement("input");
      el.type = "hidden";
      el.name = name;
      form.appendChild(el);
    }
    el.value = value;
  }

  var leaving = false;
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var by = e.submitter || null;
    var ask = (by && by.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (!ask || form.getAttribute("data-confirmed") === "1" || !dialog || typeof dialog.showModal !== "function") {
      leaving = true;
      return;
    }
    // Ask first; the form's own handlers (autosave, the editor) run only
    // once the question is answered.
    e.preventDefault();
    e.stopImmediatePropagation();
    var src = by && by.getAttribute("data-confirm") ? by : form;
    dialog.querySelector(".confirm-message").textContent = ask;
    var yes = dialog.querySelector(".confirm-yes");
    yes.textContent = src.getAttribute("data-confirm-yes") || (by && by.textContent.trim()) || "OK";
    var noteName = src.getAttribute("data-confirm-note");
    var noteBox = dialog.querySelector(".confirm-note");
    var note = noteBox.querySelector("textarea");
    noteBox.hidden = !noteName;
    noteBox.querySelector("span").textContent = src.getAttribute("data-confirm-note-label") || "";
    note.value = "";
    dialog.returnValue = "";
    dialog.onclose = function () {
      if (dialog.returnValue !== "yes") return;
      hidden(form, "confirmed", "1");
      if (noteName) hidden(form, noteName, note.value);
      form.setAttribute("data-confirmed", "1");
      if (form.requestSubmit) form.requestSubmit(by || undefined); else form.submit();
    };
    dialog.showModal();
    (noteName ? note : yes).focus();
  }, true);

  // A form with data-async saves in place (an image's texts beside the
  // story being written), so that the page and what it holds stay.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.hasAttribute("data-async") || typeof fetch !== "function") return;
    e.preventDefault();
    e.stopImmediatePropagation();
    var out = form.querySelector(".async-status");
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" } })
      .then(function (res) { return res.json().then(function (j) { return { ok: res.ok, j: j }; }); })
      .then(function (r) {
        if (out) { out.textContent = r.ok ? r.j.saved : r.j.error; out.classList.toggle("bad", !r.ok); }
        if (!r.ok) return;
        form.classList.remove("missing");
        form.querySelectorAll('[data-async-done="remove"]').forEach(function (el) { el.remove(); });
      })
      .catch(function (err) { if (out) { out.textContent = err.message; out.classList.add("bad"); } });
  }, true);

  window.addEventListener("beforeunload", function (e) {
    if (leaving || !document.querySelector("form[data-unsaved]")) return;
    e.preventDefault();
    e.returnValue = "";
    return "";
  });
})();
