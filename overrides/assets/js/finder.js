/*
 * The resource finder on the "Find resources" page.
 *
 * It searches the index prebuilt by macros/finder_index.py with lunr.js, filters by facets
 * (AND across facets, OR within one), shows what each option would give, and keeps the query
 * and filters in the URL. The functions before `startFinder` use no browser APIs, so the tests
 * run them under Node; they mirror macros/finder_index.py, which searches the same index from
 * the command line, and must give the same results in the same order.
 *
 * overrides/finder.html loads it after lunr.js and before the theme's own script.
 */
(function () {
  "use strict";

  var FACETS = ["type", "audience", "framework", "pqs"];
  var WORD_BOOST = 10;
  var PREFIX_BOOST = 1;
  var MIN_PREFIX = 2;
  var TYPING_DELAY_MS = 200;

  // Letters, digits and underscore: what Python's \w matches, so both sides split words alike.
  var CURLY_APOSTROPHES = /[\u2018\u2019]/g;
  var POSSESSIVE = /'s(?![\p{L}\p{N}_])/gu;
  var SEPARATORS = /[\s\-]+/;
  var EDGE_PUNCTUATION = /^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu;

  /** Lower-case text, with straight apostrophes and no possessive 's, as index and query both see it. */
  function normaliseText(text) {
    return text.toLowerCase().replace(CURLY_APOSTROPHES, "'").replace(/\*/g, " ").replace(/\s+/g, " ")
      .replace(POSSESSIVE, "");
  }

  /** The searchable words of a query: normalised, split like the index, trimmed, no stop words. */
  function queryTerms(lunr, query) {
    return normaliseText(query).split(SEPARATORS)
      .map(function (word) { return word.replace(EDGE_PUNCTUATION, ""); })
      .filter(function (word) { return word && lunr.stopWordFilter(new lunr.Token(word)) !== undefined; });
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
   * is taken as still being typed: see plan_query in macros/finder_index.py.
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

  /** How many of the query's words a resource matched, given the indexed terms it matched. */
  function wordsMatched(plan, terms) {
    var count = 0;
    plan.stems.forEach(function (wordStem, position) {
      var isLast = position === plan.stems.length - 1;
      var found = terms.indexOf(wordStem) !== -1 || (isLast && plan.prefix !== "" &&
        terms.some(function (t) { return t.indexOf(plan.prefix) === 0; }));
      if (found) count += 1;
    });
    return count;
  }

  /** Search the index: [{ref, score, words}] best first, or null when the query has no searchable words. */
  function runQuery(lunr, index, query) {
    var plan = planQuery(lunr, index, query);
    if (!plan) return null;
    var results = index.query(function (q) {
      plan.stems.forEach(function (term) {
        q.term(term, { usePipeline: false, boost: WORD_BOOST });
      });
      if (plan.prefix) {
        q.term(plan.prefix, { usePipeline: false, boost: PREFIX_BOOST, wildcard: lunr.Query.wildcard.TRAILING });
      }
    });
    var hits = results.map(function (r) {
      return { ref: r.ref, score: r.score, words: wordsMatched(plan, Object.keys(r.matchData.metadata)) };
    });
    // More words matched first, then the higher score, then the slug: as run_query in Python.
    hits.sort(function (a, b) {
      return (b.words - a.words) || (b.score - a.score) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
    });
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
      return resources.map(function (r) { return { resource: r, score: null, words: null }; });
    }
    var bySlug = {};
    resources.forEach(function (r) { bySlug[r.slug] = r; });
    return hits.filter(function (h) { return Object.prototype.hasOwnProperty.call(bySlug, h.ref); })
      .map(function (h) { return { resource: bySlug[h.ref], score: h.score, words: h.words }; });
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

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /** What the live region says after each update. */
  function statusMessage(count, state) {
    var filtered = FACETS.some(function (facet) { return state[facet].length; });
    if (!count) {
      return "No resources match. Try fewer or different words" + (filtered ? ", or clear some filters." : ".");
    }
    if (!state.q.trim() && !filtered) return "Showing all " + plural(count, "resource", "resources") + ".";
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
    statusMessage: statusMessage
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }

  /* ---- In the page ---------------------------------------------------------------------- */

  function startFinder(root) {
    var lunr = window.lunr;
    var form = root.querySelector("form");
    var box = form.querySelector('input[name="q"]');
    var status = root.querySelector('[role="status"]');
    var resultsSection = root.querySelector(".lib-finder__results");
    var list = root.querySelector("#lib-finder-results");
    var fallback = root.querySelector("[data-finder-fallback]");
    var rootUrl = root.getAttribute("data-root");  // the site's root, relative to this page
    var index, data, labels = {}, options = {};
    var typingTimer = null;
    var listed = null;  // the slugs in the results list, in order
    var typingEntry = false;  // whether the current history entry was made by typing

    function checkboxes(facet) {
      return Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="' + facet + '"]'));
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

    function writeForm(state) {
      box.value = state.q;
      FACETS.forEach(function (facet) {
        checkboxes(facet).forEach(function (b) { b.checked = state[facet].indexOf(b.value) !== -1; });
      });
    }

    // A copy of the empty card the page holds (macros/site/templates/card.html), its slots filled.
    var cardTemplate = root.querySelector("#lib-finder-card");

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
      FACETS.forEach(function (facet) {
        checkboxes(facet).forEach(function (b) {
          var n = counts[facet][b.value] || 0;
          var option = b.closest(".lib-facet__option");
          option.querySelector(".lib-facet__count").textContent = "(" + n + ")";
          // An option that would give nothing stays visible but cannot be ticked (unless it already is).
          b.disabled = n === 0 && !b.checked;
          option.classList.toggle("lib-facet__option--none", n === 0);
        });
      });
    }

    function update(mode) {
      var state = readForm();
      var found = candidates(lunr, index, data.resources, state.q);
      var results = filterResults(found, state);
      // Rebuild the list only when it changes, so a link that has focus keeps it.
      var shown = results.map(function (r) { return r.resource.slug; }).join(" ");
      if (shown !== listed) {
        while (list.firstChild) list.removeChild(list.firstChild);
        results.forEach(function (r) { list.appendChild(card(r.resource)); });
        listed = shown;
      }
      showCounts(countFacets(found, state));
      status.textContent = statusMessage(results.length, state);
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

    function flushTyping() {
      if (typingTimer !== null) {
        window.clearTimeout(typingTimer);
        typingTimer = null;
      }
    }

    box.addEventListener("input", function () {
      flushTyping();
      typingTimer = window.setTimeout(function () {
        typingTimer = null;
        update("typing");
      }, TYPING_DELAY_MS);
    });
    form.addEventListener("change", function (event) {
      if (event.target.type !== "checkbox") return;
      flushTyping();
      update("push");
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      flushTyping();
      update("push");
    });
    form.querySelector("[data-finder-clear]").addEventListener("click", function () {
      flushTyping();
      writeForm(emptyState());
      update("push");
      box.focus();
    });
    window.addEventListener("popstate", function () {
      flushTyping();
      writeForm(parseState(window.location.search, options));
      typingEntry = false;
      update(null);
    });

    function getJson(url) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
    }

    status.textContent = "Loading the search…";
    var loading = [getJson(root.getAttribute("data-index")), getJson(root.getAttribute("data-resources"))];
    Promise.all(loading).then(function (loaded) {
      index = lunr.Index.load(loaded[0]);
      data = loaded[1];
      data.facets.forEach(function (facet) {
        labels[facet.id] = {};
        facet.options.forEach(function (option) { labels[facet.id][option.id] = option.label; });
        options[facet.id] = checkboxes(facet.id).map(function (b) { return b.value; });
      });
      writeForm(parseState(window.location.search, options));
      form.hidden = false;
      resultsSection.hidden = false;
      fallback.hidden = true;
      update(null);
    }).catch(function () {
      status.textContent = "The search could not be loaded. Every resource is listed below by type.";
    });
  }

  /*
   * The theme's own search opens itself on any page whose address has ?q=, but here q is the
   * finder's. The theme looks as soon as its script runs, and that script comes after this one:
   * so q comes out of the address now, and goes back once every script has run.
   */
  var root = document.querySelector("[data-finder]");
  if (!root || !window.URLSearchParams) return;
  var address = window.location.pathname + window.location.search + window.location.hash;
  var params = new URLSearchParams(window.location.search);
  if (params.has("q")) {
    params.delete("q");
    var rest = params.toString();
    var withoutQ = window.location.pathname + (rest ? "?" + rest : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", withoutQ);
  }

  function afterTheme() {
    window.history.replaceState(window.history.state, "", address);
    if (window.lunr && window.fetch) startFinder(root);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", afterTheme);
  } else {
    afterTheme();
  }
})();
