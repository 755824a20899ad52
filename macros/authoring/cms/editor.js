/* The library's additions to the browser editor (Decap CMS), loaded by /admin/ after decap-cms.js:
   the preview pane draws a resource as its page on the site does (title, summary, the line of
   essentials, the text) in the site's own stylesheets, and a missing required field is named in
   the words `make check` uses. Everything else the check says is in config.yml's patterns. */
(function () {
  "use strict";

  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var WORD = /[A-Za-z0-9\u00C0-\u024F'\u2019]+/g;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : "";
  }

  function words(text) {
    return text.split(/\s+/).filter(Boolean);
  }

  // The site's stylesheets in the preview pane, so a resource looks as it will on the site.
  words(meta("lib-preview-styles")).forEach(function (href) {
    CMS.registerPreviewStyle(href);
  });
  CMS.registerPreviewStyle("editor.css");

  // The text is edited as Markdown unless the editor has chosen rich text before (Decap remembers the
  // choice under this key): rich text rewrites some of the library's Markdown, such as attribute lists.
  try {
    if (!window.localStorage.getItem("cms.md-mode")) window.localStorage.setItem("cms.md-mode", "raw");
  } catch (error) {
    // Storage refused (a private window): Decap starts in rich text.
  }

  // "missing required field 'Title'", as `make check` says it, for Decap's "Title is required."
  var english = CMS.getLocale("en");
  if (english && english.editor && english.editor.editorControlPane) {
    english.editor.editorControlPane.widget.required = "missing required field '%{fieldLabel}'";
    // Each pattern's message (config.yml) is already the check's own sentence: say it alone.
    english.editor.editorControlPane.widget.regexPattern = "%{pattern}";
    CMS.registerLocale("en", english);
  }

  var readingSpeed = Number(meta("lib-reading-speed")) || 200;
  var longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

  function lowerFirst(text) {
    // 'Senior leaders' -> 'senior leaders'; an abbreviation such as 'PQS' stays as it is.
    return /^.[a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  }

  function inSentence(items) {
    if (items.length < 2) return items.join("");
    return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  function dated(value) {
    var text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value || "");
    return DATE.test(text) ? longDate.format(new Date(text + "T00:00:00Z")) : "";
  }

  function optionLabels(collection, name) {
    var labels = {};
    collection.get("fields").forEach(function (field) {
      if (field.get("name") !== name) return;
      (field.get("options") || []).forEach(function (option) {
        labels[option.get("value")] = option.get("label");
      });
    });
    return labels;
  }

  function list(value) {
    if (!value) return [];
    return typeof value.toJS === "function" ? value.toJS() : [].concat(value);
  }

  var ResourcePreview = createClass({
    render: function () {
      var entry = this.props.entry;
      var collection = this.props.collection;
      var data = function (name) {
        return entry.getIn(["data", name]);
      };
      var audienceLabels = optionLabels(collection, "audience");
      var audiences = list(data("audience")).map(function (id) {
        return lowerFirst(audienceLabels[id] || id);
      });
      var body = String(data("body") || "");
      var minutes = Math.max(1, Math.ceil((body.match(WORD) || []).length / readingSpeed));
      var changes = list(data("changes"));
      var essentials = [collection.get("label_singular") + (audiences.length ? " for " + inSentence(audiences) : "")];
      var published = dated(data("published"));
      if (published) essentials.push("Published " + published);
      var updated = changes.length ? dated(changes[changes.length - 1].date) : "";
      if (updated) essentials.push("Last updated " + updated);
      essentials.push(minutes + " min read");
      return h(
        "div",
        { className: "md-content lib-preview", "data-md-component": "content" },
        h(
          "article",
          { className: "md-content__inner md-typeset" },
          data("draft")
            ? h(
                "div",
                { className: "lib-draft", role: "note" },
                h("p", {}, h("strong", {}, "Draft."), " The site does not publish this resource while Draft is on.")
              )
            : null,
          h("h1", { className: "lib-title" }, data("title") || "Title"),
          h("p", { className: "lib-lead" }, data("summary") || ""),
          h("p", { className: "lib-essentials" }, essentials.join(" \u00b7 ")),
          this.props.widgetFor("body")
        )
      );
    },
  });

  words(meta("lib-resource-collections")).forEach(function (name) {
    CMS.registerPreviewTemplate(name, ResourcePreview);
  });

  // Decap's preview pane is a frame with no name; a screen reader announces it as "Preview".
  new MutationObserver(function () {
    var frame = document.getElementById("preview-pane");
    if (frame && !frame.title) frame.title = "Preview";
  }).observe(document.body, { childList: true, subtree: true });
})();
