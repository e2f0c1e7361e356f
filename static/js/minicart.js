/* Mini-cart: loads the private fragment into #mini-cart and enhances add-to-cart forms.
   No inline script (strict CSP); works without it (forms post and redirect back). */
(function () {
  "use strict";
  var box = document.getElementById("mini-cart");

  function load() {
    if (!box || !box.dataset.url) { return; }
    fetch(box.dataset.url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { if (html) { box.innerHTML = html; } })
      .catch(function () {});
  }

  function announce(form, text, ok) {
    var out = form.querySelector("[data-cart-message]");
    if (!out) {
      out = document.createElement("p");
      out.setAttribute("data-cart-message", "");
      out.setAttribute("role", "status");
      form.appendChild(out);
    }
    out.className = ok ? "cart-message cart-message--success" : "cart-message cart-message--error";
    out.textContent = text;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-add-to-cart], form.add-to-cart")) { return; }
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        announce(form, data.message, data.ok);
        if (data.ok && box && data.mini_cart) { box.innerHTML = data.mini_cart; }
      })
      .catch(function () { form.submit(); });
  });

  load();
})();
