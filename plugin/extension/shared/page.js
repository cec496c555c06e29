// What a news page says about itself: the selected quote, a guess at the speaker and the publication date.
// Shared by the extension (injected into the page) and the bookmarklet (run in the page). Plain, dependency-free;
// every function takes the document it reads, so nothing here touches the page's own scripts.
var claimledger = claimledger || {};

(function (ns) {
  "use strict";

  // Where pages name an author, most specific first. The article's author is usually the reporter, not the
  // person quoted: the panel says it is a guess for the user to confirm.
  var SPEAKER_META = [
    ['meta[name="author"]', "author meta tag"],
    ['meta[property="article:author"]', "article:author meta tag"],
    ['meta[name="parsely-author"]', "parsely-author meta tag"],
    ['meta[name="dc.creator" i]', "dc.creator meta tag"],
  ];
  var DATE_META = [
    ['meta[property="article:published_time"]', "article:published_time"],
    ['meta[itemprop="datePublished"]', "datePublished"],
    ['meta[name="date"]', "date meta tag"],
  ];
  var QUOTE_MARKS = /^[\s"'“”„‟«»‘’‚‹›「」『』]+|[\s"'“”„‟«»‘’‚‹›「」『』]+$/g;
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

  function clean(text) {
    return String(text == null ? "" : text).replace(/\s+/g, " ").trim();
  }

  function isUrl(text) {
    return /^(https?:)?\/\//i.test(text);
  }

  function selectedQuote(win) {
    var selection = win.getSelection ? win.getSelection() : null;
    return selection ? clean(selection.toString()).replace(QUOTE_MARKS, "") : "";
  }

  function metaContent(doc, selector) {
    var element = doc.querySelector(selector);
    return element ? clean(element.getAttribute("content")) : "";
  }

  // Every object in the page's JSON-LD blocks, @graph and arrays flattened.
  function jsonLdObjects(doc) {
    var found = [];
    var scripts = doc.querySelectorAll('script[type="application/ld+json"]');
    for (var i = 0; i < scripts.length; i++) {
      var stack;
      try {
        stack = [JSON.parse(scripts[i].textContent)];
      } catch (error) {
        continue;
      }
      while (stack.length && found.length < 200) {
        var item = stack.pop();
        if (Array.isArray(item)) {
          stack.push.apply(stack, item);
        } else if (item && typeof item === "object") {
          found.push(item);
          if (item["@graph"]) stack.push(item["@graph"]);
        }
      }
    }
    return found;
  }

  // The first name in a JSON-LD author/creator value: a string, a Person or Organization, or a list of them.
  function personName(value) {
    if (typeof value === "string") return isUrl(value) ? "" : clean(value);
    if (Array.isArray(value)) {
      for (var i = 0; i < value.length; i++) {
        var name = personName(value[i]);
        if (name) return name;
      }
      return "";
    }
    if (value && typeof value === "object") return personName(value.name);
    return "";
  }

  function guessSpeaker(doc) {
    var objects = jsonLdObjects(doc);
    var fields = ["author", "creator"];
    for (var f = 0; f < fields.length; f++) {
      for (var i = 0; i < objects.length; i++) {
        var name = personName(objects[i][fields[f]]);
        if (name) return { name: name, from: "JSON-LD " + fields[f] };
      }
    }
    for (var m = 0; m < SPEAKER_META.length; m++) {
      var content = metaContent(doc, SPEAKER_META[m][0]);
      if (content && !isUrl(content)) return { name: content, from: SPEAKER_META[m][1] };
    }
    return null;
  }

  function guessDate(doc) {
    for (var m = 0; m < DATE_META.length; m++) {
      var content = metaContent(doc, DATE_META[m][0]);
      if (ISO_DATE.test(content)) return { value: content, from: DATE_META[m][1] };
    }
    var objects = jsonLdObjects(doc);
    for (var i = 0; i < objects.length; i++) {
      var published = clean(objects[i].datePublished);
      if (ISO_DATE.test(published)) return { value: published, from: "JSON-LD datePublished" };
    }
    return null;
  }

  // The page's address without its #fragment: the quote's source_url.
  function pageUrl(win) {
    return String(win.location.href).split("#")[0];
  }

  ns.readPage = function (doc, win) {
    return {
      quote: selectedQuote(win),
      speaker: guessSpeaker(doc),
      saidAt: guessDate(doc),
      sourceUrl: pageUrl(win),
      title: clean(doc.title),
    };
  };
})(claimledger);
