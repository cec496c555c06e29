// The bookmarklet's own part, after the shared page.js, api.js and panel.js (build.py joins them into one
// javascript: URL). It runs inside the news page itself, so the page's scripts could watch it: see
// plugin/README.md, "Security". install.html writes the server address and key into CLAIMLEDGER_CONFIG; left
// empty, the panel asks for both and keeps neither.
var CLAIMLEDGER_CONFIG = {"baseUrl":"","apiKey":""};

(function (ns, config) {
  "use strict";
  var TAG = "claimledger-bookmarklet";
  var old = document.querySelector(TAG);
  // Where the reader was (the focused element, or the selected quote): the focus goes back there when the panel
  // closes, not to the top of the page. A second run replacing the panel keeps the first one's.
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
