// Polls the private payment status endpoint until the payment provider's confirmation has arrived.
(function () {
  "use strict";
  var box = document.getElementById("payment-pending");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-status-url");
  var delay = 1500;
  var tries = 0;
  function poll() {
    tries += 1;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.paid && data.redirect_url) {
          window.location.assign(data.redirect_url);
          return;
        }
        if (tries < 120) window.setTimeout(poll, Math.min(delay * tries, 10000));
      })
      .catch(function () { if (tries < 120) window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, delay);
})();
