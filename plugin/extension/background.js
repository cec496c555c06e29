// The service worker: the toolbar button, its shortcut (Alt+Shift+Q) and the "Check quote with claimledger"
// context-menu entry all open the panel on the current page. activeTab grants this extension the page for that
// one gesture; it reads the selection and metadata, keeps them for the panel under a single-use nonce, and shows
// the panel's iframe. The key never goes near the page: it stays in storage.local, which pages and content
// scripts cannot read, and only the panel (an extension page) sends it, in the Authorization header.
importScripts("overlay.js");

var MENU_ID = "claimledger-check-quote";
// What the page showed is kept for the panel this long; a panel that never loaded leaves nothing behind.
var PANEL_ENTRY_TTL_MS = 10 * 60 * 1000;

// Pages and content scripts may not read the stored key.
chrome.storage.local.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" }).catch(function () {});

chrome.runtime.onInstalled.addListener(function () {
  chrome.contextMenus.removeAll(function () {
    chrome.contextMenus.create({ id: MENU_ID, title: "Check quote with claimledger", contexts: ["selection"] });
  });
});

async function pruneStaleEntries() {
  var entries = await chrome.storage.session.get(null);
  var stale = Object.keys(entries).filter(function (name) {
    return name.startsWith("panel:") && Date.now() - entries[name].createdAt > PANEL_ENTRY_TTL_MS;
  });
  if (stale.length) await chrome.storage.session.remove(stale);
}

function newNonce() {
  var bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
}

async function openPanel(tab) {
  try {
    await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ["shared/page.js"] });
    var [read] = await chrome.scripting.executeScript({
      target: { tabId: tab.id },
      func: function () {
        // eslint-disable-next-line no-undef
        return claimledger.readPage(document, window);
      },
    });
    await pruneStaleEntries();
    var nonce = newNonce();
    var entry = {};
    entry["panel:" + nonce] = { page: read.result, createdAt: Date.now() };
    await chrome.storage.session.set(entry);
    var panelUrl = chrome.runtime.getURL("panel.html") + "#" + nonce;
    await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: claimledgerShowOverlay, args: [panelUrl] });
    await chrome.action.setBadgeText({ tabId: tab.id, text: "" });
  } catch (error) {
    // chrome://, the web store and PDF viewers refuse scripts: say so on the button rather than fail silently.
    await chrome.action.setBadgeText({ tabId: tab.id, text: "!" });
    await chrome.action.setTitle({ tabId: tab.id, title: "claimledger cannot run on this page: " + error.message });
  }
}

chrome.action.onClicked.addListener(openPanel);

chrome.contextMenus.onClicked.addListener(function (info, tab) {
  if (info.menuItemId === MENU_ID && tab) openPanel(tab);
});

chrome.runtime.onMessage.addListener(function (message, sender) {
  // Only the extension's own pages (the panel) may close the overlay; sender.tab is the page hosting it.
  if (sender.id !== chrome.runtime.id || !sender.url || !sender.url.startsWith(chrome.runtime.getURL(""))) return;
  if (message && message.type === "close-overlay" && sender.tab) {
    chrome.scripting.executeScript({ target: { tabId: sender.tab.id }, func: claimledgerRemoveOverlay }).catch(function () {});
  }
});
