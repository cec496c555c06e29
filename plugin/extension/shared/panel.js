// The quote form and the verdict with its matches, built from DOM nodes: server data only ever becomes text
// (textContent) or a checked http(s) link, never markup. Shared by the extension's panel and the bookmarklet.
var claimledger = claimledger || {};

(function (ns) {
  "use strict";

  var VERDICTS = {
    contradicted: "Contradicted: something on record contradicts this quote and nothing supports it.",
    supported: "Supported: claims on record support this quote and none contradicts it.",
    mixed: "Mixed: some claims on record support this quote, others contradict it.",
    unverified: "Unverified: nothing on record supports or contradicts this quote.",
  };
  var RELATIONS = { contradicts: "contradicts", entails: "supports", neutral: "neutral" };

  ns.PANEL_CSS = [
    ".cl-panel { font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1f24;",
    "  background: #fff; padding: 12px 14px; box-sizing: border-box; }",
    ".cl-panel * { box-sizing: border-box; }",
    ".cl-head { display: flex; align-items: center; justify-content: space-between; margin-bottom: 8px; }",
    ".cl-title { font-weight: 700; font-size: 15px; margin: 0; }",
    ".cl-close { border: 0; background: none; font-size: 20px; line-height: 1; cursor: pointer; padding: 2px 6px; }",
    ".cl-field { display: block; margin: 8px 0; }",
    ".cl-field > label { display: block; font-weight: 600; margin-bottom: 2px; }",
    ".cl-field input, .cl-field textarea { width: 100%; font: inherit; padding: 5px 6px; border: 1px solid #8c959f;",
    "  border-radius: 4px; }",
    ".cl-field textarea { min-height: 72px; resize: vertical; }",
    ".cl-hint { display: block; color: #57606a; font-size: 12px; margin-top: 2px; }",
    ".cl-guess { color: #9a6700; }",
    ".cl-source { font-size: 12px; color: #57606a; word-break: break-all; margin: 6px 0; }",
    ".cl-submit { font: inherit; font-weight: 600; padding: 6px 14px; border: 0; border-radius: 4px;",
    "  background: #0969da; color: #fff; cursor: pointer; }",
    ".cl-submit[disabled] { background: #8c959f; cursor: progress; }",
    ".cl-error { margin: 8px 0; padding: 8px; border-radius: 4px; background: #ffebe9; color: #82071e; }",
    ".cl-error:empty { display: none; }",
    ".cl-verdict { margin: 10px 0 4px; padding: 8px; border-radius: 4px; font-weight: 700; }",
    ".cl-verdict-contradicted { background: #ffebe9; color: #82071e; }",
    ".cl-verdict-supported { background: #dafbe1; color: #116329; }",
    ".cl-verdict-mixed { background: #fff8c5; color: #7d4e00; }",
    ".cl-verdict-unverified { background: #f6f8fa; color: #424a53; }",
    ".cl-verdict-text { font-weight: 400; display: block; }",
    ".cl-stored { font-size: 12px; color: #57606a; }",
    ".cl-matches { padding-left: 20px; margin: 6px 0; }",
    ".cl-match { margin: 6px 0; }",
    ".cl-match-head { font-size: 12px; }",
    ".cl-speaker { font-weight: 700; }",
    ".cl-aka { color: #57606a; }",
    ".cl-rel-contradicts { color: #82071e; font-weight: 600; }",
    ".cl-rel-entails { color: #116329; font-weight: 600; }",
    ".cl-match blockquote { margin: 2px 0; padding-left: 8px; border-left: 3px solid #d0d7de; }",
    ".cl-signals { font-size: 11px; color: #57606a; }",
  ].join("\n");

  // h("p", {class: "x", text: "y", attrs: {...}}, [children]): the only way this file makes elements.
  function h(doc, tag, props, children) {
    var element = doc.createElement(tag);
    props = props || {};
    if (props.class) element.className = props.class;
    if (props.text != null) element.textContent = String(props.text);
    var attrs = props.attrs || {};
    for (var name in attrs) {
      if (Object.prototype.hasOwnProperty.call(attrs, name) && attrs[name] != null) element.setAttribute(name, String(attrs[name]));
    }
    (children || []).forEach(function (child) {
      if (child != null) element.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
    });
    return element;
  }

  // A link only for http(s) URLs; anything else (javascript:, data:) stays plain text. `name`, when given, is the
  // link's accessible name (aria-label), where its visible label alone would say too little to a screen reader.
  function safeLink(doc, url, label, name) {
    try {
      var parsed = new URL(url);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") {
        return h(doc, "a", {
          text: label,
          attrs: { href: parsed.href, target: "_blank", rel: "noopener noreferrer", "aria-label": name },
        });
      }
    } catch (error) {
      /* not a URL: shown as text below */
    }
    return h(doc, "span", { text: url });
  }

  // A labelled control; its hint is its accessible description, not part of its name.
  function field(doc, label, control, hint) {
    var id = "cl-" + control.getAttribute("name");
    control.setAttribute("id", id);
    if (hint) {
      hint.setAttribute("id", id + "-hint");
      control.setAttribute("aria-describedby", id + "-hint");
    }
    return h(doc, "div", { class: "cl-field" }, [h(doc, "label", { text: label, attrs: { for: id } }), control, hint]);
  }

  // " (also known as X, Y)" as the review UI writes it, each name isolated in its own direction; nothing when the
  // speaker has no other name, or the server is older than `aliases` on a claim's speaker.
  function otherNames(doc, speaker) {
    var aliases = speaker && Array.isArray(speaker.aliases) ? speaker.aliases.filter(function (alias) {
      return typeof alias === "string" && alias.trim() !== "";
    }) : [];
    if (!aliases.length) return null;
    var parts = [" (also known as "];
    aliases.forEach(function (alias, index) {
      if (index) parts.push(", ");
      parts.push(h(doc, "span", { class: "cl-alias", text: alias, attrs: { dir: "auto" } }));
    });
    parts.push(")");
    return h(doc, "span", { class: "cl-aka" }, parts);
  }

  // An identifier as words ("date_mismatch" reads "date mismatch"), as the review UI's `label` filter shows it.
  function label(name) {
    return String(name).replace(/_/g, " ");
  }

  function renderMatch(doc, match) {
    var claim = match.claim || {};
    var speaker = (claim.speaker && claim.speaker.name) || "unknown speaker";
    var when = claim.said_at || "date unknown";
    var relation = match.relation || "neutral";
    var head = h(doc, "div", { class: "cl-match-head" }, [
      h(doc, "span", { class: "cl-speaker", text: speaker, attrs: { dir: "auto" } }),
      otherNames(doc, claim.speaker),
      " · " + when + " · ",
      h(doc, "span", { class: "cl-rel-" + relation, text: RELATIONS[relation] || String(relation) }),
      " · similarity " + Number(match.similarity || 0).toFixed(2),
      match.same_speaker ? " · same speaker" : null,
    ]);
    var signals = Array.isArray(match.signals) && match.signals.length ? "signals: " + match.signals.map(label).join(", ") : "";
    var foot = h(doc, "div", { class: "cl-signals" }, [
      signals,
      claim.source_url ? (signals ? " · " : "") : null,
      // Each link named for its match ("source: Wire Desk, 2021-04-08"): a screen reader's list of links would
      // otherwise say "source" once per match, none telling which.
      claim.source_url ? safeLink(doc, claim.source_url, "source", "source: " + speaker + ", " + when) : null,
    ]);
    return h(doc, "li", { class: "cl-match" }, [head, h(doc, "blockquote", { text: claim.text || "", attrs: { dir: "auto" } }), foot]);
  }

  ns.renderResult = function (doc, container, outcome) {
    var data = outcome.data;
    var verdict = data.check.verdict;
    var claim = data.claim;
    var matches = data.check.matches || [];
    container.textContent = "";
    container.appendChild(
      h(doc, "div", { class: "cl-verdict cl-verdict-" + verdict, attrs: { "data-verdict": verdict } }, [
        "Verdict: " + verdict,
        h(doc, "span", { class: "cl-verdict-text", text: VERDICTS[verdict] || "" }),
      ])
    );
    var stored = outcome.replayed
      ? "Already sent: the server repeated its first answer and stored nothing new."
      : outcome.status === 201
        ? "Stored as a direct quote by " + claim.speaker.name + "."
        : "Already on record as a quote by " + claim.speaker.name + "; nothing new stored.";
    container.appendChild(h(doc, "p", { class: "cl-stored", text: stored, attrs: { "data-claim-id": claim.id } }));
    if (!matches.length) {
      container.appendChild(h(doc, "p", { text: "No similar claims on record." }));
      return;
    }
    container.appendChild(h(doc, "h3", { class: "cl-title", text: "Top matches" }));
    container.appendChild(h(doc, "ol", { class: "cl-matches" }, matches.map(function (m) { return renderMatch(doc, m); })));
  };

  // Builds the form into `container` (an element or a shadow root). options: page (readPage's result),
  // settings ({baseUrl, apiKey}), askForSettings (show server and key fields: the unconfigured bookmarklet),
  // pageOrigin (named in the CORS hint), onClose.
  ns.createPanel = function (container, options) {
    var doc = container.ownerDocument || container;
    var page = options.page;
    var settings = options.settings || {};
    var last = { fingerprint: null, key: null };

    // dir=auto: a quote or name in Arabic or Hebrew reads right to left, as on the page.
    var quote = h(doc, "textarea", { text: page.quote, attrs: { name: "quote", required: "", dir: "auto" } });
    var speakerHint = page.speaker
      ? h(doc, "span", {
          class: "cl-hint cl-guess",
          text:
            "A guess from the page's " + page.speaker.from + ", which names the article's author — " +
            "often the reporter, not the person quoted. Confirm or correct it.",
        })
      : h(doc, "span", { class: "cl-hint", text: "Who said it? The page does not name an author." });
    var speaker = h(doc, "input", {
      attrs: { name: "speaker", type: "text", required: "", dir: "auto", value: page.speaker ? page.speaker.name : "" },
    });
    var saidAt = h(doc, "input", {
      attrs: { name: "said_at", type: "text", value: page.saidAt ? page.saidAt.value : "", placeholder: "YYYY-MM-DD" },
    });
    var saidAtHint = h(doc, "span", {
      class: "cl-hint",
      text: page.saidAt
        ? "The article's publication date (" + page.saidAt.from + "); change it if the quote is older."
        : "When it was said (a date or an ISO date-time); may be left empty.",
    });
    var server = h(doc, "input", { attrs: { name: "base_url", type: "url", value: settings.baseUrl || "", placeholder: "https://claims.example.org" } });
    var key = h(doc, "input", { attrs: { name: "api_key", type: "password", autocomplete: "off", value: settings.apiKey || "" } });
    var submit = h(doc, "button", { class: "cl-submit", text: "Check quote", attrs: { type: "submit" } });
    var error = h(doc, "div", { class: "cl-error", attrs: { role: "alert" } });
    var result = h(doc, "div", { class: "cl-result", attrs: { "aria-live": "polite" } });

    var form = h(doc, "form", { attrs: { novalidate: "" } }, [
      field(doc, "Quote", quote, page.quote ? null : h(doc, "span", { class: "cl-hint", text: "Select the quote on the page first, or paste it here." })),
      field(doc, "Speaker", speaker, speakerHint),
      field(doc, "Said on", saidAt, saidAtHint),
      h(doc, "div", { class: "cl-source" }, ["Source: ", safeLink(doc, page.sourceUrl, page.sourceUrl)]),
      options.askForSettings ? field(doc, "claimledger server", server, null) : null,
      options.askForSettings ? field(doc, "API key (write scope)", key, h(doc, "span", { class: "cl-hint", text: "Used for this request only; not stored." })) : null,
      submit,
    ]);
    var close = h(doc, "button", { class: "cl-close", text: "×", attrs: { type: "button", "aria-label": "Close" } });
    // lang and dir: the bookmarklet's panel sits in the news page, whose language and direction (an Arabic page's
    // rtl) would otherwise be its own English words' too, for the eye and for screen readers.
    var panel = h(doc, "section", {
      class: "cl-panel",
      attrs: { "aria-label": "claimledger quote check", lang: "en", dir: "ltr" },
    }, [
      h(doc, "div", { class: "cl-head" }, [h(doc, "h2", { class: "cl-title", text: "claimledger · check a quote" }), close]),
      form,
      error,
      result,
    ]);
    container.appendChild(h(doc, "style", { text: ns.PANEL_CSS }));
    container.appendChild(panel);

    close.addEventListener("click", function () {
      if (options.onClose) options.onClose();
    });
    // Escape dismisses the panel from anywhere in it, as it does any overlay, without tabbing back to the ×.
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.defaultPrevented && options.onClose) options.onClose();
    });

    // One Idempotency-Key per distinct request: a double click or a retry after a lost answer sends the same
    // key and body, so the server stores the quote once; an edited form gets a new key.
    function idempotencyKeyFor(body, baseUrl) {
      var fingerprint = baseUrl + "\n" + JSON.stringify(body);
      if (fingerprint !== last.fingerprint) last = { fingerprint: fingerprint, key: ns.newIdempotencyKey() };
      return last.key;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (submit.disabled) return;
      error.textContent = "";
      var values = {
        quote: ns.sendable(quote.value),
        speaker: ns.sendable(speaker.value),
        saidAt: saidAt.value.trim(),
        sourceUrl: page.sourceUrl,
      };
      if (ns.isBlank(values.quote)) return void (error.textContent = "Select or paste the quote to check.");
      if (ns.isBlank(values.speaker)) return void (error.textContent = "Say who said the quote.");
      var baseUrl;
      try {
        baseUrl = ns.normaliseBaseUrl(options.askForSettings ? server.value : settings.baseUrl);
      } catch (e) {
        return void (error.textContent = e.message);
      }
      var apiKey = options.askForSettings ? key.value.trim() : settings.apiKey;
      if (!apiKey) return void (error.textContent = "An API key with the write scope is needed.");
      var body = ns.quoteBody(values);
      submit.disabled = true;
      submit.textContent = "Checking…";
      ns.withQuoteId(body).then(function (identified) {
        return ns.postQuote({
          baseUrl: baseUrl,
          apiKey: apiKey,
          body: identified,
          idempotencyKey: idempotencyKeyFor(identified, baseUrl),
          pageOrigin: options.pageOrigin,
        });
      }).then(function (outcome) {
        submit.disabled = false;
        submit.textContent = "Check quote";
        if (outcome.ok) {
          ns.renderResult(doc, result, outcome);
          result.scrollIntoView({ block: "start" });
        } else {
          result.textContent = "";
          error.textContent = outcome.message;
        }
      });
    });
    return { panel: panel, form: form };
  };
})(claimledger);
