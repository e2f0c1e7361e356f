/* Main navigation: the phone drawer (button, focus in and back, Escape, focus kept inside)
   and Escape for the desktop mega menu (closed until the pointer or focus comes back). No inline script (strict CSP). Without JavaScript
   the "Menu" link opens the drawer through #site-nav:target and the mega menu opens on
   hover and focus in CSS. */
(function () {
  "use strict";
  var nav = document.querySelector("[data-nav]");
  var toggle = document.querySelector("[data-nav-toggle]");
  if (!nav || !toggle) { return; }
  var close = nav.querySelector("[data-nav-close]");

  Array.prototype.forEach.call(document.querySelectorAll("[data-nav-fallback]"), function (link) {
    link.parentNode.removeChild(link);
  });
  toggle.hidden = false;
  if (close) { close.hidden = false; }

  function isOpen() { return nav.classList.contains("is-open"); }

  function focusable() {
    return Array.prototype.filter.call(nav.querySelectorAll("a[href], button"), function (el) {
      return !el.hidden && el.offsetParent !== null;
    });
  }

  function open() {
    nav.classList.add("is-open");
    document.body.classList.add("nav-open");
    toggle.setAttribute("aria-expanded", "true");
    var first = focusable()[0];
    if (first) { first.focus(); }
  }

  function shut(returnFocus) {
    if (!isOpen()) { return; }
    nav.classList.remove("is-open");
    document.body.classList.remove("nav-open");
    toggle.setAttribute("aria-expanded", "false");
    if (returnFocus) { toggle.focus(); }
  }

  toggle.addEventListener("click", function () {
    if (isOpen()) { shut(true); } else { open(); }
  });
  if (close) { close.addEventListener("click", function () { shut(true); }); }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      if (isOpen()) {
        event.preventDefault();
        shut(true);
        return;
      }
      var item = document.activeElement && document.activeElement.closest && document.activeElement.closest(".main-nav__item--mega");
      if (item) {
        item.classList.add("is-dismissed");
        item.querySelector("a").focus();
      }
      return;
    }
    if (event.key === "Tab" && isOpen()) {
      var items = focusable();
      if (!items.length) { return; }
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  // A tap outside the open drawer (on the shaded page) closes it.
  document.addEventListener("click", function (event) {
    if (isOpen() && !nav.contains(event.target) && !toggle.contains(event.target)) { shut(false); }
  });

  Array.prototype.forEach.call(nav.querySelectorAll(".main-nav__item--mega"), function (item) {
    function reset() { item.classList.remove("is-dismissed"); }
    item.addEventListener("mouseenter", reset);
    item.addEventListener("mouseleave", reset);
    item.addEventListener("focusout", function (event) {
      if (!item.contains(event.relatedTarget)) { reset(); }
    });
  });

  var desktop = window.matchMedia("(min-width: 60em)");
  function leaveDrawer() { if (desktop.matches) { shut(false); } }
  if (desktop.addEventListener) { desktop.addEventListener("change", leaveDrawer); }
})();
