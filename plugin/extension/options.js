// Settings: the server address and the API key, in storage.local (extension pages and the service worker only).
/* global claimledger */
(async function () {
  "use strict";
  var form = document.getElementById("settings");
  var baseUrl = document.getElementById("base-url");
  var apiKey = document.getElementById("api-key");
  var status = document.getElementById("status");
  var access = document.getElementById("access");
  document.getElementById("origin").textContent = location.origin;
  // A field typed in before the stored settings come (they take a while on a busy machine) keeps what was typed.
  var typed = { baseUrl: false, apiKey: false };
  baseUrl.addEventListener("input", function () { typed.baseUrl = true; });
  apiKey.addEventListener("input", function () { typed.apiKey = true; });

  function originPattern() {
    return new URL(claimledger.normaliseBaseUrl(baseUrl.value)).origin + "/*";
  }

  async function showAccess() {
    if (!baseUrl.value) return;
    try {
      var granted = await chrome.permissions.contains({ origins: [originPattern()] });
      access.textContent = granted
        ? "Access granted: CORS settings on the server are not needed for the extension."
        : "Not granted: the server must list " + location.origin + " in CLAIMLEDGER_CORS_ORIGINS.";
    } catch (error) {
      access.textContent = "";
    }
  }

  // Listened for before anything is awaited: a Save pressed while the stored settings load was sent as a plain
  // page form (the key in the address and the history, nothing saved).
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    status.className = "status";
    status.textContent = ""; // "Saved." from an earlier save is not this one's
    var base;
    try {
      base = claimledger.normaliseBaseUrl(baseUrl.value);
    } catch (error) {
      status.textContent = error.message;
      return;
    }
    var key = apiKey.value.trim();
    if (!key) {
      status.textContent = "Enter the API key.";
      return;
    }
    await chrome.storage.local.set({ baseUrl: base, apiKey: key });
    baseUrl.value = base;
    if (claimledger.isInsecureServer(base)) {
      status.className = "status warning";
      status.textContent = "Saved. Warning: http:// sends the key unencrypted; use https:// for a server on another machine.";
    } else {
      status.textContent = "Saved.";
    }
    showAccess();
  });

  // An optional host permission for the server's origin only: the extension's requests then need no CORS grant.
  document.getElementById("grant").addEventListener("click", async function () {
    try {
      var granted = await chrome.permissions.request({ origins: [originPattern()] });
      access.textContent = granted ? "Access granted." : "Not granted.";
    } catch (error) {
      access.textContent = error.message;
    }
    showAccess();
  });

  var stored = await chrome.storage.local.get(["baseUrl", "apiKey"]);
  if (!typed.baseUrl) baseUrl.value = stored.baseUrl || "";
  if (!typed.apiKey) apiKey.value = stored.apiKey || "";
  showAccess();
})();
