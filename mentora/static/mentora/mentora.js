// Small behaviours the pages share; inline handlers are blocked by the CSP.
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  onReady(function () {
    var toggle = document.querySelector("[data-nav-toggle]");
    if (toggle) {
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") === "true";
        toggle.setAttribute("aria-expanded", String(!open));
        document.body.classList.toggle("nav-open", !open);
      });
    }
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]")) {
      target.form.requestSubmit();
    }
  });

  // Parts of a form meant for one role (data-for-role="mentor") show once that role is
  // chosen (inputs marked data-role-choice); hidden parts are disabled so they are not sent.
  function showChosenRole(form) {
    var chosen = form.querySelector("[data-role-choice]:checked");
    var role = chosen ? chosen.value : "";
    form.querySelectorAll("[data-for-role]").forEach(function (part) {
      var shown = part.getAttribute("data-for-role").split(" ").indexOf(role) !== -1;
      part.hidden = !shown;
      part.querySelectorAll("input, select, textarea").forEach(function (input) {
        input.disabled = !shown;
      });
    });
  }

  onReady(function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("[data-role-choice]")) showChosenRole(form);
    });
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("[data-role-choice]") && target.form) {
      showChosenRole(target.form);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // Forms marked data-submit-once post once: a second tap while the page loads is ignored
  // and the buttons are disabled. They are disabled after the browser has read the form,
  // since a disabled button would not send its name (which action was chosen).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-submit-once") || event.defaultPrevented) return;
    if (form.getAttribute("data-submitting") === "true") {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-submitting", "true");
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });

  // Back to a page kept by the browser's cache: its form can be sent again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-submitting]").forEach(function (form) {
      form.removeAttribute("data-submitting");
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = false;
      });
    });
  });
})();
