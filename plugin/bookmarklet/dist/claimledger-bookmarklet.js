void function () {
var claimledger = claimledger || {};
(function (ns) {
"use strict";
var SPEAKER_META = [
['meta[name="author" i]', "author meta tag"],
['meta[property="article:author" i]', "article:author meta tag"],
['meta[name="parsely-author" i]', "parsely-author meta tag"],
['meta[name="dc.creator" i]', "dc.creator meta tag"],
];
var DATE_META = [
['meta[property="article:published_time" i]', "article:published_time"],
['[itemprop="datePublished" i]', "datePublished"],
['meta[name="date" i]', "date meta tag"],
];
var ARTICLE_TYPE = /(Article|BlogPosting|Report)$/;
var OTHERS_WORK = /^(Comment|Review|Answer|Question|Rating|ClaimReview)$/;
var BYLINE_WORD = /^by[\s:]+/i;
var NAME_SEPARATOR = /\s*(?:,|;|\||&|\band\b)\s*/;
var PERSON_NAME = /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}$/u;
var FOOTNOTE = 'sup:has(a[href^="#"]), [role="doc-noteref"], sup.reference';
var BRACKETED = /^\s*\[[^\]]{1,8}\]\s*$/;
var QUOTE_MARKS = /^[\s"'“”„‟«»‘’‚‹›「」『』]+|[\s"'“”„‟«»‘’‚‹›「」『』]+$/g;
var INVISIBLE = /[\s\p{Cf}\p{Cc}]/gu;
var CONTROL = /[\0-\x08\x0E-\x1F\x7F-\x9F]/g;
var ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
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
ns.sendable = function (text) {
return clean(ns.wholeCharacters(String(text == null ? "" : text)).replace(CONTROL, ""));
};
ns.isBlank = function (text) {
return String(text == null ? "" : text).replace(INVISIBLE, "") === "";
};
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
function controlText(control) {
var textField = control.tagName === "TEXTAREA" || /^(text|search)$/i.test(control.type);
if (!textField || typeof control.selectionStart !== "number") return "";
return control.value.slice(control.selectionStart, control.selectionEnd);
}
function rawSelection(win, depth) {
var selection = win.getSelection ? win.getSelection() : null;
var range = selection && selection.rangeCount ? selection.getRangeAt(0) : null;
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
function bylineName(text) {
var name = clean(text).replace(BYLINE_WORD, "");
var parts = name.split(NAME_SEPARATOR).filter(Boolean);
if (parts.length > 1 && parts.every(function (p) { return PERSON_NAME.test(p); })) return parts[0];
return name;
}
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
var claimledger = claimledger || {};
(function (ns) {
"use strict";
var TOP_MATCHES = 5;
var REPLY_TIMEOUT_MS = 60 * 1000;
var CSP_EVENT_WAIT_MS = 100;
ns.normaliseBaseUrl = function (raw) {
var text = String(raw == null ? "" : raw).trim();
var url;
try {
url = new URL(text);
} catch (error) {
throw new Error("The server address must be a full URL such as https://claims.example.org");
}
if (url.protocol !== "https:" && url.protocol !== "http:") {
throw new Error("The server address must start with https:// (or http:// for a server on this machine)");
}
return (url.origin + url.pathname).replace(/\/+$/, "");
};
ns.isInsecureServer = function (baseUrl) {
var url = new URL(baseUrl);
var local = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
return url.protocol === "http:" && !local;
};
ns.newIdempotencyKey = function () {
var bytes = new Uint8Array(16);
crypto.getRandomValues(bytes);
var hex = "";
for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 0x100).toString(16).slice(1);
return "plugin-" + hex;
};
ns.withQuoteId = function (body) {
var subtle = typeof crypto === "object" && crypto ? crypto.subtle : null;
if (!subtle || !body.source_url || typeof TextEncoder !== "function") return Promise.resolve(body);
var identity = JSON.stringify(["quote", body.source_url, body.speaker, body.quote, body.said_at || ""]);
return subtle.digest("SHA-256", new TextEncoder().encode(identity)).then(
function (digest) {
var hex = Array.from(new Uint8Array(digest), function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
var identified = {};
for (var name in body) if (Object.prototype.hasOwnProperty.call(body, name)) identified[name] = body[name];
identified.external_id = "plugin-quote-" + hex;
return identified;
},
function () { return body; }
);
};
ns.quoteBody = function (values) {
var body = { quote: values.quote, speaker: values.speaker, top_k: TOP_MATCHES };
if (values.sourceUrl) body.source_url = values.sourceUrl;
if (values.saidAt) body.said_at = values.saidAt;
return body;
};
function seconds(retryAfter) {
var n = parseInt(retryAfter || "", 10);
return isNaN(n) ? "" : " Try again in " + n + " second" + (n === 1 ? "" : "s") + ".";
}
ns.describeFailure = function (status, problem, retryAfter) {
var detail = problem && typeof problem.detail === "string" ? " The server said: " + problem.detail : "";
var errors = problem && Array.isArray(problem.errors) ? problem.errors : [];
var fields = errors
.filter(function (e) { return !(e && e.msg && detail.indexOf(e.msg) >= 0); })
.map(function (e) {
var loc = Array.isArray(e.loc) ? e.loc.filter(function (p) { return p !== "body"; }).join(".") : "";
return (loc ? loc + ": " : "") + (e.msg || "");
})
.join("; ");
if (status === 401) return "The API key was not accepted (401): check it in the settings; it may have been revoked." + detail;
if (status === 403) return "This API key may not store quotes (403): it needs the write scope." + detail;
if (status === 409) return "This submission clashes with an earlier one (409)." + detail;
if (status === 413) return "The quote is too long for the server (413)." + detail;
if (status === 422) return "The server could not accept the quote (422)." + detail + (fields ? " (" + fields + ")" : "");
if (status === 429) return "Too many requests with this key (429)." + seconds(retryAfter) + detail;
if (status === 503) return "The service is not ready or is busy (503)." + seconds(retryAfter) + detail;
if (status >= 500) return "The server failed (" + status + "). Try again; if it keeps failing, tell the claimledger operators." + detail;
return "Unexpected answer from the server (" + status + ")." + detail;
};
ns.describeNetworkFailure = function (baseUrl, pageOrigin) {
var cors = "";
if (/^chrome-extension:/i.test(pageOrigin || "")) {
cors =
" If it is, the extension needs access to it: press Grant access to this server in the extension's settings," +
" or have the server allow this extension's origin (" + pageOrigin + ") in CLAIMLEDGER_CORS_ORIGINS.";
} else if (pageOrigin) {
cors = " From a web page the server must also allow this page's origin (" + pageOrigin + ") in CLAIMLEDGER_CORS_ORIGINS.";
}
return "Could not reach " + baseUrl + ": is the server running and the address right?" + cors;
};
ns.describeBlockedByPage = function (baseUrl) {
return (
"This page's Content-Security-Policy does not let scripts on it connect to " + baseUrl + ", so the quote " +
"was not sent. The server's settings cannot change that: use the browser extension on this site."
);
};
ns.describeTimeout = function (baseUrl, seconds) {
return (
"No answer from " + baseUrl + " in " + seconds + " seconds. The quote may or may not have been stored: press " +
"Check quote again to retry; the server will not store it twice."
);
};
ns.postQuote = function (options) {
var fetchImpl = options.fetch || fetch;
var timeoutMs = options.timeoutMs || REPLY_TIMEOUT_MS;
var controller = typeof AbortController === "function" ? new AbortController() : null;
var timer = null;
var request = {
method: "POST",
headers: {
Authorization: "Bearer " + options.apiKey,
"Content-Type": "application/json",
"Idempotency-Key": options.idempotencyKey,
},
body: JSON.stringify(options.body),
credentials: "omit",
cache: "no-store",
referrerPolicy: "no-referrer",
};
if (controller) request.signal = controller.signal;
var blockedByPage = false;
var target = typeof document === "object" && document ? document : null;
var serverOrigin = String(options.baseUrl).split("/").slice(0, 3).join("/"); // scheme://host[:port]
function onViolation(event) {
var directive = String(event.effectiveDirective || event.violatedDirective || "");
if (/^(connect-src|default-src)/.test(directive) && String(event.blockedURI || "").indexOf(serverOrigin) === 0) {
blockedByPage = true;
}
}
if (target) target.addEventListener("securitypolicyviolation", onViolation, true);
function failed() {
return new Promise(function (resolve) { setTimeout(resolve, CSP_EVENT_WAIT_MS); }).then(function () {
var message = blockedByPage
? ns.describeBlockedByPage(options.baseUrl)
: ns.describeNetworkFailure(options.baseUrl, options.pageOrigin);
return { ok: false, status: 0, message: message };
});
}
var timeout = new Promise(function (resolve) {
timer = setTimeout(function () {
if (controller) controller.abort();
resolve({ ok: false, status: 0, message: ns.describeTimeout(options.baseUrl, Math.ceil(timeoutMs / 1000)) });
}, timeoutMs);
});
var sent = fetchImpl(options.baseUrl + "/v1/quotes", request).then(
function (response) {
return response.text().then(function (text) {
var data = null;
try {
data = text ? JSON.parse(text) : null;
} catch (error) {
data = null;
}
if (response.ok && data && data.claim && data.check) {
var replayed = response.headers.get("Idempotent-Replayed") === "true";
return { ok: true, status: response.status, data: data, replayed: replayed };
}
if (response.ok) return { ok: false, status: response.status, message: "The server's answer was not understood." };
return {
ok: false,
status: response.status,
message: ns.describeFailure(response.status, data, response.headers.get("Retry-After")),
};
});
},
failed
).then(null, failed);
return Promise.race([sent, timeout]).then(function (outcome) {
clearTimeout(timer);
if (target) target.removeEventListener("securitypolicyviolation", onViolation, true);
return outcome;
});
};
})(claimledger);
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
function field(doc, label, control, hint) {
var id = "cl-" + control.getAttribute("name");
control.setAttribute("id", id);
if (hint) {
hint.setAttribute("id", id + "-hint");
control.setAttribute("aria-describedby", id + "-hint");
}
return h(doc, "div", { class: "cl-field" }, [h(doc, "label", { text: label, attrs: { for: id } }), control, hint]);
}
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
ns.createPanel = function (container, options) {
var doc = container.ownerDocument || container;
var page = options.page;
var settings = options.settings || {};
var last = { fingerprint: null, key: null };
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
panel.addEventListener("keydown", function (event) {
if (event.key === "Escape" && !event.defaultPrevented && options.onClose) options.onClose();
});
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
var CLAIMLEDGER_CONFIG = {"baseUrl":"","apiKey":""};
(function (ns, config) {
"use strict";
var TAG = "claimledger-bookmarklet";
var old = document.querySelector(TAG);
var place = ns.readerPlace(document, old);
if (old) old.remove();
var host = document.createElement(TAG);
host.claimledgerReturnFocus = place;
var shadow = host.attachShadow({ mode: "open" });
var position = document.createElement("style");
position.textContent =
":host { all: initial; position: fixed; top: 12px; right: 12px; z-index: 2147483647; width: 400px;" +
" max-height: calc(100vh - 24px); overflow: auto; background: #fff; border: 1px solid #8c959f;" +
" border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.25); }";
shadow.appendChild(position);
ns.createPanel(shadow, {
page: ns.readPage(document, window),
settings: config,
askForSettings: !(config.baseUrl && config.apiKey),
pageOrigin: location.origin,
onClose: function () {
host.remove();
ns.returnToReader(document, place);
},
});
document.documentElement.appendChild(host);
var first = shadow.querySelector(shadow.querySelector("textarea").value ? "input[name=speaker]" : "textarea");
first.focus();
})(claimledger, CLAIMLEDGER_CONFIG);
}();
