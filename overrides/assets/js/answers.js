/* Answer boxes for reflective questions.
 *
 * Each question in a list marked `lib-questions` (see macros/questions.py) gets a labelled text
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

  function openStorage() {
    try {
      var store = window.localStorage;
      var probe = KEY_PREFIX + "probe";
      store.setItem(probe, probe);
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null; // private browsing, blocked storage or a full quota
    }
  }

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
    var store = openStorage();
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
