/* Playbook: checklists that remember their ticks, fill-in scripts with a Copy button.
   Plain JavaScript, no network; works from file:// and offline. */
(function () {
  "use strict";

  function storage() {
    try {
      var probe = "playbook:probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // private mode or storage disabled: ticks last until reload
    }
  }

  function setUpChecklist(list, store) {
    var page = list.getAttribute("data-pb-page") || "";
    var boxes = Array.prototype.slice.call(list.querySelectorAll("input[type=checkbox][data-pb-item]"));
    var progress = list.querySelector("progress");
    var count = list.querySelector(".pb-count");
    var reset = list.querySelector(".pb-reset");
    function key(box) { return "playbook:" + page + ":" + box.getAttribute("data-pb-item"); }
    function update() {
      boxes.forEach(function (box) {
        var item = box.closest("li");
        if (item) { item.classList.toggle("pb-done", box.checked); }
      });
      var done = boxes.filter(function (box) { return box.checked; }).length;
      if (progress) { progress.value = done; progress.textContent = done + " of " + boxes.length; }
      if (count) { count.textContent = done + " of " + boxes.length + " done"; }
    }
    boxes.forEach(function (box) {
      var saved = store ? store.getItem(key(box)) : null;
      if (saved !== null) { box.checked = saved === "1"; }
      box.addEventListener("change", function () {
        if (store) { store.setItem(key(box), box.checked ? "1" : "0"); }
        update();
      });
    });
    if (reset) {
      reset.hidden = false;
      reset.addEventListener("click", function () {
        boxes.forEach(function (box) {
          if (store) { store.removeItem(key(box)); }
          box.checked = box.hasAttribute("data-pb-default");
        });
        update();
      });
    }
    update();
  }

  // Dashboard: a page's checklist progress counts the ticks saved in this browser, like the page does.
  function setUpProgress(row, store) {
    var page = row.getAttribute("data-pb-page") || "";
    var ids = (row.getAttribute("data-pb-items") || "").split(" ").filter(function (id) { return id.length > 0; });
    var defaults = (row.getAttribute("data-pb-done") || "").split(" ");
    var done = ids.filter(function (id) {
      var saved = store ? store.getItem("playbook:" + page + ":" + id) : null;
      return saved === null ? defaults.indexOf(id) >= 0 : saved === "1";
    }).length;
    var progress = row.querySelector("progress");
    var count = row.querySelector(".pb-count");
    if (progress) { progress.value = done; progress.textContent = done + " of " + ids.length; }
    if (count) { count.textContent = done + " of " + ids.length + " done"; }
  }

  // Dashboard: the ticks saved in this browser as a file for `playbook ticks apply`.
  function setUpTickExport(box, store) {
    var button = box.querySelector("button");
    var note = box.querySelector(".pb-meta");
    if (!store || !button) { return; }
    box.hidden = false;
    button.addEventListener("click", function () {
      var ticks = [];
      for (var i = 0; i < store.length; i++) {
        var key = store.key(i) || "";
        var value = store.getItem(key);
        var last = key.lastIndexOf(":");
        if (key.indexOf("playbook:") !== 0 || last <= 9 || (value !== "1" && value !== "0")) { continue; }
        ticks.push({ page: key.slice(9, last), item: key.slice(last + 1), done: value === "1" });
      }
      ticks.sort(function (a, b) { return (a.page + ":" + a.item) < (b.page + ":" + b.item) ? -1 : 1; });
      if (ticks.length === 0) { note.textContent = "No ticks are saved in this browser."; return; }
      var text = JSON.stringify({ format: "playbook-ticks", version: 1, exported: new Date().toISOString(), ticks: ticks }, null, 1) + "\n";
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      link.download = "playbook-ticks.json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      note.textContent = ticks.length + (ticks.length === 1 ? " tick" : " ticks") + " saved as playbook-ticks.json; run playbook ticks apply playbook-ticks.json in the site's folder.";
    });
  }

  function setUpScript(script) {
    var form = script.querySelector(".pb-script-form");
    var text = script.querySelector(".pb-script-text");
    var copy = script.querySelector(".pb-copy");
    var slots = Array.prototype.slice.call(script.querySelectorAll("mark.pb-slot"));
    var fields = form ? Array.prototype.slice.call(form.querySelectorAll("input[data-pb-slot]")) : [];
    function fill() {
      var values = {};
      fields.forEach(function (field) { values[field.getAttribute("data-pb-slot")] = field.value; });
      slots.forEach(function (slot) {
        var name = slot.getAttribute("data-pb-slot");
        var value = values[name];
        slot.textContent = value ? value : "[" + name + "]";
        slot.classList.toggle("pb-filled", !!value);
      });
    }
    if (form) {
      form.hidden = false;
      form.addEventListener("input", fill);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      fill();
    }
    if (copy && text) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        var plain = text.innerText.trim();
        function done(ok) {
          copy.textContent = ok ? "Copied" : "Select the text to copy";
          window.setTimeout(function () { copy.textContent = "Copy"; }, 1500);
        }
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(plain).then(function () { done(true); }, function () { done(fallbackCopy(plain)); });
        } else {
          done(fallbackCopy(plain));
        }
      });
    }
  }

  // Clipboard API needs a secure context; file:// pages fall back to a hidden textarea.
  function fallbackCopy(plain) {
    var area = document.createElement("textarea");
    area.value = plain;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }


  // Search: the index is a script file (search-index.js), loaded on first use, so it works from file://.
  // A large site's index is split (see SearchIndexBuilder): the shards of a query's words and the
  // chunks of its best pages are loaded as scripts when needed. Both forms run the same search.
  var searchParts = {};
  window.PLAYBOOK_SEARCH_PART = function (name, value) { searchParts[name] = value; };

  // Words as the index has them: lowercased runs of letters, marks and digits.
  function searchWords(text) {
    return text.toLowerCase().normalize("NFC").split(/[^\p{L}\p{M}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  function setUpSearch(box) {
    var input = box.querySelector("input");
    var list = box.querySelector(".pb-search-results");
    var root = input.getAttribute("data-pb-root") || "";
    var indexURL = input.getAttribute("data-pb-index");
    var index = null;
    var active = -1;
    var generation = 0;
    box.hidden = false;

    // Loads the scripts of `names` (searchParts keys) that are not loaded yet, then calls `then`.
    function need(names, then) {
      var missing = names.filter(function (name) { return !(name in searchParts); });
      var waiting = missing.length;
      if (waiting === 0) { return then(); }
      var base = indexURL.slice(0, indexURL.lastIndexOf("/") + 1);
      missing.forEach(function (name) {
        var script = document.createElement("script");
        var file = name.charAt(0) === "t" ? "t" + hex(name.slice(1)) : name;
        script.src = base + index.folder + "/" + file + ".js";
        script.onload = script.onerror = function () {
          if (!(name in searchParts)) { searchParts[name] = null; }
          if (--waiting === 0) { then(); }
        };
        document.head.appendChild(script);
      });
    }
    function hex(text) {
      return Array.prototype.map.call(new TextEncoder().encode(text), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
    }
    function load(then) {
      if (index) { return then(); }
      if (window.PLAYBOOK_SEARCH) { index = window.PLAYBOOK_SEARCH; return then(); }
      var script = document.createElement("script");
      script.src = indexURL;
      script.onload = function () { index = window.PLAYBOOK_SEARCH || { v: 2, chunk: 1, terms: { w: {}, h: {} }, pages: [] }; then(); };
      document.head.appendChild(script);
    }
    // The shards that can hold words starting with `term`.
    function shardsFor(term) {
      var letters = Array.from(term);
      return index.shards.filter(function (key) {
        var k = Array.from(key);
        var shorter = Math.min(k.length, letters.length);
        return k.slice(0, shorter).join("") === letters.slice(0, shorter).join("");
      }).map(function (key) { return "t" + key; });
    }
    function termTables(term) {
      if (index.terms) { return [index.terms]; }
      return shardsFor(term).map(function (name) { return searchParts[name]; }).filter(function (t) { return t; });
    }
    function matches(word, term) { return term.length === 1 ? word === term : word.indexOf(term) === 0; }
    function entry(id) {
      var chunk = index.pages ? index.pages : searchParts["p" + Math.floor(id / index.chunk)];
      var e = chunk && chunk[index.pages ? id : id % index.chunk];
      return e ? { title: e[0], url: e[1], headings: e[2], text: e[3], lowText: e[3].toLowerCase() } : null;
    }
    // Every term must match; 10 for the title, 5 for each heading, 1 for the text.
    function rank(terms) {
      var total = null;
      for (var i = 0; i < terms.length; i++) {
        var found = {};
        termTables(terms[i]).forEach(function (table) {
          Object.keys(table.w).forEach(function (word) {
            if (!matches(word, terms[i])) { return; }
            var pages = table.w[word], headings = table.h[word] || [];
            for (var p = 0; p < pages.length; p += 2) {
              var hit = found[pages[p]] || (found[pages[p]] = { flags: 0, headings: {} });
              hit.flags |= pages[p + 1];
            }
            for (var h = 0; h < headings.length; h += 2) { found[headings[h]].headings[headings[h + 1]] = true; }
          });
        });
        var next = {};
        Object.keys(found).forEach(function (id) {
          if (total && !(id in total)) { return; }
          var hit = found[id], heads = Object.keys(hit.headings).map(Number).sort(function (a, b) { return a - b; });
          var score = (hit.flags & 1 ? 10 : 0) + 5 * heads.length + (hit.flags & 2 ? 1 : 0);
          var before = total ? total[id] : { score: 0, heading: null };
          next[id] = { score: before.score + score, heading: before.heading !== null ? before.heading : (heads.length ? heads[0] : null) };
        });
        total = next;
      }
      return Object.keys(total || {}).map(function (id) { return { id: Number(id), score: total[id].score, heading: total[id].heading }; })
        .sort(function (a, b) { return b.score - a.score || a.id - b.id; }).slice(0, 8);
    }
    function search(query, then) {
      var terms = searchWords(query);
      if (terms.length === 0) { return then([]); }
      var shards = index.terms ? [] : [].concat.apply([], terms.map(shardsFor));
      need(shards, function () {
        var ranked = rank(terms);
        var chunks = index.pages ? [] : ranked.map(function (r) { return "p" + Math.floor(r.id / index.chunk); });
        need(chunks, function () {
          then(ranked.map(function (r) {
            var e = entry(r.id);
            return e ? { entry: e, score: r.score, heading: r.heading === null ? null : e.headings[r.heading], terms: terms } : null;
          }).filter(function (r) { return r; }));
        });
      });
    }
    function link(entry, headingID) {
      var anchor = headingID ? "#" + headingID : "";
      if (entry.url.charAt(0) === "#") { return headingID ? anchor : entry.url; }
      return root + entry.url + anchor;
    }
    // Builds the snippet from text nodes and <mark> elements: content never passes through innerHTML.
    function snippet(result) {
      var text = result.entry.text, low = result.entry.lowText, at = -1;
      for (var i = 0; i < result.terms.length && at < 0; i++) { at = low.indexOf(result.terms[i]); }
      var fragment = document.createDocumentFragment();
      if (at < 0) { fragment.appendChild(document.createTextNode(text.slice(0, 120) + (text.length > 120 ? "…" : ""))); return fragment; }
      var start = Math.max(0, at - 50), end = Math.min(text.length, at + 90);
      var piece = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
      var lowPiece = piece.toLowerCase(), position = 0;
      while (position < piece.length) {
        var next = -1, length = 0;
        result.terms.forEach(function (term) {
          var found = lowPiece.indexOf(term, position);
          if (found >= 0 && (next < 0 || found < next)) { next = found; length = term.length; }
        });
        if (next < 0) { fragment.appendChild(document.createTextNode(piece.slice(position))); break; }
        fragment.appendChild(document.createTextNode(piece.slice(position, next)));
        var mark = document.createElement("mark");
        mark.textContent = piece.slice(next, next + length);
        fragment.appendChild(mark);
        position = next + length;
      }
      return fragment;
    }
    function setActive(index) {
      var options = list.querySelectorAll("[role=option]");
      active = options.length ? (index + options.length) % options.length : -1;
      Array.prototype.forEach.call(options, function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      if (active >= 0) { input.setAttribute("aria-activedescendant", options[active].id); } else { input.removeAttribute("aria-activedescendant"); }
    }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function show() {
      var mine = ++generation;
      search(input.value, function (results) { if (mine === generation) { showResults(results); } });
    }
    function showResults(results) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      if (!input.value.trim()) { return close(); }
      if (results.length === 0) {
        var none = document.createElement("li");
        none.className = "pb-search-empty";
        none.textContent = "No results";
        list.appendChild(none);
      }
      results.forEach(function (result, i) {
        var item = document.createElement("li");
        item.id = "pb-search-option-" + i;
        item.setAttribute("role", "option");
        var a = document.createElement("a");
        a.href = link(result.entry, result.heading ? result.heading[0] : null);
        a.tabIndex = -1;
        var title = document.createElement("strong");
        title.textContent = result.entry.title + (result.heading ? " › " + result.heading[1] : "");
        var text = document.createElement("span");
        text.appendChild(snippet(result));
        a.appendChild(title);
        a.appendChild(text);
        item.appendChild(a);
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      setActive(results.length ? 0 : -1);
    }
    input.addEventListener("focus", function () { load(function () {}); });
    input.addEventListener("input", function () { load(show); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); setActive(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); setActive(active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter") {
        var options = list.querySelectorAll("[role=option] a");
        if (active >= 0 && options[active]) {
          var href = options[active].href;
          event.preventDefault();
          close();
          window.location.href = href;
        }
      }
    });
    document.addEventListener("click", function (event) { if (!box.contains(event.target)) { close(); } });
    list.addEventListener("click", function () { close(); });
  }

  // Phones: the navigation sits behind the Menu button (without JavaScript it simply stays visible).
  function setUpMenu(button) {
    var nav = document.getElementById(button.getAttribute("aria-controls"));
    if (!nav) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = nav.classList.toggle("pb-nav-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // Large sites: the page carries the top of the sidebar; nav.js holds the whole tree.
  function setUpNavigation(nav) {
    var data = window.PLAYBOOK_NAV;
    if (!data) { return; }
    var here = nav.getAttribute("data-pb-path") || "";
    var root = nav.getAttribute("data-pb-root") || "";
    function item(title, url, children) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + url;
      a.textContent = title;
      if (url === here) { a.setAttribute("aria-current", "page"); }
      li.appendChild(a);
      if (children) { li.appendChild(children); }
      return li;
    }
    function contains(section) {
      return section[1] === here || section[2].some(function (p) { return p[1] === here; }) || section[3].some(contains);
    }
    function list(section) {
      var ul = document.createElement("ul");
      section[2].forEach(function (page) { ul.appendChild(item(page[0], page[1])); });
      section[3].forEach(function (child) {
        var open = contains(child);
        var li = item(child[0], child[1], open && (child[2].length || child[3].length) ? list(child) : null);
        if (open) { li.className = "pb-open"; }
        ul.appendChild(li);
      });
      return ul;
    }
    var tree = list(data);
    tree.className = "pb-nav-list";
    // Entries the page's own sidebar adds after Home (the dashboard) are kept.
    Array.prototype.slice.call(nav.querySelectorAll(".pb-nav-extra")).reverse().forEach(function (extra) {
      tree.insertBefore(extra, tree.firstChild);
    });
    tree.insertBefore(item("Home", data[1]), tree.firstChild);
    while (nav.firstChild) { nav.removeChild(nav.firstChild); }
    nav.appendChild(tree);
  }

  // Folded callouts print open (paper cannot be clicked), and fold again afterwards.
  function setUpPrinting() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      Array.prototype.forEach.call(document.querySelectorAll("details.callout:not([open])"), function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) { details.open = false; });
      opened = [];
    });
  }

  function start() {
    setUpPrinting();
    Array.prototype.forEach.call(document.querySelectorAll("#pb-nav[data-pb-path]"), setUpNavigation);
    document.documentElement.classList.add("pb-js");
    var store = storage();
    Array.prototype.forEach.call(document.querySelectorAll(".pb-search"), setUpSearch);
    Array.prototype.forEach.call(document.querySelectorAll(".pb-menu"), setUpMenu);
    Array.prototype.forEach.call(document.querySelectorAll(".pb-checklist"), function (list) { setUpChecklist(list, store); });
    Array.prototype.forEach.call(document.querySelectorAll(".pb-dash-progress li[data-pb-items]"), function (row) { setUpProgress(row, store); });
    Array.prototype.forEach.call(document.querySelectorAll(".pb-script"), setUpScript);
    Array.prototype.forEach.call(document.querySelectorAll(".pb-ticks-export"), function (box) { setUpTickExport(box, store); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
