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

  function start() {
    var store = storage();
    Array.prototype.forEach.call(document.querySelectorAll(".pb-checklist"), function (list) { setUpChecklist(list, store); });
    Array.prototype.forEach.call(document.querySelectorAll(".pb-script"), setUpScript);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
