// POST /v1/quotes and what its answers mean to a person. Shared by the extension and the bookmarklet.
var claimledger = claimledger || {};

(function (ns) {
  "use strict";

  var TOP_MATCHES = 5;
  // A reply that has not come by then is given up on, so the form never stays stuck on "Checking…"; the check
  // runs models and may take a while on a busy server.
  var REPLY_TIMEOUT_MS = 60 * 1000;
  // How long a failed request waits for the page's securitypolicyviolation event before saying why it failed.
  var CSP_EVENT_WAIT_MS = 100;

  // "https://claims.example.org/" -> "https://claims.example.org"; anything but http(s) is refused.
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

  // True when the key would cross the network unencrypted.
  ns.isInsecureServer = function (baseUrl) {
    var url = new URL(baseUrl);
    var local = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
    return url.protocol === "http:" && !local;
  };

  // crypto.randomUUID needs a secure context; getRandomValues works on any page the bookmarklet runs on.
  ns.newIdempotencyKey = function () {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    var hex = "";
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 0x100).toString(16).slice(1);
    return "plugin-" + hex;
  };

  // The same quote from the same page, by the same speaker on the same date, is one claim: checked again (a new
  // panel, so a new Idempotency-Key), the server finds it on record by this external_id instead of storing a copy
  // that the check would then list as supporting the quote. SHA-256 needs a secure context (https, or this
  // machine); elsewhere the body goes as it is.
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

  // The request body from the form's values; empty optional fields are left out.
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

  // One plain sentence for a refusal, then the server's own words.
  ns.describeFailure = function (status, problem, retryAfter) {
    var detail = problem && typeof problem.detail === "string" ? " The server said: " + problem.detail : "";
    var errors = problem && Array.isArray(problem.errors) ? problem.errors : [];
    var fields = errors
      // A field the server's detail already names is not said twice.
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

  // pageOrigin: where the request comes from, a news page's origin (the bookmarklet) or the extension's own.
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

  // The news page's own Content-Security-Policy stopped the request before it left the browser: the server and its
  // CORS setting are not at fault.
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

  // Sends one quote. Resolves (never rejects) to {ok: true, status, data, replayed} or {ok: false, message}.
  // options.timeoutMs (default a minute): how long to wait for the whole reply.
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
    // A request the page's CSP refuses fails as a network error does; the policy's violation event tells them apart.
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
      // The violation event is queued as a task of its own, which may come after the fetch's rejection.
      return new Promise(function (resolve) { setTimeout(resolve, CSP_EVENT_WAIT_MS); }).then(function () {
        var message = blockedByPage
          ? ns.describeBlockedByPage(options.baseUrl)
          : ns.describeNetworkFailure(options.baseUrl, options.pageOrigin);
        return { ok: false, status: 0, message: message };
      });
    }
    // A reply that never comes (or never ends) times out, and one cut off half-way is a network failure: either
    // way the form is given back, never left waiting.
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
