// Khabar's story editor. The page works without it: the body is a
// <textarea> of HTML and the form posts normally. This script makes the
// textarea a formatted editing area with a toolbar, cleans pasted text on
// the server, inserts images (picked or uploaded by upload.js), and saves the form every
// twenty seconds while something changed. The server stays the judge of
// everything: it cleans the body again on every save.
(function () {
  "use strict";

  var form = document.getElementById("story-form");
  if (!form) return;
  var textarea = form.querySelector("textarea.body-source");
  var msg = function (name) { return form.getAttribute("data-msg-" + name) || ""; };
  var status = form.querySelector(".autosave-status");

  function say(text, bad) {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("bad", !!bad);
  }

  // ---- Change tracking -------------------------------------------------
  var changes = 0;     // counts edits, so a save knows whether more came after it
  var savedAt = 0;     // the value of changes that the last save carried
  var submitting = false;
  function changed() { changes++; }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  // ---- The editing area --------------------------------------------------
  var area = null;
  var toolbar = form.querySelector(".editor-toolbar");
  if (textarea && !textarea.readOnly && toolbar) {
    area = document.createElement("div");
    area.className = "editor-area story-body";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("aria-labelledby", "body-label");
    var label = form.querySelector('label[for="body"]');
    if (label) { label.id = "body-label"; label.htmlFor = ""; }
    setLanguage(textarea.getAttribute("lang"), textarea.getAttribute("dir"));
    area.innerHTML = textarea.value.trim() || "<p><br></p>";
    textarea.hidden = true;
    textarea.parentNode.insertBefore(area, textarea);
    toolbar.hidden = false;
    document.documentElement.classList.add("js-editor");
    try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (e) { /* older browsers */ }
    try { document.execCommand("styleWithCSS", false, false); } catch (e) { /* idem */ }
    area.addEventListener("input", function () { sync(); changed(); });
    area.addEventListener("paste", paste);
    // Keep the selection in the text while a toolbar button is pressed.
    toolbar.addEventListener("mousedown", function (e) {
      if (e.target.closest("button")) e.preventDefault();
    });
    toolbar.addEventListener("click", toolbarClick);
  }

  function setLanguage(lang, dir) {
    // Direction comes from the version's language, so Arabic with Latin
    // and Cyrillic names inside is laid out as Arabic.
    var els = [area, textarea, form.querySelector("#title"), form.querySelector("#summary")];
    els.forEach(function (el) {
      if (!el) return;
      if (lang) el.setAttribute("lang", lang);
      el.setAttribute("dir", dir || "auto");
    });
  }

  var langSelect = form.querySelector("#story-lang");
  if (langSelect) {
    langSelect.addEventListener("change", function () {
      var opt = langSelect.options[langSelect.selectedIndex];
      setLanguage(opt.value, opt.getAttribute("data-dir"));
    });
  }

  function sync() {
    if (area && textarea.hidden) textarea.value = area.innerHTML;
  }

  function currentBlock() {
    var sel = window.getSelection();
    if (!sel.rangeCount) return null;
    var n = sel.getRangeAt(0).startContainer;
    while (n && n !== area) {
      if (n.nodeType === 1 && /^(P|H2|H3|H4|BLOCKQUOTE|LI|FIGURE)$/.test(n.nodeName)) return n;
      n = n.parentNode;
    }
    return null;
  }

  function toolbarClick(e) {
    var b = e.target.closest("button");
    if (!b) return;
    var block = b.getAttribute("data-block");
    var cmd = b.getAttribute("data-cmd");
    if (cmd === "source") { toggleSource(b); return; }
    if (textarea && !textarea.hidden) return; // editing the HTML itself
    area.focus();
    if (block) {
      var cur = currentBlock();
      var same = cur && cur.nodeName.toLowerCase() === block;
      document.execCommand("formatBlock", false, "<" + (same && block !== "p" ? "p" : block) + ">");
    } else if (cmd === "link") {
      var url = window.prompt(msg("link"), "https://");
      if (url === null) return;
      url = url.trim();
      if (url === "" || url === "https://") document.execCommand("unlink");
      else if (/^(https?:|mailto:|\/)/i.test(url)) document.execCommand("createLink", false, url);
    } else if (cmd === "image") {
      openPicker();
      return;
    } else if (cmd) {
      document.execCommand(cmd);
    }
    sync();
    changed();
  }

  function toggleSource(b) {
    if (textarea.hidden) {
      sync();
      textarea.hidden = false;
      area.hidden = true;
      b.setAttribute("aria-pressed", "true");
      textarea.focus();
    } else {
      area.innerHTML = textarea.value.trim() || "<p><br></p>";
      textarea.hidden = true;
      area.hidden = false;
      b.setAttribute("aria-pressed", "false");
      area.focus();
    }
  }

  // ---- Paste: the server cleans word-processor HTML --------------------
  function paste(e) {
    var data = e.clipboardData;
    if (!data) return;
    var html = data.getData("text/html");
    var text = data.getData("text/plain");
    e.preventDefault();
    var range = saveRange();
    if (!html) { insertHTML(textToHTML(text), range); return; }
    post("/admin/clean", new URLSearchParams({ html: html })).then(function (res) {
      if (!res.ok) throw new Error(res.status);
      return res.text();
    }).then(function (clean) {
      insertHTML(clean, range);
    }).catch(function () {
      insertHTML(textToHTML(text), range);
      say(msg("paste-failed"), true);
    });
  }

  function textToHTML(text) {
    var div = document.createElement("div");
    return text.split(/\r?\n\s*\r?\n/).map(function (p) {
      div.textContent = p.trim();
      return div.innerHTML ? "<p>" + div.innerHTML.replace(/\r?\n/g, "<br>") + "</p>" : "";
    }).join("");
  }

  function saveRange() {
    var sel = window.getSelection();
    if (sel.rangeCount && area.contains(sel.getRangeAt(0).commonAncestorContainer)) return sel.getRangeAt(0).cloneRange();
    return null;
  }

  function insertHTML(html, range) {
    area.focus();
    if (range) {
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    document.execCommand("insertHTML", false, html);
    sync();
    changed();
  }

  // ---- Images ------------------------------------------------------------
  // upload.js finds images in the library or uploads them (the toolbar's
  // button, a file dropped on the text); this file only inserts them, as a
  // figure with its caption and credit, where the caret or the drop was.
  var pickerRange = null;
  function openPicker() {
    pickerRange = saveRange();
    document.dispatchEvent(new CustomEvent("khabar:pick-image", { detail: { insert: insertFigure } }));
  }

  if (area) {
    area.addEventListener("dragover", function (e) {
      if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) e.preventDefault();
    });
    area.addEventListener("drop", function (e) {
      var files = e.dataTransfer && e.dataTransfer.files;
      if (!files || !files.length) return;
      e.preventDefault();
      pickerRange = document.caretRangeFromPoint ? document.caretRangeFromPoint(e.clientX, e.clientY) : saveRange();
      document.dispatchEvent(new CustomEvent("khabar:drop-image", { detail: { file: files[0], insert: insertFigure } }));
    });
  }

  function insertFigure(m) {
    var fig = document.createElement("figure");
    var img = document.createElement("img");
    img.src = m.src;
    img.alt = m.alt || "";
    if (m.width) img.setAttribute("width", m.width);
    if (m.height) img.setAttribute("height", m.height);
    fig.appendChild(img);
    var parts = [];
    if (m.caption) parts.push(m.caption);
    if (m.credit) parts.push((form.getAttribute("data-photo-label") || "{credit}").replace("{credit}", m.credit));
    if (parts.length) {
      var cap = document.createElement("figcaption");
      cap.textContent = parts.join(" — ");
      fig.appendChild(cap);
    }
    insertHTML(fig.outerHTML + "<p><br></p>", pickerRange);
  }

  // ---- Saving ------------------------------------------------------------
  function post(url, body) {
    return fetch(url, { method: "POST", body: body, credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" } });
  }

  var autosaveURL = form.getAttribute("data-autosave");
  var inflight = null;
  var stopped = !autosaveURL;
  var pendingSubmit = null;

  function setBase(rev) {
    document.querySelectorAll("input.js-base").forEach(function (el) { el.value = rev; });
  }

  function autosave() {
    if (stopped || inflight || submitting || changes === savedAt) return;
    var title = form.querySelector("#title");
    if (title && !title.value.trim()) return; // a story needs a headline to be saved
    sync();
    var upTo = changes;
    say(msg("saving"));
    inflight = post(autosaveURL, new URLSearchParams(new FormData(form))).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) { return { res: res, json: json }; });
    }).then(function (r) {
      if (r.res.ok) {
        savedAt = upTo;
        setBase(r.json.revision);
        var storyRev = form.querySelector('input[name="story_revision"]');
        if (storyRev && r.json.story_revision) storyRev.value = r.json.story_revision;
        var rev = form.querySelector(".revision");
        if (rev && r.json.revision_text) rev.textContent = r.json.revision_text;
        if (r.json.editor) {
          // The first save of a new story created it: carry on there.
          form.action = r.json.editor;
          autosaveURL = r.json.autosave;
          form.setAttribute("data-new", "");
          if (langSelect) langSelect.disabled = true;
          var lang = document.createElement("input");
          lang.type = "hidden";
          lang.name = "lang";
          lang.value = langSelect ? langSelect.value : "";
          form.appendChild(lang);
          history.replaceState(null, "", r.json.editor);
        }
        say(msg("saved").replace("{time}", r.json.saved || ""));
      } else if (r.res.status === 409 || r.res.status === 403 || r.res.status === 401) {
        stopped = true;
        say(r.res.status === 409 ? msg("conflict") : (r.json.error || ""), true);
      } else {
        say(msg("failed").replace("{error}", r.json.error || r.res.status), true);
      }
    }).catch(function (err) {
      say(msg("failed").replace("{error}", err.message || ""), true);
    }).then(function () {
      inflight = null;
      if (pendingSubmit !== null) {
        var s = pendingSubmit;
        pendingSubmit = null;
        if (s && form.requestSubmit) form.requestSubmit(s); else form.submit();
      }
    });
  }
  if (autosaveURL) {
    window.setInterval(autosave, 20000);
    // Leaving the tab (for the wire, a call, lunch) saves at once.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") autosave();
    });
  }

  form.addEventListener("submit", function (e) {
    sync();
    if (inflight) {
      // Wait for the automatic save, so that this one is based on it.
      e.preventDefault();
      pendingSubmit = e.submitter || false;
      return;
    }
    submitting = true;
  });

  // Ctrl+S saves, as in any editor.
  document.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && (e.key === "s" || e.key === "S")) {
      var save = form.querySelector('button[name="do"][value=""]');
      if (!save) return;
      e.preventDefault();
      if (form.requestSubmit) form.requestSubmit(save); else save.click();
    }
  });

  window.addEventListener("beforeunload", function (e) {
    if (!submitting && changes !== savedAt && !(textarea && textarea.readOnly)) {
      e.preventDefault();
      e.returnValue = msg("unsaved");
      return msg("unsaved");
    }
  });
})();
