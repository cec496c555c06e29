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

  var stored = await chrome.storage.local.get(["baseUrl", "apiKey"]);
  baseUrl.value = stored.baseUrl || "";
  apiKey.value = stored.apiKey || "";
  showAccess();

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

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    status.className = "status";
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
})();
