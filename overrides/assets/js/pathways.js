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

  function openStorage() {
    try {
      var store = window.localStorage;
      store.setItem(KEY_PREFIX + "probe", "1");
      store.removeItem(KEY_PREFIX + "probe");
      return store;
    } catch (error) {
      return null;
    }
  }

  var store = openStorage();

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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
