/* Size choice on the product page: the radios sit in the add-to-cart form, so the form always
   posts the size chosen (with or without this script). With it, choosing a size also shows that
   size's offer (price, base price, tiers, availability), all rendered in the page, without a
   reload, and keeps ?variant=<sku> in the address so the link shows the same size.
   Sold-out sizes (data-sold-out) are disabled radios in the HTML; the script lets them be chosen
   to show their offer and turns the add button into a disabled "Sold out" while one is chosen. */
(function () {
  "use strict";

  function show(radio, remember) {
    var offers = document.querySelectorAll("[data-variant-offer]");
    for (var i = 0; i < offers.length; i++) {
      offers[i].hidden = offers[i].getAttribute("data-variant-offer") !== radio.value;
    }
    var form = radio.form;
    var button = form && form.querySelector("[data-add-button]");
    if (button) {
      var soldOut = radio.hasAttribute("data-sold-out");
      button.disabled = soldOut;
      button.textContent = button.getAttribute(soldOut ? "data-label-sold-out" : "data-label-add");
    }
    var sku = radio.getAttribute("data-sku");
    if (remember && sku && window.history && window.history.replaceState && window.URL) {
      var url = new URL(window.location.href);
      url.searchParams.set("variant", sku);
      window.history.replaceState(window.history.state, "", url.toString());
    }
  }

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-variant-choice] input[type=radio]") && field.checked) {
      show(field, true);
    }
  });

  // A size restored by the browser (back button, form restore) must match the offer shown.
  function sync() {
    var soldOut = document.querySelectorAll("[data-variant-choice] input[type=radio][data-sold-out]");
    for (var i = 0; i < soldOut.length; i++) { soldOut[i].disabled = false; }
    var checked = document.querySelector("[data-variant-choice] input[type=radio]:checked");
    if (checked) { show(checked, false); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", sync);
  } else {
    sync();
  }
  window.addEventListener("pageshow", sync);
})();
