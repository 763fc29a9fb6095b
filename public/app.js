// Wijkonderhoud's own script: the pages work without it; it only moves focus where a person needs
// it. htmx 4 reads data-hx-* attributes, so the markup stays valid HTML and needs no inline code
// (the Content-Security-Policy allows scripts from this site only).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  /** The first message in `root` worth reading at once: a failed form's summary, an error, or "saved". */
  function messageIn(root) {
    var selector = "#error-summary, .error-summary[tabindex], .flash, [role=alert][tabindex]";
    if (root.matches && root.matches(selector)) return root;
    return root.querySelector ? root.querySelector(selector) : null;
  }

  // A page that opens with a message (after a save, or a form with mistakes): focus it, so a
  // screen reader reads it and the keyboard continues from there.
  document.addEventListener("DOMContentLoaded", function () {
    var message = messageIn(document.querySelector("main") || document.body);
    if (message && document.activeElement !== message) message.focus();
  });

  // A link in an error summary puts the cursor in its field (a plain fragment link only scrolls).
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest(".error-summary a[href^='#']") : null;
    var field = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
    if (!field) return;
    event.preventDefault();
    var control = field.matches("input, select, textarea") ? field : field.querySelector("input, select, textarea");
    var label = document.querySelector("label[for='" + field.id + "']") || field.querySelector("legend");
    (label || field).scrollIntoView({ block: "start" });
    (control || field).focus({ preventScroll: true });
    history.replaceState(null, "", "#" + field.id);
  });

  // After htmx swaps in new content (an answered task, a saved status), the button that was
  // pressed is gone: focus the message in the new content, or else the new content itself.
  document.addEventListener("htmx:after:settle", function (event) {
    var added = (event.detail && event.detail.newContent) || [];
    for (var i = 0; i < added.length; i++) {
      if (!(added[i] instanceof Element)) continue;
      var message = messageIn(added[i]);
      if (message) {
        message.focus();
        return;
      }
    }
  });
})();
