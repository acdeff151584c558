// Small enhancements; every page works without them.
// - "/" focuses the order lookup box (unless the user is typing somewhere).
// - Forms with data-confirm ask before they are sent.
// - Buttons with data-copy put that text on the clipboard and say so for a moment.
// - When an htmx request fails in a way that is not shown in the page (a 403, a 500, a dropped
//   connection), a notice at the top says so.
// - A value edited in place ([data-inline-edit], e.g. a merchant reference): Escape or Cancel puts
//   the value back from the editor's <template> without asking the server, and so does Enter on a
//   value that is still the original one. (htmx's event filters would need eval, which the CSP and
//   the htmx config forbid, so these keys are handled here.)
// - Choosing an action in a row's small menu (<details class="row-menu">) closes the menu.
// - What comes into #action-area on request (an action's form, its confirmation, the result) takes
//   the keyboard focus on its title: Tab goes on into it, not from the button or link that asked
//   for it (gone from the page, or further down in the menu).
// - Sign-out warning (pages of a signed-in user): shortly before the session ends by itself, a bar
//   says so with a "Stay signed in" button (which counts as activity). Before it warns, the page asks
//   the server how long is left (asking is not activity), so another tab's activity counts. When the
//   session has ended, what was typed into the page's forms is kept in this tab's sessionStorage
//   and the tab goes to the login page; signing in again on it brings back the form with those
//   values (only for the same user; the idempotency key and CSRF token are new, as for any form).
(function () {
  "use strict";

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    var box = document.querySelector('[data-shortcut="/"]');
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);

  function copyText(value) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(value);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = value;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      document.body.removeChild(area);
      if (copied) resolve(); else reject(new Error("copy refused"));
    });
  }

  function sayOnButton(button, text) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = text;
    window.setTimeout(function () { button.textContent = label; }, 1500);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (!button) return;
    copyText(button.getAttribute("data-copy")).then(
      function () { sayOnButton(button, "Copied"); },
      function () { sayOnButton(button, "Select and copy"); }
    );
  });

  function closeEditor(editor) {
    var template = editor && editor.querySelector("template[data-inline-view]");
    if (!template || editor.querySelector(".htmx-request")) return;
    var view = template.content.firstElementChild.cloneNode(true);
    editor.replaceWith(view);
    if (window.htmx) window.htmx.process(view);
    var edit = view.querySelector("a, button");
    if (edit) edit.focus();
  }

  function editorOf(target) {
    return target && target.closest ? target.closest("[data-inline-edit]") : null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var editor = editorOf(event.target);
    if (!editor) return;
    event.preventDefault();
    closeEditor(editor);
  });

  document.addEventListener("click", function (event) {
    var cancel = event.target.closest ? event.target.closest("[data-inline-cancel]") : null;
    if (cancel) closeEditor(editorOf(cancel));
    var chosen = event.target.closest ? event.target.closest(".row-menu a") : null;
    if (chosen) chosen.closest("details").open = false;
  });

  document.addEventListener("submit", function (event) {
    var editor = editorOf(event.target);
    var input = editor && editor.querySelector("[data-original]");
    if (!input || input.value !== input.getAttribute("data-original")) return;
    event.preventDefault();
    event.stopPropagation(); // before htmx sees it: nothing changed, nothing to send
    closeEditor(editor);
  }, true);

  // After settling, not after swapping: only then has htmx taken over the new forms, so whatever
  // the keyboard sends from the title on goes through htmx.
  document.addEventListener("htmx:afterSettle", function (event) {
    var area = event.target;
    if (!area || area.id !== "action-area") return;
    var title = area.querySelector("#action-title");
    if (title) title.focus({ preventScroll: true });
  });

  function showNotice(text) {
    var notice = document.getElementById("request-notice");
    if (!notice) return;
    notice.textContent = text;
    notice.hidden = false;
  }

  function hideNotice() {
    var notice = document.getElementById("request-notice");
    if (notice) notice.hidden = true;
  }

  var MESSAGES = {
    400: "This page has expired. Reload it, then try again.",
    403: "Your role does not allow that action.",
    404: "That page or item no longer exists. Reload the page.",
    429: "Too many attempts. Wait a minute, then try again.",
  };

  document.addEventListener("htmx:beforeRequest", hideNotice);
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail && event.detail.xhr ? event.detail.xhr.status : 0;
    showNotice(MESSAGES[status] || "Something went wrong (error " + status + "). Reload the page and try again.");
  });
  document.addEventListener("htmx:sendError", function () {
    showNotice("The dashboard could not be reached. Check your connection, then try again.");
  });

  // Sign-out warning and typed values kept across signing in again
  var KEPT = "kept-form-values";
  var KEPT_FOR_MS = 60 * 60 * 1000;

  function signedInUser() {
    var name = document.querySelector(".site-header__username");
    return name ? name.textContent : null;
  }

  function typedFields(form) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      var type = (element.type || "").toLowerCase();
      if (!element.name || ["hidden", "password", "file", "submit", "button", "reset"].indexOf(type) >= 0) return;
      if (type === "checkbox" || type === "radio") {
        if (element.checked !== element.defaultChecked) fields.push([element.name, element.value, element.checked]);
      } else if (element.tagName.toLowerCase() === "select") {
        var changed = Array.prototype.some.call(element.options, function (o) { return o.selected !== o.defaultSelected; });
        if (changed) fields.push([element.name, element.value, null]);
      } else if (element.value !== element.defaultValue) {
        fields.push([element.name, element.value, null]);
      }
    });
    return fields;
  }

  // Keeps the changed fields of the page's forms; returns where to come back to for them (the
  // page, or the form's own page for an action's form), or null when nothing was typed.
  function keepTypedValues() {
    var forms = [];
    var back = location.pathname + location.search;
    Array.prototype.forEach.call(document.querySelectorAll("main form[method=post]"), function (form) {
      var fields = typedFields(form);
      if (!fields.length) return;
      var action = form.getAttribute("action");
      forms.push({ action: action, fields: fields });
      if (form.closest("#action-area")) back = action;
    });
    if (!forms.length) return null;
    var kept = { user: signedInUser(), back: back, at: Date.now(), forms: forms };
    try { sessionStorage.setItem(KEPT, JSON.stringify(kept)); } catch (error) { /* storage full or off */ }
    return back;
  }

  // The login page, then back to ``back`` (written as the server writes its own "next" links).
  function signInAndReturnTo(back) {
    var next = encodeURIComponent(back).replace(/%2F/gi, "/").replace(/%3F/gi, "?");
    location.assign(document.body.getAttribute("data-session-login-url") + "?next=" + next);
  }

  function restoreTypedValues() {
    var kept = null;
    try { kept = JSON.parse(sessionStorage.getItem(KEPT) || "null"); } catch (error) { kept = null; }
    if (!kept || signedInUser() === null) return;
    if (kept.user !== signedInUser() || Date.now() - kept.at > KEPT_FOR_MS) {
      sessionStorage.removeItem(KEPT);
      return;
    }
    if (kept.back !== location.pathname + location.search) return;
    sessionStorage.removeItem(KEPT);
    var restored = 0;
    kept.forms.forEach(function (saved) {
      var form = document.querySelector('main form[action="' + CSS.escape(saved.action) + '"]');
      if (!form) return;
      saved.fields.forEach(function (field) {
        Array.prototype.forEach.call(form.elements, function (element) {
          if (element.name !== field[0]) return;
          if (field[2] === null) { element.value = field[1]; restored += 1; } else if (element.value === field[1]) {
            element.checked = field[2];
            restored += 1;
          }
        });
      });
    });
    if (restored) showNotice("You were signed out; what you had typed is filled in again. Check it before sending.");
  }

  function sessionWarning() {
    var body = document.body;
    var left = body.getAttribute("data-session-seconds-left");
    var box = document.getElementById("session-warning");
    if (left === null || !box) return;
    var warnBefore = parseInt(body.getAttribute("data-session-warning-seconds"), 10);
    var statusUrl = body.getAttribute("data-session-status-url");
    var endsAt = 0;
    var timer = null;
    var ticker = null;

    function ask(method) {
      var token = document.querySelector('meta[name="csrf-token"]');
      var headers = { Accept: "application/json" };
      if (method === "POST" && token) headers["X-CSRFToken"] = token.getAttribute("content");
      return fetch(statusUrl, { method: method, headers: headers, credentials: "same-origin", redirect: "manual" })
        .then(function (response) {
          return response.ok && response.type !== "opaqueredirect" ? response.json() : { signed_in: false };
        });
    }

    function countdown() {
      var seconds = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      var minutes = Math.floor(seconds / 60);
      var rest = seconds % 60;
      var words = [];
      if (minutes) words.push(minutes + (minutes === 1 ? " minute" : " minutes"));
      if (rest || !minutes) words.push(rest + (rest === 1 ? " second" : " seconds"));
      Array.prototype.forEach.call(box.querySelectorAll("[data-session-countdown]"), function (place) {
        place.textContent = words.join(" ");
      });
    }

    function hideWarning() {
      box.hidden = true;
      window.clearInterval(ticker);
    }

    function showWarning(renewable) {
      box.querySelector("[data-session-renewable]").hidden = !renewable;
      box.querySelector("[data-session-final]").hidden = renewable;
      box.querySelector("[data-session-stay]").hidden = !renewable;
      countdown();
      window.clearInterval(ticker);
      ticker = window.setInterval(countdown, 1000);
      box.hidden = false;
    }

    function signedOut() {
      hideWarning();
      signInAndReturnTo(keepTypedValues() || location.pathname + location.search);
    }

    function follow(status) {
      window.clearTimeout(timer);
      if (!status.signed_in || status.seconds_left <= 0) return signedOut();
      endsAt = Date.now() + status.seconds_left * 1000;
      if (status.seconds_left > warnBefore) {
        hideWarning();
        timer = window.setTimeout(check, (status.seconds_left - warnBefore) * 1000);
      } else {
        showWarning(status.renewable);
        timer = window.setTimeout(check, status.seconds_left * 1000 + 500);
      }
    }

    function check() {
      ask("GET").then(follow, function () { timer = window.setTimeout(check, 15000); });
    }

    box.querySelector("[data-session-stay]").addEventListener("click", function () {
      ask("POST").then(follow, function () { showNotice("The dashboard could not be reached. Check your connection, then try again."); });
    });
    follow({ signed_in: true, renewable: true, seconds_left: parseInt(left, 10) });
  }

  // A request whose session has ended (401, sent to sign in): with something typed, keep it and
  // come back to its form after signing in; otherwise htmx follows the server's HX-Redirect.
  document.addEventListener("htmx:beforeOnLoad", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (!xhr || xhr.status !== 401 || !document.body.hasAttribute("data-session-login-url")) return;
    var back = keepTypedValues();
    if (back === null) return;
    event.preventDefault();
    signInAndReturnTo(back);
  });

  restoreTypedValues();
  sessionWarning();
})();
