// briefing serve: reloads the page after each good rebuild and shows the problems of
// a broken one over the last good page. Only ever injected by `briefing serve`.
(function () {
  "use strict";
  var OVERLAY = "briefing-problems";
  var source = new EventSource("/__briefing/events");
  source.addEventListener("reload", function () {
    location.reload();
  });
  source.addEventListener("problems", function (event) {
    var text;
    try {
      text = JSON.parse(event.data);
    } catch (e) {
      text = event.data;
    }
    show(text);
  });

  function show(text) {
    var overlay = document.getElementById(OVERLAY) || build();
    overlay.querySelector("pre").textContent = text;
    overlay.hidden = false;
    overlay.querySelector("button").focus();
  }

  function build() {
    var overlay = element("div", {
      id: OVERLAY,
      role: "alertdialog",
      "aria-modal": "true",
      "aria-labelledby": OVERLAY + "-title",
      "aria-describedby": OVERLAY + "-text"
    });
    setStyle(overlay, "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(0,0,0,0.6);padding:2rem 1rem;");
    var panel = element("div", {});
    setStyle(panel, "max-width:60rem;margin:0 auto;background:#ffffff;color:#1f2328;" +
      "border-top:6px solid #b3261e;border-radius:4px;padding:1rem 1.5rem;" +
      "font:1rem/1.5 system-ui,sans-serif;");
    var title = element("h2", { id: OVERLAY + "-title" });
    title.textContent = "The pack has problems";
    setStyle(title, "margin:0 0 0.5rem;color:#b3261e;font-size:1.3rem;");
    var note = element("p", {});
    note.textContent = "Pages that could not be made are still shown as they last were. " +
      "Fix the files and save: the page reloads by itself.";
    var pre = element("pre", { id: OVERLAY + "-text" });
    setStyle(pre, "white-space:pre-wrap;background:#f3f5f7;color:#1f2328;padding:0.75rem;" +
      "font:0.9rem/1.45 ui-monospace,Menlo,Consolas,monospace;");
    var close = element("button", { type: "button" });
    close.textContent = "Dismiss";
    setStyle(close, "font:inherit;padding:0.3rem 1rem;");
    var opener = document.activeElement;
    function dismiss() {
      overlay.hidden = true;
      if (opener && opener.focus) {
        opener.focus();
      }
    }
    close.addEventListener("click", dismiss);
    overlay.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        dismiss();
      }
    });
    panel.appendChild(title);
    panel.appendChild(note);
    panel.appendChild(pre);
    panel.appendChild(close);
    overlay.appendChild(panel);
    document.body.appendChild(overlay);
    return overlay;
  }

  function element(name, attributes) {
    var node = document.createElement(name);
    Object.keys(attributes).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    return node;
  }

  function setStyle(node, css) {
    node.style.cssText = css;
  }
})();
