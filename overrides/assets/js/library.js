/* The site's own script for resource and pathway pages (loaded only there, deferred):
 * answer boxes for reflective questions, progress through learning pathways, the citation's copy
 * button, and opening the list of updates when a link leads into it. Independent parts, each a
 * self-contained function, none needing the others.
 */

/* What the parts share: this browser's localStorage, if the page may use it, and starting once the page is read. */
var LibraryShared = (function () {
  "use strict";

  return {
    /** localStorage, or null when the browser refuses it (private browsing, blocked storage, a full quota). */
    openStorage: function (prefix) {
      try {
        var store = window.localStorage;
        store.setItem(prefix + "probe", "1");
        store.removeItem(prefix + "probe");
        return store;
      } catch (error) {
        return null;
      }
    },
    /** Run `init` once the page's HTML has been read (at once if it has). */
    whenReady: function (init) {
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
      } else {
        init();
      }
    },
  };
})();

/* Answer boxes for reflective questions.
 *
 * Each question in a list marked `lib-questions` (see macros/rendering/extension.py) gets a labelled text
 * box. Answers are saved in this browser's localStorage as the reader types, keyed by the page's
 * path and the question's position, and never leave the device. Without JavaScript the
 * questions read as an ordinary list.
 */
(function () {
  "use strict";

  var KEY_PREFIX = "lib-answer:";
  var NOTICE = "Your answers are saved only in this browser on this device; nothing is sent anywhere.";
  var NO_STORAGE = "This browser is not letting the page save your answers, so they will be lost when you leave. " +
    "Print or download them before you go; nothing is sent anywhere.";


  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function normalise(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  /* The heading a list of questions sits under, for the downloaded text. */
  function headingBefore(list) {
    for (var node = list.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[2-6]$/.test(node.tagName)) {
        var clone = node.cloneNode(true);
        Array.prototype.forEach.call(clone.querySelectorAll(".headerlink"), function (a) { a.remove(); });
        return normalise(clone.textContent);
      }
    }
    return "";
  }

  function pageTitle() {
    var h1 = document.querySelector(".md-content h1");
    return h1 ? normalise(h1.textContent.replace(/¶/g, "")) : document.title;
  }

  function fileName() {
    var parts = window.location.pathname.split("/").filter(Boolean);
    return (parts.length ? parts[parts.length - 1] : "answers") + "-answers.txt";
  }

  function init() {
    var lists = document.querySelectorAll(".md-content ul.lib-questions, .md-content ol.lib-questions");
    if (!lists.length) { return; }
    var store = LibraryShared.openStorage(KEY_PREFIX);
    var base = KEY_PREFIX + window.location.pathname + "#";
    var questions = [];

    Array.prototype.forEach.call(lists, function (list) {
      var section = headingBefore(list);
      Array.prototype.forEach.call(list.children, function (item) {
        if (item.tagName !== "LI") { return; }
        var index = questions.length + 1;
        var textId = "lib-question-" + index;
        var boxId = "lib-answer-" + index;
        // Wrap the question's own content so the box can be described by it.
        var wrapper = element("div", { "class": "lib-question__text", id: textId });
        while (item.firstChild) { wrapper.appendChild(item.firstChild); }
        item.appendChild(wrapper);
        var label = element("label", { "for": boxId, "class": "lib-answer__label" }, "Your answer");
        label.appendChild(element("span", { "class": "lib-visually-hidden" }, " to question " + index));
        var box = element("textarea", { id: boxId, "class": "lib-answer__box", rows: "4", "aria-describedby": textId,
          "data-question": String(index) });
        // Print shows this copy of the answer: a text box would cut long answers off at its height.
        var printed = element("div", { "class": "lib-answer__print", "aria-hidden": "true" });
        var key = base + index;
        box.value = store ? (store.getItem(key) || "") : "";
        printed.textContent = box.value;
        item.classList.toggle("lib-answered", box.value.trim() !== "");
        box.addEventListener("input", function () {
          printed.textContent = box.value;
          item.classList.toggle("lib-answered", box.value.trim() !== "");
          if (!store) { return; }
          try {
            if (box.value) { store.setItem(key, box.value); } else { store.removeItem(key); }
          } catch (error) {
            status.textContent = "Your answer could not be saved: this browser's storage is full.";
          }
        });
        var field = element("div", { "class": "lib-answer" });
        field.appendChild(label);
        field.appendChild(box);
        field.appendChild(printed);
        item.appendChild(field);
        item.classList.add("lib-question");
        questions.push({ section: section, text: normalise(wrapper.textContent), box: box, printed: printed, item: item, key: key });
      });
    });

    var panel = element("div", { "class": "lib-answers", role: "region", "aria-label": "Your answers" });
    panel.appendChild(element("p", { "class": "lib-answers__notice" }, store ? NOTICE : NO_STORAGE));
    var actions = element("p", { "class": "lib-answers__actions" });
    var printButton = element("button", { type: "button", "class": "md-button", "data-answers": "print" }, "Print with my answers");
    var downloadButton = element("button", { type: "button", "class": "md-button", "data-answers": "download" }, "Download my answers (.txt)");
    var clearButton = element("button", { type: "button", "class": "md-button", "data-answers": "clear" }, "Clear my answers");
    [printButton, downloadButton, clearButton].forEach(function (button) {
      actions.appendChild(button);
      actions.appendChild(document.createTextNode(" "));
    });
    panel.appendChild(actions);
    var status = element("p", { "class": "lib-answers__status", role: "status" });
    panel.appendChild(status);
    lists[0].parentNode.insertBefore(panel, lists[0]);

    printButton.addEventListener("click", function () { window.print(); });

    downloadButton.addEventListener("click", function () {
      var lines = [pageTitle(), window.location.href, ""];
      var section = null;
      questions.forEach(function (q, i) {
        if (q.section !== section) {
          section = q.section;
          if (section) { lines.push(section, ""); }
        }
        lines.push((i + 1) + ". " + q.text);
        lines.push(q.box.value.trim() ? q.box.value : "(no answer yet)", "");
      });
      var blob = new Blob([lines.join("\n")], { type: "text/plain;charset=utf-8" });
      var link = element("a", { href: URL.createObjectURL(blob), download: fileName() });
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
      status.textContent = "Your answers were downloaded as " + fileName() + ".";
    });

    clearButton.addEventListener("click", function () {
      if (!window.confirm("Clear all your answers on this page? This cannot be undone.")) { return; }
      questions.forEach(function (q) {
        q.box.value = "";
        q.printed.textContent = "";
        q.item.classList.remove("lib-answered");
        if (store) { store.removeItem(q.key); }
      });
      status.textContent = "Your answers on this page were cleared.";
    });
  }

  LibraryShared.whenReady(init);
})();

