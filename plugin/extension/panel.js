// The panel inside the page's overlay iframe: finds what the service worker read from the page (by the nonce in
// its #fragment, once), reads the server and key from storage, and hands both to the shared form.
/* global claimledger */
(async function () {
  "use strict";
  var root = document.getElementById("root");

  function closeOverlay() {
    chrome.runtime.sendMessage({ type: "close-overlay" });
  }

  function notice(text, withOptionsButton) {
    var p = document.createElement("p");
    p.className = "cl-error";
    p.setAttribute("role", "alert");
    p.textContent = text;
    var panel = document.createElement("section");
    panel.className = "cl-panel";
    panel.appendChild(p);
    if (withOptionsButton) {
      var button = document.createElement("button");
      button.className = "cl-submit";
      button.type = "button";
      button.textContent = "Open the settings";
      button.addEventListener("click", function () { chrome.runtime.openOptionsPage(); });
      panel.appendChild(button);
    }
    var style = document.createElement("style");
    style.textContent = claimledger.PANEL_CSS;
    root.append(style, panel);
  }

  var nonce = location.hash.slice(1);
  var slot = "panel:" + nonce;
  var found = nonce ? await chrome.storage.session.get(slot) : {};
  var entry = found[slot];
  if (!entry) {
    // Not opened by this extension's button or menu (a page framing panel.html itself gets nothing).
    notice("Select a quote on a news page, then click the claimledger button or use the context menu.", false);
    return;
  }
  await chrome.storage.session.remove(slot);
  var settings = await chrome.storage.local.get(["baseUrl", "apiKey"]);
  if (!settings.baseUrl || !settings.apiKey) {
    notice("Set the claimledger server address and an API key with the write scope first.", true);
    return;
  }
  claimledger.createPanel(root, {
    page: entry.page,
    settings: { baseUrl: settings.baseUrl, apiKey: settings.apiKey },
    askForSettings: false,
    pageOrigin: location.origin, // the extension's own: named when the server cannot be reached
    onClose: closeOverlay,
  });
  var quote = root.querySelector("textarea[name=quote]");
  var speaker = root.querySelector("input[name=speaker]");
  (quote.value ? speaker : quote).focus();
})();
