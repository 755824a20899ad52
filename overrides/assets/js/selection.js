/* Print your own selection, entirely in this browser.
 *
 * In the finder, each result card has a "Choose to print" box (macros/site/templates/card.html; hidden
 * without JavaScript by finder-noscript.css). The choice is kept in this tab's sessionStorage, so it
 * survives new searches and filters, and a bar fixed to the foot of the window (so nothing on the
 * page moves) says how many are chosen and leads to the "Print your selection" page with their
 * slugs in its address (print-selection/?r=slug,slug).
 *
 * That page (macros/site/templates/print-selection.html) keeps only slugs the finder's
 * resources.json lists, fetches those resources' own pages from this site, and puts their text
 * together under a contents list: each resource's title becomes a second-level heading (and its
 * headings one level lower), its ids and in-page links are made unique, and the parts of a page that
 * only make sense on screen (breadcrumbs, pathway boxes, related cards, the citation widget) are left
 * out. "Print or save as PDF" opens the browser's print dialogue; print.css starts each resource on
 * a new sheet.
 */
(function () {
  "use strict";

  var KEY = "lib-selection";
  var MAX = 50;
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  function isSlug(value) { return typeof value === "string" && SLUG.test(value); }

  function unique(list) {
    var seen = {};
    return list.filter(function (item) {
      if (seen[item]) { return false; }
      seen[item] = true;
      return true;
    });
  }

  function loadChoice() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(KEY) || "[]");
      return Array.isArray(saved) ? unique(saved.filter(isSlug)).slice(0, MAX) : [];
    } catch (e) {
      return [];
    }
  }

  function saveChoice(list) {
    try { window.sessionStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* private mode: this page only */ }
  }

  function plural(n, one, many) { return n.toLocaleString("en-GB") + " " + (n === 1 ? one : many); }

  // -- the finder: choose ----------------------------------------------------------------------

  function slugOfCard(card) {
    var link = card.querySelector('[data-card="title"]');
    var parts = link ? (link.getAttribute("href") || "").replace(/\/+$/, "").split("/") : [];
    var slug = parts[parts.length - 1];
    return isSlug(slug) ? slug : "";
  }

  function initFinder(finder) {
    var results = finder.querySelector("[data-finder-results]");
    if (!results) { return; }
    var root = finder.getAttribute("data-root") || "./";
    var chosen = loadChoice();

    var bar = document.createElement("div");
    bar.className = "lib-selection-bar";
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", "Your selection");
    bar.hidden = true;
    var count = document.createElement("p");
    count.className = "lib-selection-bar__count";
    count.setAttribute("role", "status");
    var go = document.createElement("a");
    go.className = "md-button md-button--primary";
    go.textContent = "Print your selection";
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "md-button";
    clear.textContent = "Clear selection";
    bar.appendChild(count);
    bar.appendChild(go);
    bar.appendChild(clear);
    finder.parentNode.insertBefore(bar, finder.nextSibling);  // after the finder: its own status stays the only one in it

    function show() {
      bar.hidden = chosen.length === 0;
      document.body.classList.toggle("lib-has-selection", chosen.length > 0);
      count.textContent = plural(chosen.length, "resource", "resources") + " chosen to print";
      go.setAttribute("href", root + "print-selection/?r=" + chosen.join(","));
    }

    function sync() {
      Array.prototype.forEach.call(results.querySelectorAll(".lib-card"), function (card) {
        var box = card.querySelector("[data-select]");
        var slug = slugOfCard(card);
        if (!box || !slug) { return; }
        box.checked = chosen.indexOf(slug) !== -1;
        var title = card.querySelector('[data-card="select-title"]');
        var link = card.querySelector('[data-card="title"]');
        // Only when it differs: writing it would be a change the observer below sees, and so on for ever.
        if (title && link && title.textContent !== link.textContent) { title.textContent = link.textContent; }
      });
    }

    results.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches || !box.matches("[data-select]")) { return; }
      var slug = slugOfCard(box.closest(".lib-card"));
      if (!slug) { return; }
      chosen = chosen.filter(function (s) { return s !== slug; });
      if (box.checked) {
        if (chosen.length >= MAX) {
          box.checked = false;
          count.textContent = "You can print up to " + MAX + " resources together.";
          return;
        }
        chosen.push(slug);
      }
      saveChoice(chosen);
      show();
    });
    clear.addEventListener("click", function () {
      chosen = [];
      saveChoice(chosen);
      sync();
      show();
      var first = results.querySelector("[data-select]");
      if (first) { first.focus(); }
    });
    new MutationObserver(sync).observe(results, { childList: true, subtree: true });
    sync();
    show();
  }

  // -- the print page: put together ------------------------------------------------------------

  // What a resource's page holds for the screen only.
  var SCREEN_ONLY = [
    ".lib-breadcrumbs", ".lib-essentials__updates", ".lib-step-line", ".lib-step-box", ".lib-related", ".lib-cite", ".lib-updates",
    ".headerlink", ".md-content__button", "button", "form", "script", "style", "template", "noscript",
    "link", "meta", "iframe", "object", "embed",
  ].join(",");

  function demote(heading) {
    var level = Number(heading.tagName.charAt(1));
    if (level >= 6) { return heading; }
    var lower = heading.ownerDocument.createElement("h" + (level + 1));
    Array.prototype.forEach.call(heading.attributes, function (a) { lower.setAttribute(a.name, a.value); });
    while (heading.firstChild) { lower.appendChild(heading.firstChild); }
    heading.parentNode.replaceChild(lower, heading);
    return lower;
  }

  // An address on this site, written from this page as the site's own pages write theirs (relative), so
  // that print.css, which prints the address after each link to another site, prints none for them.
  function relative(href, pageUrl, root) {
    var absolute = new URL(href, pageUrl).href;
    var site = new URL(root, window.location.href).href;
    return absolute.indexOf(site) === 0 ? root + absolute.slice(site.length) : absolute;
  }

  function adopt(article, n, pageUrl, root) {
    var prefix = "lib-sel-" + n + "-";
    Array.prototype.forEach.call(article.querySelectorAll(SCREEN_ONLY), function (el) { el.remove(); });
    Array.prototype.forEach.call(article.querySelectorAll("h5, h4, h3, h2, h1"), demote);
    Array.prototype.forEach.call(article.querySelectorAll("[id]"), function (el) { el.id = prefix + el.id; });
    ["aria-labelledby", "aria-describedby", "for"].forEach(function (name) {
      Array.prototype.forEach.call(article.querySelectorAll("[" + name + "]"), function (el) {
        el.setAttribute(name, el.getAttribute(name).split(/\s+/).map(function (id) { return prefix + id; }).join(" "));
      });
    });
    Array.prototype.forEach.call(article.querySelectorAll("[href]"), function (el) {
      var href = el.getAttribute("href");
      el.setAttribute("href", href.charAt(0) === "#" ? "#" + prefix + href.slice(1) : relative(href, pageUrl, root));
    });
    Array.prototype.forEach.call(article.querySelectorAll("[src]"), function (el) {
      el.setAttribute("src", relative(el.getAttribute("src"), pageUrl, root));
      el.removeAttribute("loading");
    });
    var title = article.querySelector("h2");
    var section = document.createElement("section");
    section.className = "lib-selection-page__resource";
    if (title) {
      title.id = prefix + "title";
      section.setAttribute("aria-labelledby", title.id);
    }
    while (article.firstChild) { section.appendChild(document.importNode(article.firstChild, true)); article.removeChild(article.firstChild); }
    return section;
  }

  function initPrintPage(page) {
    var status = page.querySelector("[data-selection-status]");
    var actions = page.querySelector("[data-selection-actions]");
    var contents = page.querySelector("[data-selection-contents]");
    var list = page.querySelector("[data-selection-list]");
    var body = page.querySelector("[data-selection-body]");
    var root = page.getAttribute("data-root") || "./";
    var asked = new URLSearchParams(window.location.search).get("r");
    var wanted = asked === null ? loadChoice() : unique(asked.split(",").filter(isSlug)).slice(0, MAX);
    if (!wanted.length) {
      status.innerHTML = "";
      status.appendChild(document.createTextNode("Nothing is chosen yet. In the "));
      var finder = document.createElement("a");
      finder.href = root + "find-resources/";
      finder.textContent = "finder";
      status.appendChild(finder);
      status.appendChild(document.createTextNode(", tick “Choose to print” on the resources you want, then press “Print your selection”."));
      return;
    }
    status.textContent = "Putting together " + plural(wanted.length, "resource", "resources") + "…";

    fetch(page.getAttribute("data-resources"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var bySlug = {};
        (data.resources || []).forEach(function (r) { bySlug[r.slug] = r; });
        var chosen = wanted.map(function (slug) { return bySlug[slug]; }).filter(Boolean);
        return Promise.all(chosen.map(function (resource) {
          var url = new URL(root + resource.url, window.location.href);
          return fetch(url.href, { credentials: "same-origin" })
            .then(function (response) {
              if (!response.ok) { throw new Error(response.status); }
              return response.text();
            })
            .then(function (html) { return { resource: resource, url: url, html: html }; });
        }));
      })
      .then(function (pages) {
        if (!pages.length) {
          status.textContent = "None of the chosen resources is in the library any more. Choose again in the finder.";
          return;
        }
        var parser = new DOMParser();
        pages.forEach(function (item, i) {
          var article = parser.parseFromString(item.html, "text/html").getElementById("lib-content");
          if (!article) { return; }
          var section = adopt(article, i + 1, item.url, root);
          body.appendChild(section);
          var entry = document.createElement("li");
          var link = document.createElement("a");
          link.href = "#" + section.getAttribute("aria-labelledby");
          link.textContent = item.resource.title;
          entry.appendChild(link);
          list.appendChild(entry);
        });
        contents.hidden = false;
        actions.hidden = false;
        document.title = "Your selection: " + plural(pages.length, "resource", "resources") + " – " + document.title;
        status.textContent = plural(pages.length, "resource", "resources") + " put together below, with a contents list. " +
          "Print them, or choose “Save as PDF” as the printer.";
        var left = wanted.length - pages.length;
        if (left > 0) { status.textContent += " " + plural(left, "chosen resource is", "chosen resources are") + " no longer in the library."; }
      })
      .catch(function () {
        status.textContent = "The resources could not be fetched. Check your connection and reload the page.";
      });

    page.querySelector("[data-selection-print]").addEventListener("click", function () { window.print(); });
  }

  // Without JavaScript the print page says what else there is; with it, that note gives way at once.
  Array.prototype.forEach.call(document.querySelectorAll("[data-selection-nojs]"), function (note) { note.hidden = true; });

  function init() {
    var finder = document.querySelector("[data-finder]");
    if (finder) { initFinder(finder); }
    var page = document.querySelector("[data-print-selection]");
    if (page) { initPrintPage(page); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
