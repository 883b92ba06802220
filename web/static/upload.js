// Khabar's image picker and upload for the story editor. The lead image's
// <select> stays the value the form posts (and all a page without scripts
// has); this script puts a thumbnail and two buttons beside it — choose
// from the library, upload a new image — and serves editor.js's image
// button and the files dropped on the text. The library is searched on the
// server, a page at a time, each time the picker opens, so an image just
// uploaded anywhere is there at once. An upload asks for the caption,
// credit and alt text in the story's language and goes through the same
// checks as the media library's (POST /admin/media).
(function () {
  "use strict";

  var form = document.getElementById("story-form");
  var picker = document.getElementById("media-picker");
  if (!form || !picker || typeof picker.showModal !== "function") return;
  var uploader = document.getElementById("upload-dialog");
  var lead = form.querySelector(".lead-field");
  var select = lead && lead.querySelector("select.media-select");
  var langSelect = document.getElementById("story-lang");

  function lang() { return langSelect ? langSelect.value : (picker.getAttribute("data-lang") || ""); }
  function msg(el, name) { return (el && el.getAttribute("data-msg-" + name)) || ""; }
  function fill(s, name, value) { return (s || "").split("{" + name + "}").join(value); }

  // pick reads a per-language text in the story's language, or any.
  function pick(t) {
    if (!t) return "";
    var l = lang();
    if (t[l]) return t[l];
    for (var k in t) if (t[k]) return t[k];
    return "";
  }

  // item is an image of /admin/media.json as the editor uses it.
  function item(m) {
    var urls = m.urls || {};
    var it = { id: String(m.id), src: urls.article || urls.original, thumb: urls.thumb || urls.original,
      alt: pick(m.alt), caption: pick(m.caption), credit: pick(m.credit), width: m.width, height: m.height };
    (m.variants || []).forEach(function (v) { if (v.name === "article") { it.width = v.width; it.height = v.height; } });
    it.label = it.caption || it.alt || "#" + it.id;
    return it;
  }

  function hasFiles(e) {
    return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0;
  }

  // ---- The library picker ------------------------------------------------
  var q = picker.querySelector("#media-q");
  var grid = picker.querySelector(".media-grid");
  var status = picker.querySelector(".media-picker-status");
  var more = picker.querySelector(".media-picker-more");
  var onPick = null, page = 1, ctl = null, timer = null;

  function openPicker(cb) {
    onPick = cb;
    q.value = "";
    load(true);
    picker.showModal();
    q.focus();
  }

  function load(reset) {
    if (reset) { page = 1; grid.textContent = ""; }
    if (ctl) ctl.abort();
    ctl = new AbortController();
    var url = "/admin/media.json?page=" + page + "&q=" + encodeURIComponent(q.value.trim());
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, signal: ctl.signal })
      .then(function (res) { if (!res.ok) throw new Error(res.status); return res.json(); })
      .then(function (j) {
        (j.items || []).forEach(function (m) { grid.appendChild(choice(item(m))); });
        more.hidden = !(j.pages > page);
        status.textContent = fill(msg(picker, "count"), "n", j.total || 0);
      })
      .catch(function (err) {
        if (err && err.name === "AbortError") return;
        status.textContent = msg(picker, "failed");
      });
  }

  function choice(it) {
    var b = document.createElement("button");
    b.type = "button";
    b.setAttribute("data-id", it.id);
    var img = document.createElement("img");
    img.src = it.thumb;
    img.alt = "";
    img.loading = "lazy";
    var cap = document.createElement("span");
    cap.textContent = it.label;
    cap.dir = "auto";
    b.appendChild(img);
    b.appendChild(cap);
    b.addEventListener("click", function () {
      picker.close();
      if (onPick) onPick(it);
    });
    return b;
  }

  q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { load(true); }, 250);
  });
  q.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
  more.querySelector("button").addEventListener("click", function () { page++; load(false); });
  var openUploadButton = picker.querySelector(".media-upload-open");
  if (openUploadButton) {
    openUploadButton.addEventListener("click", function () {
      picker.close();
      openUpload(null, onPick);
    });
  }

  // ---- Upload --------------------------------------------------------------
  var upForm = uploader && uploader.querySelector("form");
  var fileInput = uploader && uploader.querySelector("#upload-file");
  // The preview is made when there is a file: an image without a source
  // would count as a broken one.
  var preview = null;
  var upError = uploader && uploader.querySelector(".upload-error");
  var upStatus = uploader && uploader.querySelector(".upload-status");
  var onUploaded = null, objectURL = null;

  function openUpload(file, cb) {
    if (!uploader) return;
    onUploaded = cb;
    upForm.reset();
    upError.hidden = true;
    upStatus.textContent = "";
    showPreview(null);
    if (file) setFile(file);
    uploader.showModal();
    (file ? uploader.querySelector("#upload-caption") : fileInput).focus();
  }

  function setFile(file) {
    var dt = new DataTransfer();
    dt.items.add(file);
    fileInput.files = dt.files;
    showPreview(file);
  }

  function showPreview(file) {
    if (objectURL) URL.revokeObjectURL(objectURL);
    objectURL = file ? URL.createObjectURL(file) : null;
    if (preview) { preview.remove(); preview = null; }
    if (!file) return;
    preview = document.createElement("img");
    preview.className = "upload-preview";
    preview.alt = "";
    preview.src = objectURL;
    uploader.querySelector(".drop-zone").appendChild(preview);
  }

  if (uploader) {
    fileInput.addEventListener("change", function () { showPreview(fileInput.files[0] || null); });
    uploader.querySelector(".upload-cancel").addEventListener("click", function () { uploader.close(); });
    var zone = uploader.querySelector(".drop-zone");
    zone.addEventListener("dragover", function (e) { if (hasFiles(e)) { e.preventDefault(); zone.classList.add("over"); } });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      zone.classList.remove("over");
      if (!e.dataTransfer.files.length) return;
      e.preventDefault();
      setFile(e.dataTransfer.files[0]);
    });
    upForm.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!upForm.reportValidity()) return;
      send();
    });
  }

  function send() {
    var l = lang();
    var data = new FormData();
    data.append("file", fileInput.files[0]);
    data.append("caption." + l, uploader.querySelector("#upload-caption").value);
    data.append("credit." + l, uploader.querySelector("#upload-credit").value);
    data.append("alt." + l, uploader.querySelector("#upload-alt").value);
    var button = uploader.querySelector(".upload-send");
    button.disabled = true;
    upError.hidden = true;
    upStatus.textContent = msg(uploader, "sending");
    fetch("/admin/media", { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.json().catch(function () { return {}; }).then(function (j) { return { ok: res.ok, status: res.status, json: j }; }); })
      .then(function (r) {
        if (!r.ok) throw new Error(r.json.error || String(r.status));
        uploader.close();
        if (onUploaded) onUploaded(item(r.json));
      })
      .catch(function (err) {
        upError.textContent = err.message;
        upError.hidden = false;
        upStatus.textContent = "";
      })
      .then(function () { button.disabled = false; });
  }

  // ---- The body: editor.js's image button and dropped files --------------
  document.addEventListener("khabar:pick-image", function (e) { openPicker(e.detail.insert); });
  document.addEventListener("khabar:drop-image", function (e) {
    if (uploader) openUpload(e.detail.file, e.detail.insert);
  });

  // ---- The lead image ----------------------------------------------------
  if (!select || select.disabled || select.closest("fieldset[disabled]")) return;
  var figure = lead.querySelector(".lead-figure");
  var previewImg = lead.querySelector(".lead-preview");
  var caption = lead.querySelector(".lead-caption");
  var credit = lead.querySelector(".lead-credit");
  var tools = document.createElement("div");
  tools.className = "lead-tools";
  function button(text, fn) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "small";
    b.textContent = text;
    b.addEventListener("click", fn);
    tools.appendChild(b);
    return b;
  }
  var chooseButton = button(lead.getAttribute("data-msg-choose"), function () { openPicker(setLead); });
  chooseButton.id = "lead-choose";
  if (uploader) button(lead.getAttribute("data-msg-upload"), function () { openUpload(null, setLead); });
  var noneButton = button(lead.getAttribute("data-msg-none"), function () { setLead(null); });
  select.hidden = true;
  select.parentNode.insertBefore(tools, select.nextSibling);
  var label = lead.querySelector('label[for="lead_media"]');
  if (label) label.htmlFor = "lead-choose";

  // setLead makes an image the lead (null: none); the select keeps the value.
  function setLead(it) {
    if (it) {
      var o = select.querySelector('option[value="' + it.id + '"]');
      if (!o) {
        o = document.createElement("option");
        o.value = it.id;
        select.appendChild(o);
      }
      o.textContent = it.label;
      o.setAttribute("data-src", it.src);
      o.setAttribute("data-alt", it.alt);
      o.setAttribute("data-caption", it.caption);
      o.setAttribute("data-credit", it.credit);
    }
    select.value = it ? it.id : "";
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function showLead() {
    var o = select.options[select.selectedIndex];
    var src = o && o.getAttribute("data-src");
    figure.hidden = !src;
    noneButton.hidden = !src;
    if (!src) return;
    if (!previewImg) {
      previewImg = document.createElement("img");
      previewImg.className = "lead-preview";
      figure.insertBefore(previewImg, figure.firstChild);
    }
    previewImg.src = src;
    previewImg.alt = o.getAttribute("data-alt") || "";
    caption.textContent = o.getAttribute("data-caption") || "";
    var c = o.getAttribute("data-credit") || "";
    credit.hidden = !c;
    credit.textContent = (form.getAttribute("data-photo-label") || "{credit}").replace("{credit}", c);
  }
  select.addEventListener("change", showLead);
  showLead();

  lead.addEventListener("dragover", function (e) {
    if (!hasFiles(e) || !uploader) return;
    e.preventDefault();
    lead.classList.add("over");
  });
  lead.addEventListener("dragleave", function () { lead.classList.remove("over"); });
  lead.addEventListener("drop", function (e) {
    lead.classList.remove("over");
    if (!uploader || !e.dataTransfer.files.length) return;
    e.preventDefault();
    openUpload(e.dataTransfer.files[0], setLead);
  });
})();
