// Khabar's type-ahead pickers: the story's tags and authors, and the tag of
// a bulk change in the story list. Without this script the page still
// works: chosen items are ticked boxes, more are added by name or from a
// short list. With it, each picker is an ARIA combobox (type, arrow keys,
// Enter, Escape) over a listbox of what the server finds for what is typed
// — the tags and the users are never listed whole — and the chosen items
// are chips with a remove button, in order. A tag the role may create is
// offered when no tag has the name typed. The tags the text names are
// suggested as the text is written, before the first save; a suggestion
// only ever adds.
(function () {
  "use strict";

  var seq = 0;
  function fill(s, name, value) { return (s || "").split("{" + name + "}").join(value); }

  function getJSON(url, signal) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, signal: signal })
      .then(function (res) { return res.json().then(function (j) { if (!res.ok) throw new Error(j.error || res.status); return j; }); });
  }

  // postJSON posts a form, URL-encoded as the newsroom's handlers read it.
  function postJSON(url, data, signal) {
    return fetch(url, { method: "POST", body: new URLSearchParams(data), credentials: "same-origin", headers: { Accept: "application/json" }, signal: signal })
      .then(function (res) { return res.json().then(function (j) { if (!res.ok) throw new Error(j.error || res.status); return j; }); });
  }

  // A change the form's own listeners (editor.js: autosave, the warning
  // before leaving) must hear of.
  function touched(el) { el.dispatchEvent(new Event("change", { bubbles: true })); }

  function Picker(root) {
    this.root = root;
    this.single = root.hasAttribute("data-single");
    this.name = root.getAttribute("data-name") || "";
    this.source = root.getAttribute("data-source");
    this.lang = root.getAttribute("data-lang") || "";
    this.createURL = root.getAttribute("data-create");
    this.chosen = root.querySelector("ul.chosen");
    this.items = [];
    this.active = -1;
    this.build();
  }

  Picker.prototype.msg = function (k) { return this.root.getAttribute("data-msg-" + k) || ""; };

  Picker.prototype.build = function () {
    var self = this, root = this.root, id = "pick" + (++seq);
    var old = root.querySelector(".pick-input");
    var label = root.querySelector("label[for='" + old.id + "']");
    var input = document.createElement("input");
    input.type = "text";
    input.id = old.id;
    input.className = "pick-input";
    input.autocomplete = "off";
    input.dir = "auto";
    if (this.lang) input.lang = this.lang;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-list");
    ["aria-describedby", "aria-invalid"].forEach(function (a) { if (old.hasAttribute(a)) input.setAttribute(a, old.getAttribute(a)); });
    if (this.single) {
      // The bulk tag: the name as typed is posted (tag_name), and the id
      // once one is chosen.
      input.name = old.name;
      input.value = old.value;
      this.hidden = document.createElement("input");
      this.hidden.type = "hidden";
      this.hidden.name = "tag";
      root.appendChild(this.hidden);
      input.addEventListener("input", function () { self.hidden.value = ""; });
    }
    old.parentNode.replaceChild(input, old);
    this.input = input;
    var hint = root.querySelector("[data-js]");
    if (hint) hint.textContent = hint.getAttribute("data-js");

    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "pick-list";
    list.setAttribute("role", "listbox");
    if (label) {
      label.id = label.id || id + "-label";
      list.setAttribute("aria-labelledby", label.id);
    }
    list.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);
    this.list = list;
    this.optionID = id + "-opt";

    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    root.appendChild(status);
    this.status = status;

    if (this.chosen) {
      Array.prototype.slice.call(this.chosen.querySelectorAll("input[type=checkbox]")).forEach(function (box) {
        var li = box.closest("li");
        var text = li.textContent.trim();
        if (box.checked) li.parentNode.replaceChild(self.chip(box.value, text), li);
        else li.remove();
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.search(); }, 150);
    });
    input.addEventListener("keydown", function (e) { self.key(e); });
    // Some input methods send Enter as a keypress of its own: it must not
    // submit the story either.
    input.addEventListener("keypress", function (e) { if (e.key === "Enter") e.preventDefault(); });
    input.addEventListener("blur", function () { setTimeout(function () { self.close(); }, 150); });
  };

  // chip is one chosen item: its name, its value posted with the form, and
  // a button that removes it.
  Picker.prototype.chip = function (value, text) {
    var self = this;
    var li = document.createElement("li");
    li.className = "token";
    li.setAttribute("data-value", value);
    var span = document.createElement("span");
    span.className = "token-name";
    span.textContent = text;
    span.dir = "auto";
    if (this.lang) span.lang = this.lang;
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = this.name;
    hidden.value = value;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "token-remove";
    b.setAttribute("aria-label", fill(this.msg("remove"), "name", text));
    b.textContent = "×";
    b.addEventListener("click", function () {
      li.remove();
      self.input.focus();
      touched(self.input);
    });
    li.appendChild(span);
    li.appendChild(hidden);
    li.appendChild(b);
    return li;
  };

  Picker.prototype.has = function (value) {
    if (this.single) return this.hidden.value === String(value);
    return !!(this.chosen && this.chosen.querySelector('li[data-value="' + value + '"]'));
  };

  // add chooses an item: a chip after the others, or the one tag of a bulk
  // change. Adding what is chosen already changes nothing.
  Picker.prototype.add = function (item) {
    if (this.single) {
      this.hidden.value = item.id;
      this.input.value = item.name;
    } else if (!this.has(item.id)) {
      this.chosen.appendChild(this.chip(String(item.id), item.name));
    }
    this.status.textContent = fill(this.msg("added"), "name", item.name);
    touched(this.input);
  };

  Picker.prototype.search = function () {
    var self = this, q = this.input.value.trim();
    if (!q) { this.close(); return; }
    if (this.ctl) this.ctl.abort();
    this.ctl = new AbortController();
    getJSON(this.source + "?q=" + encodeURIComponent(q) + "&lang=" + encodeURIComponent(this.lang), this.ctl.signal).then(function (j) {
      if (self.input.value.trim() !== q) return;
      self.render(j.items || [], j.create && self.createURL ? q : "");
    }).catch(function (err) {
      if (err && err.name === "AbortError") return;
      self.close();
    });
  };

  Picker.prototype.render = function (found, createName) {
    var self = this;
    this.items = found.filter(function (it) { return !self.has(it.id); });
    if (createName) this.items.push({ create: true, name: createName });
    this.list.textContent = "";
    this.items.forEach(function (it, i) {
      var li = document.createElement("li");
      li.id = self.optionID + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      if (it.create) {
        li.className = "create";
        li.textContent = fill(self.msg("create"), "name", it.name);
      } else {
        var name = document.createElement("bdi");
        name.textContent = it.name;
        li.appendChild(name);
        if (it.other) {
          var other = document.createElement("small");
          other.textContent = it.other;
          other.dir = "auto";
          li.appendChild(document.createTextNode(" "));
          li.appendChild(other);
        }
      }
      // Choosing with the mouse must not blur the input first.
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      li.addEventListener("click", function () { self.choose(i); });
      self.list.appendChild(li);
    });
    if (!this.items.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = this.msg("none");
      this.list.appendChild(none);
    }
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.status.textContent = this.items.length ? fill(this.msg("count"), "n", this.items.length) : this.msg("none");
    this.move(this.items.length ? 0 : -1);
  };

  Picker.prototype.move = function (i) {
    var opts = this.list.querySelectorAll("[role=option]");
    if (!opts.length) { this.active = -1; this.input.removeAttribute("aria-activedescendant"); return; }
    this.active = (i + opts.length) % opts.length;
    for (var k = 0; k < opts.length; k++) opts[k].setAttribute("aria-selected", String(k === this.active));
    this.input.setAttribute("aria-activedescendant", opts[this.active].id);
    opts[this.active].scrollIntoView({ block: "nearest" });
  };

  Picker.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Picker.prototype.key = function (e) {
    var open = !this.list.hidden;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (open) this.move(this.active + 1); else this.search();
        break;
      case "ArrowUp":
        if (open) { e.preventDefault(); this.move(this.active - 1); }
        break;
      case "Enter":
        // Enter chooses; it never submits the story half-chosen.
        e.preventDefault();
        if (open && this.active >= 0) this.choose(this.active);
        break;
      case "Escape":
        if (open) { e.preventDefault(); e.stopPropagation(); this.close(); }
        else if (this.input.value) { e.preventDefault(); this.input.value = ""; }
        break;
      case "Tab":
        this.close();
        break;
    }
  };

  Picker.prototype.choose = function (i) {
    var self = this, it = this.items[i];
    if (!it) return;
    this.close();
    if (!it.create) {
      this.add(it);
      if (!this.single) this.input.value = "";
      return;
    }
    var data = new FormData();
    data.append("name", it.name);
    data.append("lang", this.lang);
    postJSON(this.createURL, data).then(function (tag) {
      self.add(tag);
      if (!self.single) self.input.value = "";
    }).catch(function (err) {
      self.status.textContent = err.message;
      self.input.setAttribute("aria-invalid", "true");
    });
  };

  // ---- Tags suggested by the text, as it is written ----------------------
  function suggestions(picker, form) {
    var url = picker.root.getAttribute("data-suggest");
    var box = picker.root.querySelector(".suggested-tags");
    if (!url || !box || !form) return;
    var hint = box.querySelector(".hint");
    function show(items) {
      Array.prototype.slice.call(box.querySelectorAll(".chip")).forEach(function (c) { c.remove(); });
      items.forEach(function (it) {
        if (picker.has(it.id)) return;
        var b = document.createElement("button");
        b.type = "button";
        b.className = "chip";
        b.setAttribute("aria-label", fill(picker.msg("add-suggested"), "name", it.name));
        var name = document.createElement("bdi");
        name.textContent = it.name;
        b.appendChild(document.createTextNode("+ "));
        b.appendChild(name);
        b.addEventListener("click", function () {
          picker.add(it);
          b.remove();
          box.hidden = !box.querySelector(".chip");
        });
        box.appendChild(b);
      });
      box.hidden = !box.querySelector(".chip");
    }
    // The suggestions the page came with become buttons too.
    show(Array.prototype.map.call(box.querySelectorAll("label.chip"), function (l) {
      return { id: l.querySelector("input").value, name: l.textContent.trim() };
    }));
    if (hint) box.insertBefore(hint, box.firstChild);

    var timer = null, ctl = null, last = null;
    function ask() {
      var data = new FormData();
      ["title", "summary", "body"].forEach(function (n) {
        var el = form.elements[n];
        data.append(n, el ? el.value : "");
      });
      data.append("lang", picker.lang);
      Array.prototype.forEach.call(picker.root.querySelectorAll('input[type=hidden][name="' + picker.name + '"]'), function (h) {
        data.append("tags", h.value);
      });
      var key = new URLSearchParams(data).toString();
      if (key === last) return;
      last = key;
      if (ctl) ctl.abort();
      ctl = new AbortController();
      postJSON(url, data, ctl.signal).then(function (j) { show(j.items || []); }).catch(function () { /* a suggestion can wait */ });
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(ask, 700);
    }
    form.addEventListener("input", function (e) {
      if (picker.root.contains(e.target)) return;
      later();
    });
    form.addEventListener("change", function (e) {
      if (e.target === picker.input) later(); // a tag chosen or removed
    });
  }

  var form = document.getElementById("story-form");
  var langSelect = document.getElementById("story-lang");
  Array.prototype.forEach.call(document.querySelectorAll(".picker[data-picker]"), function (root) {
    var fs = root.closest("fieldset");
    if ((fs && fs.disabled) || !root.querySelector(".pick-input")) return;
    var p = new Picker(root);
    if (p.root.getAttribute("data-suggest")) suggestions(p, form);
    if (langSelect) {
      // A new story's language may still change: names follow it.
      langSelect.addEventListener("change", function () { p.lang = langSelect.value; p.input.lang = langSelect.value; });
    }
  });
})();
