// What a news page says about itself: the selected quote, a guess at the speaker and the publication date.
// Shared by the extension (injected into the page) and the bookmarklet (run in the page). Plain, dependency-free;
// every function takes the document it reads, so nothing here touches the page's own scripts.
var claimledger = claimledger || {};

(function (ns) {
  "use strict";

  // Where pages name an author, most specific first. The article's author is usually the reporter, not the
  // person quoted: the panel says it is a guess for the user to confirm.
  // Attribute values are matched case-insensitively: CMSs write name="Author" and name="author" alike.
  var SPEAKER_META = [
    ['meta[name="author" i]', "author meta tag"],
    ['meta[property="article:author" i]', "article:author meta tag"],
    ['meta[name="parsely-author" i]', "parsely-author meta tag"],
    ['meta[name="dc.creator" i]', "dc.creator meta tag"],
  ];
  // A date may sit in a <meta content> or, as microdata, in a visible <time datetime>.
  var DATE_META = [
    ['meta[property="article:published_time" i]', "article:published_time"],
    ['[itemprop="datePublished" i]', "datePublished"],
    ['meta[name="date" i]', "date meta tag"],
  ];
  // schema.org types whose author is the article's: looked at before any other object's author or creator (a
  // comment's or review's author is someone else), and never Comment or Review themselves.
  var ARTICLE_TYPE = /(Article|BlogPosting|Report)$/;
  var OTHERS_WORK = /^(Comment|Review|Answer|Question|Rating|ClaimReview)$/;
  // A byline's "By " (or "By:") is not part of the name.
  var BYLINE_WORD = /^by[\s:]+/i;
  var NAME_SEPARATOR = /\s*(?:,|;|\||&|\band\b)\s*/;
  // One person's name: two to four words, each capitalised (so "Department of Health and Social Care" or
  // "Procter & Gamble" is not taken for two people).
  var PERSON_NAME = /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}$/u;
  // In-page footnote references inside a selection ("[1]", a superscript link to #fn2): not part of the quote.
  var FOOTNOTE = 'sup:has(a[href^="#"]), [role="doc-noteref"], sup.reference';
  var BRACKETED = /^\s*\[[^\]]{1,8}\]\s*$/;
  var QUOTE_MARKS = /^[\s"'“”„‟«»‘’‚‹›「」『』]+|[\s"'“”„‟«»‘’‚‹›「」『』]+$/g;
  // Characters that show nothing: spaces, format characters (zero-width space, non-joiner and joiner, word
  // joiner, BOM, bidi marks, embeddings, overrides and isolates, soft hyphen) and controls, what the server counts
  // as no text. A selection of only these is no quote; inside a quote format characters stay: a Persian word's
  // non-joiner, an emoji's joiner, the bidi isolate that decides the order mixed scripts read in.
  var INVISIBLE = /[\s\p{Cf}\p{Cc}]/gu;
  // Control characters other than tabs and line breaks (C0, DEL, C1): nothing a reader sees, and a NUL makes the
  // server refuse the text. Left out of a quote and a speaker; what shows stays as it is.
  var CONTROL = /[\0-\x08\x0E-\x1F\x7F-\x9F]/g;
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

  // Half of a character (a lone UTF-16 surrogate, left where a page's script cut its text inside an emoji) is no
  // text at all, and the server refuses a quote holding one: it is dropped. A loop, not a regular expression with
  // a look-behind, so the bookmarklet still parses in older browsers.
  ns.wholeCharacters = function (text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) {
        var next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) out += text.charAt(i) + text.charAt(++i);
      } else if (code < 0xdc00 || code > 0xdfff) {
        out += text.charAt(i);
      }
    }
    return out;
  };

  function clean(text) {
    return String(text == null ? "" : text).replace(/\s+/g, " ").trim();
  }

  // Text as the panel sends it (a quote, a speaker): whole characters, no control characters, one space between
  // words. Each of these the server would refuse or the reader cannot see.
  ns.sendable = function (text) {
    return clean(ns.wholeCharacters(String(text == null ? "" : text)).replace(CONTROL, ""));
  };

  // Nothing a reader could see: empty, spaces, zero-width, bidi, other format or control characters.
  ns.isBlank = function (text) {
    return String(text == null ? "" : text).replace(INVISIBLE, "") === "";
  };

  // Where the reader was when the panel opened, to go back to when it closes: the element that had the keyboard
  // focus (inside a page component's shadow root too), and where none had it (a quote selected with the mouse)
  // the selection. A panel replacing another (`old`) keeps the first one's.
  ns.readerPlace = function (doc, old) {
    var focused = doc.activeElement;
    while (focused && focused !== old && focused.shadowRoot && focused.shadowRoot.activeElement) {
      focused = focused.shadowRoot.activeElement;
    }
    if (old && focused === old) return old.claimledgerReturnFocus || null;
    var selection = doc.defaultView && doc.defaultView.getSelection ? doc.defaultView.getSelection() : null;
    var bare = !focused || focused === doc.body || focused === doc.documentElement;
    var range = bare && selection && selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
    return { focused: focused, range: range && !range.collapsed ? range : null };
  };

  // Back to `place` (readerPlace's): the element that had the focus; else the element holding the selection,
  // focused (focusable for that moment only: its tabindex goes when the focus moves on, so Tab continues from
  // the quote) with the selection put back. Unless the page took either away meanwhile: the focus then stays
  // where the browser puts it.
  ns.returnToReader = function (doc, place) {
    var focused = place && place.focused;
    if (focused && focused !== doc.body && focused.isConnected && typeof focused.focus === "function") {
      focused.focus();
      return;
    }
    var range = place && place.range;
    if (!range || range.collapsed || !range.startContainer.isConnected) return;
    var holder = range.commonAncestorContainer;
    if (holder.nodeType !== 1) holder = holder.parentNode;
    if (holder && holder !== doc.body && holder !== doc.documentElement && typeof holder.focus === "function") {
      if (!holder.hasAttribute("tabindex")) {
        holder.setAttribute("tabindex", "-1");
        holder.addEventListener("blur", function () { holder.removeAttribute("tabindex"); }, { once: true });
      }
      holder.focus({ preventScroll: true });
    }
    var selection = doc.defaultView.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  };

  function isUrl(text) {
    return /^(https?:)?\/\//i.test(text);
  }

  function isFootnote(element) {
    return element.matches(FOOTNOTE) || (element.tagName === "SUP" && BRACKETED.test(element.textContent));
  }

  // The selection's text as the reader sees it (Selection.toString keeps paragraph breaks), leaving out footnote
  // references: the range is read piece by piece around them, and the reader's selection put back as it was.
  function selectionText(selection) {
    var ranges = [];
    for (var r = 0; r < selection.rangeCount; r++) ranges.push(selection.getRangeAt(r));
    var whole = selection.toString();
    if (ranges.length !== 1) return whole;
    var root = ranges[0].commonAncestorContainer;
    var scope = root.nodeType === 1 ? root : root.parentNode;
    if (!scope || !scope.querySelectorAll) return whole;
    var notes = [];
    var candidates = scope.querySelectorAll("sup, [role=doc-noteref]");
    for (var i = 0; i < candidates.length; i++) {
      var outer = candidates[i].parentNode && candidates[i].parentNode.closest("sup, [role=doc-noteref]");
      if (!outer && isFootnote(candidates[i]) && ranges[0].intersectsNode(candidates[i])) notes.push(candidates[i]);
    }
    if (!notes.length) return whole;
    var doc = scope.ownerDocument;
    var pieces = [];
    var start = ranges[0].cloneRange();
    try {
      for (var n = 0; n < notes.length; n++) {
        var piece = doc.createRange();
        piece.setStart(start.startContainer, start.startOffset);
        piece.setEndBefore(notes[n]);
        selection.removeAllRanges();
        selection.addRange(piece);
        pieces.push(selection.toString());
        start.setStartAfter(notes[n]);
      }
      selection.removeAllRanges();
      selection.addRange(start);
      pieces.push(selection.toString());
    } finally {
      selection.removeAllRanges();
      selection.addRange(ranges[0]);
    }
    return pieces.join("");
  }

  function isControl(node) {
    return !!node && (node.tagName === "TEXTAREA" || node.tagName === "INPUT");
  }

  // A selection inside a form control is its selected value for a text field, nothing for any other (Chromium
  // reads a selected password field as bullets).
  function controlText(control) {
    var textField = control.tagName === "TEXTAREA" || /^(text|search)$/i.test(control.type);
    if (!textField || typeof control.selectionStart !== "number") return "";
    return control.value.slice(control.selectionStart, control.selectionEnd);
  }

  // The page's own selection (or the form control's it is in), else one in a same-origin frame (an embedded
  // article or live blog); frames of another origin are out of reach.
  function rawSelection(win, depth) {
    var selection = win.getSelection ? win.getSelection() : null;
    var range = selection && selection.rangeCount ? selection.getRangeAt(0) : null;
    // In a control, the document's range is collapsed next to it (or the control has the focus).
    var control = isControl(win.document.activeElement) ? win.document.activeElement : null;
    if (!control && range && range.collapsed && selection.toString()) {
      var next = range.startContainer.childNodes ? range.startContainer.childNodes[range.startOffset] : null;
      control = isControl(next) ? next : { tagName: "", type: "" }; // a control of another kind: nothing
    }
    var text = control ? controlText(control) : range ? selectionText(selection) : "";
    for (var i = 0; ns.isBlank(text) && depth < 3 && i < win.frames.length; i++) {
      try {
        text = rawSelection(win.frames[i], depth + 1);
      } catch (error) {
        text = ""; // another origin
      }
    }
    return text;
  }

  function selectedQuote(win) {
    var quote = ns.sendable(rawSelection(win, 0)).replace(QUOTE_MARKS, "");
    return ns.isBlank(quote) ? "" : quote;
  }

  function metaContent(doc, selector) {
    var element = doc.querySelector(selector);
    if (!element) return "";
    return clean(element.getAttribute("content") || element.getAttribute("datetime"));
  }

  // Every object in the page's JSON-LD blocks, in document order: @graph, arrays and nested objects (a WebPage's
  // mainEntity, an article's author) included.
  function jsonLdObjects(doc) {
    var found = [];
    var scripts = doc.querySelectorAll('script[type="application/ld+json" i]');
    for (var i = 0; i < scripts.length; i++) {
      var queue;
      try {
        queue = [JSON.parse(scripts[i].textContent)];
      } catch (error) {
        continue; // one broken block does not hide the others
      }
      while (queue.length && found.length < 500) {
        var item = queue.shift();
        if (Array.isArray(item)) {
          queue.push.apply(queue, item);
        } else if (item && typeof item === "object") {
          found.push(item);
          for (var key in item) {
            if (Object.prototype.hasOwnProperty.call(item, key) && item[key] && typeof item[key] === "object") {
              queue.push(item[key]);
            }
          }
        }
      }
    }
    return found;
  }

  function types(object) {
    var type = object["@type"];
    return (Array.isArray(type) ? type : [type]).filter(function (t) { return typeof t === "string"; });
  }

  // One name from a byline: "By Kim Park and Lee Chan" -> "Kim Park"; anything that is not clearly a list of
  // people stays whole.
  function bylineName(text) {
    var name = clean(text).replace(BYLINE_WORD, "");
    var parts = name.split(NAME_SEPARATOR).filter(Boolean);
    if (parts.length > 1 && parts.every(function (p) { return PERSON_NAME.test(p); })) return parts[0];
    return name;
  }

  // The first name in a JSON-LD author/creator value: a string, a Person or Organization (or a reference to one
  // elsewhere in the page's JSON-LD by its @id), or a list of them.
  function personName(value, byId, depth) {
    if (depth > 4) return "";
    if (typeof value === "string") return isUrl(value) ? "" : bylineName(value);
    if (Array.isArray(value)) {
      for (var i = 0; i < value.length; i++) {
        var name = personName(value[i], byId, depth + 1);
        if (name) return name;
      }
      return "";
    }
    if (value && typeof value === "object") {
      if (value.name == null && typeof value["@id"] === "string" && byId[value["@id"]]) {
        return personName(byId[value["@id"]].name, byId, depth + 1);
      }
      return personName(value.name, byId, depth + 1);
    }
    return "";
  }

  function guessSpeaker(doc) {
    var objects = jsonLdObjects(doc);
    var byId = {};
    objects.forEach(function (o) {
      if (typeof o["@id"] === "string" && o.name != null && !byId[o["@id"]]) byId[o["@id"]] = o;
    });
    var articles = objects.filter(function (o) { return types(o).some(function (t) { return ARTICLE_TYPE.test(t); }); });
    var others = objects.filter(function (o) {
      return articles.indexOf(o) < 0 && !types(o).some(function (t) { return OTHERS_WORK.test(t); });
    });
    var ordered = articles.concat(others);
    var fields = ["author", "creator"];
    for (var f = 0; f < fields.length; f++) {
      for (var i = 0; i < ordered.length; i++) {
        var name = personName(ordered[i][fields[f]], byId, 0);
        if (name) return { name: name, from: "JSON-LD " + fields[f] };
      }
    }
    for (var m = 0; m < SPEAKER_META.length; m++) {
      var content = metaContent(doc, SPEAKER_META[m][0]);
      if (content && !isUrl(content) && bylineName(content)) return { name: bylineName(content), from: SPEAKER_META[m][1] };
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