/* Progress through learning pathways, kept in this browser's localStorage only.
 *
 * A pathway page lists its steps (`[data-pathway] [data-step]`); a resource in a pathway shows
 * a step box (`.lib-step-box[data-pathway][data-step]`). Each gets a "done" checkbox, and
 * `[data-pathway-progress]` elements say how many steps are done. Without JavaScript no
 * checkbox is shown and the pages read as plain lists.
 */
(function () {
  "use strict";

  var KEY_PREFIX = "lib-pathway:";


  var store = LibraryShared.openStorage(KEY_PREFIX);

  function doneSteps(pathway) {
    try {
      var saved = JSON.parse(store.getItem(KEY_PREFIX + pathway) || "[]");
      return Array.isArray(saved) ? saved : [];
    } catch (error) {
      return [];
    }
  }

  function setDone(pathway, step, done) {
    var steps = doneSteps(pathway).filter(function (s) { return s !== step; });
    if (done) { steps.push(step); }
    try {
      store.setItem(KEY_PREFIX + pathway, JSON.stringify(steps));
    } catch (error) {
      /* storage full: the tick still shows until the page is left */
    }
  }

  function showProgress() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pathway-progress]"), function (node) {
      var pathway = node.getAttribute("data-pathway-progress");
      var total = parseInt(node.getAttribute("data-total"), 10) || 0;
      var list = document.querySelector('ol[data-pathway="' + pathway + '"]');
      // On the pathway page, count only steps still in the pathway; elsewhere trust the saved list.
      var done = doneSteps(pathway).filter(function (step) {
        return !list || list.querySelector('[data-step="' + step + '"]');
      }).length;
      done = Math.min(done, total);
      node.textContent = done + " of " + total + " step" + (total === 1 ? "" : "s") + " done" +
        (done === total && total > 0 ? ": pathway complete." : ".");
      node.hidden = false;
    });
  }

  function addCheckbox(container, pathway, step, title, place) {
    var id = "lib-done-" + pathway + "-" + step;
    var wrapper = document.createElement("p");
    wrapper.className = "lib-step-done";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.checked = doneSteps(pathway).indexOf(step) !== -1;
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = "I have done this step";
    var hidden = document.createElement("span");
    hidden.className = "lib-visually-hidden";
    hidden.textContent = ": " + title;
    label.appendChild(hidden);
    box.addEventListener("change", function () {
      setDone(pathway, step, box.checked);
      container.classList.toggle("lib-step--done", box.checked);
      showProgress();
    });
    container.classList.toggle("lib-step--done", box.checked);
    wrapper.appendChild(box);
    wrapper.appendChild(label);
    place(wrapper);
  }

  function init() {
    if (!store) { return; } // nothing could be kept, so offer no ticks
    Array.prototype.forEach.call(document.querySelectorAll("ol[data-pathway]"), function (list) {
      var pathway = list.getAttribute("data-pathway");
      Array.prototype.forEach.call(list.querySelectorAll("li[data-step]"), function (item) {
        addCheckbox(item, pathway, item.getAttribute("data-step"), item.getAttribute("data-step-title") || "",
          function (node) { item.appendChild(node); });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".lib-step-box[data-pathway][data-step]"), function (box) {
      var where = box.querySelector(".lib-step-box__where");
      addCheckbox(box, box.getAttribute("data-pathway"), box.getAttribute("data-step"),
        box.getAttribute("data-step-title") || "", function (node) { where.parentNode.insertBefore(node, where.nextSibling); });
    });
    showProgress();
  }

  LibraryShared.whenReady(init);
})();

