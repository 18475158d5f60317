/* Progressive enhancement for the portal. Every feature here also works without JavaScript. */
(function () {
  "use strict";
  var html = document.documentElement;
  html.classList.remove("no-js");
  html.classList.add("js");

  /* Contrast toggle: switch at once, remember the choice on the server in the background. */
  function initContrastToggle(form) {
    var button = form.querySelector("[data-contrast-button]");
    var valueInput = form.querySelector("[data-contrast-value]");
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData || !window.URLSearchParams) { return; }
      event.preventDefault();
      var wanted = valueInput.value;
      var query = new URLSearchParams(new FormData(form)).toString();
      html.classList.toggle("contrast-high", wanted === "high");
      button.setAttribute("aria-pressed", wanted === "high" ? "true" : "false");
      valueInput.value = wanted === "high" ? "standard" : "high";
      fetch(form.action + "?" + query, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { "X-Requested-With": "fetch" }
      }).catch(function () {
        /* The background save failed: send the form itself, with the choice the reader made. */
        valueInput.value = wanted;
        form.submit();
      });
    });
  }

  /* Quick exit: hide the page at once, replace it in the history, and go. Shift pressed three
     times within five seconds does the same, as GOV.UK's "Exit this page" does. */
  function initQuickExit(container) {
    var link = container.querySelector("[data-quick-exit-link]");
    var target = container.getAttribute("data-quick-exit-url") || link.href;
    var exiting = false;
    function exit(event) {
      if (event) { event.preventDefault(); }
      if (exiting) { return; }
      exiting = true;
      var overlay = document.createElement("div");
      overlay.className = "quick-exit-overlay";
      document.body.appendChild(overlay);
      document.title = "";
      window.location.replace(target);
    }
    link.addEventListener("click", exit);
    var presses = [];
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") { presses = []; return; }
      var now = Date.now();
      presses = presses.filter(function (t) { return now - t < 5000; });
      presses.push(now);
      if (presses.length >= 3) { exit(); }
    });
  }

  /* A printed page says the day it was printed. */
  function initPrintDate() {
    window.addEventListener("beforeprint", function () {
      var today = new Date().toLocaleDateString(html.lang || "en-GB", { day: "numeric", month: "long", year: "numeric" });
      document.querySelectorAll("[data-print-date]").forEach(function (el) { el.textContent = today; });
    });
  }

  /* Move focus to an error summary so keyboard and screen-reader users hear it first. */
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  /* Live filters: ticking a box updates the results and the counts at once, without moving the
     reader's focus or reloading the page. Without JavaScript the "Apply filters" button does the
     same with a normal form submission. */
  function initLiveFilter(form) {
    var results = document.querySelector("[data-live-results]");
    var status = document.querySelector("[data-live-status]");
    if (!results || !window.fetch || !window.DOMParser || !window.URLSearchParams) { return; }
    var latest = 0;
    form.addEventListener("change", function () {
      var query = new URLSearchParams(new FormData(form)).toString();
      var url = form.getAttribute("action").split("?")[0] + (query ? "?" + query : "");
      var ticket = ++latest;
      results.setAttribute("aria-busy", "true");
      fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          if (ticket !== latest) { return; }  /* a newer change has already been sent */
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.querySelector("[data-live-results]");
          if (!fresh) { form.submit(); return; }
          results.innerHTML = fresh.innerHTML;
          form.querySelectorAll("label[for]").forEach(function (label) {
            var updated = doc.querySelector('label[for="' + label.htmlFor + '"]');
            if (updated) { label.textContent = updated.textContent; }
          });
          /* The address is now built from the boxes alone, whose values are all valid, so an
             error about a bad value in the address the page was opened with no longer applies. */
          form.querySelectorAll("[data-error-summary], .error-message").forEach(function (el) { el.remove(); });
          form.querySelectorAll(".form-group--error").forEach(function (group) {
            group.classList.remove("form-group--error");
            group.removeAttribute("aria-describedby");
          });
          var heading = fresh.querySelector("h2");
          if (status && heading) { status.textContent = heading.textContent; }
          window.history.replaceState(null, "", url);
          var clear = form.querySelector("[data-clear-filters]");
          if (clear) { clear.hidden = !query; }
        })
        .catch(function () { if (ticket === latest) { form.submit(); } })
        .then(function () { if (ticket === latest) { results.removeAttribute("aria-busy"); } });
    });
  }

  document.querySelectorAll("[data-contrast-toggle]").forEach(initContrastToggle);
  document.querySelectorAll("[data-live-filter]").forEach(initLiveFilter);
  document.querySelectorAll("[data-quick-exit]").forEach(initQuickExit);
  initPrintDate();
  focusErrorSummary();
})();
