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
})();
