/*
 * The resource finder on the "Find resources" page: the library's one search.
 *
 * It searches the index prebuilt by macros/finder/index.py with lunr.js, filters by facets
 * (AND across facets, OR within one), shows what each option would give, and keeps the query
 * and filters in the URL. The header's search box on every page is a plain form that opens this
 * page with ?q=. The functions before `startFinder` use no browser APIs, so the tests run them
 * under Node; they mirror macros/finder/words.py and macros/finder/search.py, which search the
 * same index from the command line, and must give the same results in the same order.
 *
 * The page is complete before this runs: the form, the counts and the first page of resources are
 * in the HTML (only the first page, so the page does not grow with the catalogue). The index and
 * resources.json are fetched only when the reader first uses the search (focuses or types in the
 * box, ticks a filter, asks for more results) or arrives with words or filters in the address.
 * Results are shown a page at a time: "Show more results" adds the next page.
 */
(function () {
  "use strict";

  var FACETS = ["type", "audience", "framework", "pqs"];
  var WORD_BOOST = 10;
  var PREFIX_BOOST = 1;
  var MIN_PREFIX = 2;
  var TYPING_DELAY_MS = 200;

  // Letters, digits, apostrophes and hyphens: what a word is in macros/finder/words.py.
  var WORD = /[\p{L}\p{N}'-]+/gu;
  var CURLY_APOSTROPHES = /[\u2018\u2019]/g;
  var UNICODE_HYPHENS = /[\u2010\u2011]/g;
  var POSSESSIVE = /'s(?![\p{L}\p{N}])/gu;
  var EDGE_APOSTROPHES = /^'+|'+$/g;

  /** Lower-case text, with straight apostrophes, plain hyphens and no possessive 's. */
  function normaliseText(text) {
    return text.toLowerCase().replace(CURLY_APOSTROPHES, "'").replace(UNICODE_HYPHENS, "-").replace(POSSESSIVE, "");
  }

  /** Whether a word is searched for: longer than one character and not a stop word. */
  function isSearchable(lunr, word) {
    return Array.from(word).length > 1 && lunr.stopWordFilter(new lunr.Token(word)) !== undefined;
  }

  /** The searchable words of a query, unstemmed: a hyphenated word is one word ("well-being" is "wellbeing"). */
  function queryTerms(lunr, query) {
    return (normaliseText(query).match(WORD) || [])
      .map(function (word) {
        return word.split("-").map(function (part) { return part.replace(EDGE_APOSTROPHES, ""); }).join("");
      })
      .filter(function (word) { return isSearchable(lunr, word); });
  }

  function stem(lunr, word) {
    return lunr.stemmer(new lunr.Token(word)).toString();
  }

  /** How many leading letters of `word` some indexed term also starts with, and whether `word` is a term. */
  function walk(index, word) {
    var node = index.tokenSet;
    for (var i = 0; i < word.length; i++) {
      var next = Object.prototype.hasOwnProperty.call(node.edges, word.charAt(i)) ? node.edges[word.charAt(i)] : null;
      if (!next) return { known: i, isTerm: false };
      node = next;
    }
    return { known: word.length, isTerm: Boolean(node.final) };
  }

  /**
   * The plan for what the reader typed, or null when it has no searchable words. The last word
   * is taken as still being typed: see plan_query in macros/finder/search.py.
   */
  function planQuery(lunr, index, query) {
    var terms = queryTerms(lunr, query);
    if (!terms.length) return null;
    var last = terms[terms.length - 1];
    var known = walk(index, last).known;
    var prefix;
    if (known === last.length) {
      prefix = last;
    } else if (walk(index, stem(lunr, last)).isTerm || 2 * known < last.length || known < MIN_PREFIX) {
      prefix = "";
    } else {
      prefix = last.slice(0, known);
    }
    return { stems: terms.map(function (t) { return stem(lunr, t); }), prefix: prefix };
  }

  /** Whether the indexed terms a resource matched include the last word (its stem, or a word it starts). */
  function matchesLastWord(plan, terms) {
    var lastStem = plan.stems[plan.stems.length - 1];
    return terms.indexOf(lastStem) !== -1 || (plan.prefix !== "" &&
      terms.some(function (t) { return t.indexOf(plan.prefix) === 0; }));
  }

  /**
   * Search the index: [{ref, score}] best first, or null when the query has no searchable words.
   * Every word must be found; with a prefix, the last one is checked after (see build_query).
   */
  function runQuery(lunr, index, query) {
    var plan = planQuery(lunr, index, query);
    if (!plan) return null;
    var last = plan.stems.length - 1;
    var presence = lunr.Query.presence;
    var results = index.query(function (q) {
      plan.stems.forEach(function (term, position) {
        var optional = plan.prefix !== "" && position === last;
        q.term(term, { usePipeline: false, boost: WORD_BOOST, presence: optional ? presence.OPTIONAL : presence.REQUIRED });
      });
      if (plan.prefix) {
        q.term(plan.prefix, { usePipeline: false, boost: PREFIX_BOOST, wildcard: lunr.Query.wildcard.TRAILING });
      }
    });
    var hits = results.filter(function (r) { return matchesLastWord(plan, Object.keys(r.matchData.metadata)); })
      .map(function (r) { return { ref: r.ref, score: r.score }; });
    // The higher score first, then the earlier resource (A to Z by title): as run_query in Python.
    hits.sort(function (a, b) { return (b.score - a.score) || (Number(a.ref) - Number(b.ref)); });
    return hits;
  }

  /** Whether a resource passes every facet but `skip`: AND across facets, OR within one. */
  function matchesFilters(resource, filters, skip) {
    return FACETS.every(function (facet) {
      var chosen = filters[facet] || [];
      if (facet === skip || !chosen.length) return true;
      var values = resource[facet] || [];
      return chosen.some(function (id) { return values.indexOf(id) !== -1; });
    });
  }

  /** The resources matching the words (all of them, A to Z, when there are no search words). */
  function candidates(lunr, index, resources, query) {
    var hits = runQuery(lunr, index, query);
    if (hits === null) {
      return resources.map(function (r) { return { resource: r, score: null }; });
    }
    return hits.filter(function (h) { return Number(h.ref) < resources.length; })
      .map(function (h) { return { resource: resources[Number(h.ref)], score: h.score }; });
  }

  /** The candidates that pass the filters, in the same order. */
  function filterResults(found, filters) {
    return found.filter(function (c) { return matchesFilters(c.resource, filters); });
  }

  /** For each facet option, how many results there would be with it ticked and the rest of its facet not. */
  function countFacets(found, filters) {
    var counts = {};
    FACETS.forEach(function (facet) {
      var tally = {};
      found.forEach(function (c) {
        if (!matchesFilters(c.resource, filters, facet)) return;
        (c.resource[facet] || []).forEach(function (id) { tally[id] = (tally[id] || 0) + 1; });
      });
      counts[facet] = tally;
    });
    return counts;
  }

  function emptyState() {
    var state = { q: "" };
    FACETS.forEach(function (facet) { state[facet] = []; });
    return state;
  }

  /**
   * The finder's state from a URL's query string ("?q=…&audience=a&audience=b", or "audience=a,b").
   * With `options` (facet -> known ids in page order), unknown ids are dropped and the rest put in
   * page order, so every link to the same results reads the same.
   */
  function parseState(search, options) {
    var params = new URLSearchParams(search);
    var state = emptyState();
    state.q = params.get("q") || "";
    FACETS.forEach(function (facet) {
      var ids = [];
      params.getAll(facet).forEach(function (value) {
        value.split(",").forEach(function (id) {
          id = id.trim();
          if (id && ids.indexOf(id) === -1) ids.push(id);
        });
      });
      if (options && options[facet]) {
        ids = options[facet].filter(function (id) { return ids.indexOf(id) !== -1; });
      }
      state[facet] = ids;
    });
    return state;
  }

  /** The query string for a state ("" when there is nothing to search or filter by). */
  function serialiseState(state) {
    var params = new URLSearchParams();
    if (state.q && state.q.trim()) params.append("q", state.q);
    FACETS.forEach(function (facet) {
      (state[facet] || []).forEach(function (id) { params.append(facet, id); });
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  /** How many filters a state has ticked. */
  function filterCount(state) {
    return FACETS.reduce(function (n, facet) { return n + state[facet].length; }, 0);
  }

  /** "1 resource", "1,000 resources": numbers written as the server writes them (macros/site/page_macros.py). */
  function plural(n, one, many) {
    return n.toLocaleString("en-GB") + " " + (n === 1 ? one : many);
  }

  /** What the count above the results says (and the live region announces) after each change: one short line. */
  function statusMessage(count, state) {
    if (!count) return "No resources match.";
    if (!state.q.trim() && !filterCount(state)) return "All " + plural(count, "resource", "resources") + ".";
    return plural(count, "resource matches", "resources match") + ".";
  }

  var api = {
    FACETS: FACETS,
    normaliseText: normaliseText,
    queryTerms: queryTerms,
    planQuery: planQuery,
    runQuery: runQuery,
    matchesFilters: matchesFilters,
    candidates: candidates,
    filterResults: filterResults,
    countFacets: countFacets,
    parseState: parseState,
    serialiseState: serialiseState,
    filterCount: filterCount,
    statusMessage: statusMessage
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }

  /* ---- In the page ---------------------------------------------------------------------- */

  function startFinder(root) {
    var lunr = null;  // lunr.js, once loaded
    var form = root.querySelector("form");
    var box = form.querySelector('input[name="q"]');
    var status = root.querySelector("[data-finder-status]");
    var section = root.querySelector(".lib-finder__results");
    var list = root.querySelector("[data-finder-results]");
    var empty = root.querySelector("[data-finder-empty]");
    var more = root.querySelector("[data-finder-more]");
    var moreCount = more.querySelector("[data-finder-more-count]");
    var pageSize = Number(root.getAttribute("data-page-size")) || 20;
    var toggle = root.querySelector("[data-finder-toggle]");
    var applied = root.querySelector("[data-finder-applied]");
    // A copy of the empty card the page holds (macros/site/templates/card.html), its slots filled.
    var cardTemplate = root.querySelector("template");
    var rootUrl = root.getAttribute("data-root");  // the site's root, relative to this page
    var boxes = Array.prototype.slice.call(root.querySelectorAll('.lib-facet input[type="checkbox"]'));
    var options = {};
    FACETS.forEach(function (facet) {
      options[facet] = checkboxes(facet).map(function (b) { return b.value; });
    });
    var index = null, data = null, labels = {};
    var loading = null;
    var typingTimer = null;
    var matched = null;  // the results of the last search, in order (all of them, as the server wrote them, once loaded)
    var listed = null;  // their slugs, to tell when a search gives different results
    var shown = 0;  // how many of them are in the list
    var typingEntry = false;  // whether the current history entry was made by typing

    function checkboxes(facet) {
      return boxes.filter(function (b) { return b.name === facet; });
    }

    function readForm() {
      var state = emptyState();
      state.q = box.value;
      FACETS.forEach(function (facet) {
        state[facet] = checkboxes(facet).filter(function (b) { return b.checked; })
          .map(function (b) { return b.value; });
      });
      return state;
    }

    // The button says how many filters are ticked: "Filters (2)", read out as "Filters (2 applied)".
    function showApplied() {
      var n = filterCount(readForm());
      if (!n) {
        applied.replaceChildren();
        return;
      }
      var shown = document.createElement("span");
      shown.setAttribute("aria-hidden", "true");
      shown.textContent = "(" + n + ")";
      var said = document.createElement("span");
      said.className = "lib-visually-hidden";
      said.textContent = "(" + n + " applied)";
      applied.replaceChildren(shown, said);
    }

    function writeForm(state) {
      box.value = state.q;
      FACETS.forEach(function (facet) {
        checkboxes(facet).forEach(function (b) { b.checked = state[facet].indexOf(b.value) !== -1; });
      });
      showApplied();
    }

    function card(resource) {
      var item = cardTemplate.content.firstElementChild.cloneNode(true);
      function slot(name) { return item.querySelector('[data-card="' + name + '"]'); }
      item.className = "lib-card lib-card--" + resource.type[0];
      slot("title").textContent = resource.title;
      slot("title").setAttribute("href", rootUrl + resource.url);
      slot("type").textContent = labels.type[resource.type[0]] || resource.type[0];
      slot("audiences").textContent = resource.audience.map(function (id) { return labels.audience[id] || id; })
        .join(", ");
      slot("minutes").textContent = resource.minutes;
      slot("summary").textContent = resource.summary;
      if (resource.pdf) {
        slot("pdf").querySelector("a").setAttribute("href", rootUrl + resource.pdf.url);
        slot("pdf-title").textContent = resource.title;
        slot("pdf-size").textContent = resource.pdf.size;
      } else {
        slot("pdf").remove();
      }
      return item;
    }

    function showCounts(counts) {
      boxes.forEach(function (b) {
        var n = counts[b.name][b.value] || 0;
        var option = b.closest(".lib-facet__option");
        option.querySelector(".lib-facet__count").textContent = "(" + n + ")";
        // An option that would give nothing stays visible but cannot be ticked (unless it already is).
        b.disabled = n === 0 && !b.checked;
        option.classList.toggle("lib-facet__option--none", n === 0);
      });
    }

    /** Add the next page of results to the list, and say how many are left. */
    function showMore() {
      var items = document.createDocumentFragment();
      matched.slice(shown, shown + pageSize).forEach(function (r) { items.appendChild(card(r.resource)); });
      list.appendChild(items);
      shown = Math.min(matched.length, shown + pageSize);
      showRest();
    }

    function showRest() {
      more.hidden = shown >= matched.length;
      moreCount.textContent = "(" + (matched.length - shown).toLocaleString("en-GB") + " not shown)";
    }

    /** Show what the form asks for: the list, the counts, the status, and (unless `mode` is null) the address. */
    function update(mode) {
      var state = readForm();
      var found = candidates(lunr, index, data.resources, state.q);
      var results = filterResults(found, state);
      // Rebuild the list only when it changes, so a link that has focus keeps it.
      var slugs = results.map(function (r) { return r.resource.slug; }).join(" ");
      if (slugs !== listed) {
        matched = results;
        listed = slugs;
        shown = 0;
        list.replaceChildren();
        showMore();
      }
      showCounts(countFacets(found, state));
      showApplied();
      // Written once per change (typing waits for a pause), so the live region announces each count once.
      status.textContent = statusMessage(results.length, state);
      empty.hidden = results.length > 0;
      // Typing replaces the entry its first keystroke made, so Back skips the half-typed words.
      if (mode) {
        var url = window.location.pathname + serialiseState(state);
        if (url !== window.location.pathname + window.location.search) {
          var push = mode === "push" || !typingEntry;
          window.history[push ? "pushState" : "replaceState"](null, "", url);
        }
        typingEntry = mode === "typing";
      }
    }

    function getScript(url) {
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.addEventListener("load", resolve);
        script.addEventListener("error", reject);
        document.head.appendChild(script);
      });
    }

    function getJson(url) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
    }

    /** Fetch lunr.js, the index and the resources once, when the search is first needed. */
    function load() {
      if (!loading) {
        loading = Promise.all([
          getJson(root.getAttribute("data-index")),
          getJson(root.getAttribute("data-resources")),
          getScript(root.getAttribute("data-lunr"))
        ]).then(function (loaded) {
          lunr = window.lunr;
          index = lunr.Index.load(loaded[0]);
          data = loaded[1];
          data.facets.forEach(function (facet) {
            labels[facet.id] = {};
            facet.options.forEach(function (option) { labels[facet.id][option.id] = option.label; });
          });
          // The server listed the first page of every resource, in this same order.
          matched = data.resources.map(function (r) { return { resource: r, score: null }; });
          listed = data.resources.map(function (r) { return r.slug; }).join(" ");
          shown = list.children.length;
        });
        loading.catch(function () {
          status.textContent = "The search could not be loaded. Try again later, or browse the resources by type, audience or PQS domain.";
        });
      }
      return loading;
    }

    /** Update once the index is there (at once, after the first time); the results are busy until then. */
    function request(mode) {
      if (!data) section.setAttribute("aria-busy", "true");
      load().then(function () { update(mode); }, function () {}).then(function () {
        section.removeAttribute("aria-busy");
      });
    }

    function flushTyping() {
      if (typingTimer !== null) {
        window.clearTimeout(typingTimer);
        typingTimer = null;
      }
    }

    box.addEventListener("focus", load);
    box.addEventListener("input", function () {
      flushTyping();
      typingTimer = window.setTimeout(function () {
        typingTimer = null;
        request("typing");
      }, TYPING_DELAY_MS);
    });
    // The checkboxes belong to the form by their form attribute: they sit beside it, not inside.
    root.addEventListener("change", function (event) {
      if (event.target.type !== "checkbox") return;
      flushTyping();
      showApplied();
      request("push");
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      flushTyping();
      request("push");
    });
    root.querySelector("[data-finder-clear]").addEventListener("click", function () {
      flushTyping();
      writeForm(emptyState());
      request("push");
      box.focus();
    });
    // The next page of results; focus moves to the first of them, so the reader goes on from there.
    more.querySelector("button").addEventListener("click", function () {
      load().then(function () {
        var first = shown;
        showMore();
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();
      }, function () {});
    });
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
    });
    window.addEventListener("popstate", function () {
      flushTyping();
      writeForm(parseState(window.location.search, options));
      typingEntry = false;
      request(null);
    });

    // A link with words or filters (from the header's search, a coverage cell, a bookmark) is searched at once.
    var arrived = parseState(window.location.search, options);
    if (arrived.q.trim() || filterCount(arrived)) {
      writeForm(arrived);
      request(null);
    } else if (new URLSearchParams(window.location.search).has("q")) {
      // The header's search button with no words (on a phone it has no box): the reader came to type.
      box.focus();
    }
  }

  var root = document.querySelector("[data-finder]");
  if (root && window.fetch && window.Promise && window.URLSearchParams) startFinder(root);
})();
