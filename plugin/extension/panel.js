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
    // Closable as the form is (a button and Escape): otherwise the notice stays over the article until a reload.
    var head = document.createElement("div");
    head.className = "cl-head";
    var title = document.createElement("h2");
    title.className = "cl-title";
    title.textContent = "claimledger · check a quote";
    var close = document.createElement("button");
    close.className = "cl-close";
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", closeOverlay);
    head.append(title, close);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closeOverlay();
    });
    panel.append(head, p);
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
    (withOptionsButton ? panel.querySelector(".cl-submit") : close).focus();
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