/* "Cite this resource": fill in today's date as the accessed date and offer a copy button.
 * Without JavaScript the reference reads "(Accessed: [date])" and there is no button.
 */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  function today() {
    var now = new Date();
    return now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
  }

  /* The old way, for browsers without the clipboard API or pages not served over HTTPS. */
  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    return copied;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".lib-cite"), function (block) {
      var reference = block.querySelector("[data-cite]");
      var accessed = block.querySelector("[data-cite-accessed]");
      if (accessed) { accessed.textContent = today(); }
      var actions = block.querySelector(".lib-cite__actions");
      var button = block.querySelector("[data-cite-copy]");
      var status = block.querySelector(".lib-cite__status");
      if (!reference || !actions || !button) { return; }
      actions.hidden = false;
      button.addEventListener("click", function () {
        var text = reference.textContent.replace(/\s+/g, " ").trim();
        var done = function () { status.textContent = "Reference copied."; };
        var failed = function () {
          status.textContent = copyWithSelection(text) ? "Reference copied."
            : "Copying did not work here: select the reference and copy it yourself.";
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, failed);
        } else {
          failed();
        }
      });
    });
  }

  LibraryShared.whenReady(init);
})();

/* "See all updates": a link to #updates opens the closed list it is in (browsers that open a
 * <details> for a link into it do so already; this is for the others).
 */
(function () {
  "use strict";

  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && target.closest ? target.closest("details") : null;
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  window.addEventListener("hashchange", reveal);
  LibraryShared.whenReady(reveal);
})();
