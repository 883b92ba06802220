// Khabar's story editor. The page works without it: the body is a
// <textarea> of HTML and the form posts normally. This script makes the
// textarea a formatted editing area with a toolbar, cleans pasted text on
// the server, picks images from the library, and saves the form every
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

  // ---- Images from the library -----------------------------------------
  var leadSelect = form.querySelector("select.media-select");
  var library = null; // [{id, src, thumb, alt, caption, credit, width, height}]

  function fromOptions() {
    var out = [];
    if (!leadSelect) return out;
    Array.prototype.forEach.call(leadSelect.options, function (o) {
      var src = o.getAttribute("data-src");
      if (!src) return;
      out.push({ id: o.value, src: src, thumb: o.getAttribute("data-thumb") || src, alt: o.getAttribute("data-alt") || "",
        caption: o.getAttribute("data-caption") || "", credit: o.getAttribute("data-credit") || "",
        width: o.getAttribute("data-width"), height: o.getAttribute("data-height"), label: o.textContent });
    });
    return out;
  }

  // pick reads a per-language text, whatever shape the library gives it.
  function pick(t, lang) {
    if (!t) return "";
    if (typeof t === "string") return t;
    if (t[lang]) return t[lang];
    for (var k in t) if (t[k]) return t[k];
    return "";
  }

  // loadLibrary reads the library from /admin/media.json (its pages of
  // items with variant URLs and per-language texts); what the select
  // already offers is kept when the JSON is not there.
  function loadLibrary() {
    if (library) return Promise.resolve(library);
    var lang = textarea.getAttribute("lang");
    var items = [];
    var byID = {};
    fromOptions().forEach(function (m) { byID[m.id] = m; items.push(m); });
    function add(m) {
      var urls = m.urls || {};
      var src = urls.article || urls.original;
      if (!src) return;
      var w = m.width, h = m.height;
      (m.variants || []).forEach(function (v) { if (v.name === "article") { w = v.width; h = v.height; } });
      var item = { id: String(m.id), src: src, thumb: urls.thumb || src, alt: pick(m.alt, lang),
        caption: pick(m.caption, lang), credit: pick(m.credit, lang), width: w, height: h };
      item.label = item.caption || item.alt || item.id;
      if (byID[item.id]) {
        Object.assign(byID[item.id], item);
      } else {
        byID[item.id] = item;
        items.push(item);
      }
    }
    function page(n) {
      return fetch("/admin/media.json?page=" + n, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (res) { if (!res.ok) throw new Error(res.status); return res.json(); })
        .then(function (json) {
          (json.items || []).forEach(add);
          if (json.pages > n && n < 10) return page(n + 1);
        });
    }
    return page(1).catch(function () { /* the select's images will do */ })
      .then(function () { library = items; return items; });
  }

  var picker = document.getElementById("media-picker");
  var pickerRange = null;
  function openPicker() {
    if (!picker || typeof picker.showModal !== "function") return;
    pickerRange = saveRange();
    loadLibrary().then(function (items) {
      var grid = picker.querySelector(".media-grid");
      grid.textContent = "";
      picker.querySelector(".media-picker-empty").hidden = items.length > 0;
      items.forEach(function (m) {
        var b = document.createElement("button");
        b.type = "button";
        var img = document.createElement("img");
        img.src = m.thumb;
        img.alt = "";
        img.loading = "lazy";
        var cap = document.createElement("span");
        cap.textContent = m.label || m.caption || m.alt;
        cap.dir = "auto";
        b.appendChild(img);
        b.appendChild(cap);
        b.addEventListener("click", function () { picker.close(); insertFigure(m); });
        grid.appendChild(b);
      });
      picker.showModal();
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

  // The lead image: thumbnails beside the select, which stays the truth.
  if (leadSelect) {
    var preview = form.querySelector(".lead-preview");
    var strip = document.createElement("div");
    strip.className = "media-strip";
    fromOptions().forEach(function (m) {
      var b = document.createElement("button");
      b.type = "button";
      b.setAttribute("aria-label", m.label);
      b.title = m.label;
      b.setAttribute("data-id", m.id);
      var img = document.createElement("img");
      img.src = m.thumb;
      img.alt = "";
      img.loading = "lazy";
      b.appendChild(img);
      b.addEventListener("click", function () {
        leadSelect.value = leadSelect.value === m.id ? "" : m.id;
        leadSelect.dispatchEvent(new Event("change", { bubbles: true }));
      });
      strip.appendChild(b);
    });
    leadSelect.parentNode.insertBefore(strip, leadSelect.nextSibling);
    var showLead = function () {
      var o = leadSelect.options[leadSelect.selectedIndex];
      var src = o && o.getAttribute("data-src");
      // A story without a lead image has no preview in the page (an <img>
      // needs a real src): it is made when an image is chosen.
      if (src && !preview) {
        preview = document.createElement("img");
        preview.className = "lead-preview";
        strip.parentNode.insertBefore(preview, strip.nextSibling);
      }
      if (preview) {
        preview.hidden = !src;
        if (src) { preview.src = src; preview.alt = o.getAttribute("data-alt") || ""; }
      }
      Array.prototype.forEach.call(strip.children, function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-id") === leadSelect.value));
      });
    };
    leadSelect.addEventListener("change", showLead);
    showLead();
    // The select knows the originals; the library's small variants are
    // lighter for thumbnails.
    if (textarea) loadLibrary().then(function (items) {
      items.forEach(function (m) {
        var b = strip.querySelector('[data-id="' + m.id + '"] img');
        if (b && m.thumb) b.src = m.thumb;
      });
    });
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
