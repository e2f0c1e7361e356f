// Progressive enhancement for the category filters: submit the GET form as soon as a
// checkbox, radio or select marked data-autosubmit changes. Without JS the
// forms keep their submit buttons and work the same way.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("[data-autosubmit]") || !field.form) {
      return;
    }
    if (field.form.requestSubmit) {
      field.form.requestSubmit();
    } else {
      field.form.submit();
    }
  });
})();
