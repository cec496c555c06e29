// The two functions the service worker runs in a page (chrome.scripting.executeScript serialises each one, so
// each must stand alone): show the panel's iframe in a corner of the page, and take it away again. The panel
// itself is an extension page in that iframe, out of the page's reach; the page only hosts the frame.

// eslint-disable-next-line no-unused-vars
function claimledgerShowOverlay(panelUrl) {
  var old = document.querySelector("claimledger-overlay");
  // Where the reader was (the focused element, or the selected quote): claimledgerRemoveOverlay goes back there.
  // Kept on the host in this extension's isolated world, which the page's scripts do not see; a panel replacing
  // another keeps the first one's. shared/page.js, injected into this world just before (openPanel), knows how.
  // eslint-disable-next-line no-undef
  var place = typeof claimledger === "object" ? claimledger.readerPlace(document, old) : null;
  if (old) old.remove();
  var host = document.createElement("claimledger-overlay");
  host.claimledgerReturnFocus = place;
  var shadow = host.attachShadow({ mode: "open" });
  var style = document.createElement("style");
  style.textContent =
    ":host { all: initial; position: fixed; top: 12px; right: 12px; z-index: 2147483647; }" +
    "iframe { display: block; width: 400px; height: min(640px, calc(100vh - 24px)); border: 1px solid #8c959f;" +
    " border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.25); background: #fff; }";
  var frame = document.createElement("iframe");
  frame.src = panelUrl;
  frame.title = "claimledger quote check";
  frame.setAttribute("allow", "");
  shadow.append(style, frame);
  document.documentElement.append(host);
  return true;
}

// eslint-disable-next-line no-unused-vars
function claimledgerRemoveOverlay() {
  var host = document.querySelector("claimledger-overlay");
  if (!host) return true;
  var place = host.claimledgerReturnFocus;
  host.remove();
  // eslint-disable-next-line no-undef
  if (typeof claimledger === "object") claimledger.returnToReader(document, place);
  return true;
}
