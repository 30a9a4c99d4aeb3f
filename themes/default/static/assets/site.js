/* govsite: the 适老化/无障碍 toolbar (大字, 高对比度, 行距, 纯净阅读, 重置) and small page tools.
   prefs.js applies the saved state before paint; this file keeps <html> classes, the
   buttons' state and localStorage ("govsite-a11y") in step. No inline handlers, no innerHTML. */
(function () {
  "use strict";

  var KEY = "govsite-a11y";
  var FONT_SCALES = ["1", "1.25", "1.5", "2"];
  var TOGGLES = {
    contrast: { cls: "gs-contrast", on: "已开启高对比度模式", off: "已关闭高对比度模式" },
    spacing: { cls: "gs-spacing", on: "已加大行距", off: "已恢复默认行距" },
    reading: { cls: "gs-reading", on: "已开启纯净阅读模式", off: "已关闭纯净阅读模式" }
  };
  var root = document.documentElement;

  function load() {
    var p = {};
    try {
      p = JSON.parse(window.localStorage.getItem(KEY) || "{}") || {};
    } catch (e) {
      p = {};
    }
    return {
      font: p.font === 1 || p.font === 2 || p.font === 3 ? p.font : 0,
      contrast: p.contrast === true,
      spacing: p.spacing === true,
      reading: p.reading === true
    };
  }

  function save(p) {
    try {
      if (!p.font && !p.contrast && !p.spacing && !p.reading) {
        window.localStorage.removeItem(KEY);
      } else {
        window.localStorage.setItem(KEY, JSON.stringify(p));
      }
    } catch (e) {
      /* private mode or storage disabled: the choice lasts for this page only */
    }
  }

  var prefs = load();

  function applyClasses() {
    for (var i = 1; i <= 3; i++) {
      root.classList.toggle("gs-font-" + i, prefs.font === i);
    }
    for (var name in TOGGLES) {
      root.classList.toggle(TOGGLES[name].cls, prefs[name]);
    }
  }

  function updateButtons() {
    var buttons = document.querySelectorAll(".a11y-toolbar [data-gs]");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      var action = b.getAttribute("data-gs");
      if (TOGGLES[action]) {
        b.setAttribute("aria-pressed", prefs[action] ? "true" : "false");
      }
    }
    var levels = document.querySelectorAll("[data-gs-font-level]");
    for (var j = 0; j < levels.length; j++) {
      levels[j].textContent = prefs.font ? "（" + FONT_SCALES[prefs.font] + "倍）" : "";
    }
  }

  function announce(message) {
    var regions = document.querySelectorAll("[data-gs-status]");
    for (var i = 0; i < regions.length; i++) {
      regions[i].textContent = "";
      regions[i].textContent = message;
    }
  }

  function act(action) {
    var message;
    if (action === "font") {
      prefs.font = (prefs.font + 1) % FONT_SCALES.length;
      message = prefs.font ? "文字已放大到" + FONT_SCALES[prefs.font] + "倍" : "文字已恢复默认大小";
    } else if (TOGGLES[action]) {
      prefs[action] = !prefs[action];
      message = prefs[action] ? TOGGLES[action].on : TOGGLES[action].off;
    } else if (action === "reset") {
      prefs = { font: 0, contrast: false, spacing: false, reading: false };
      message = "已恢复默认显示设置";
    } else {
      return;
    }
    applyClasses();
    updateButtons();
    save(prefs);
    announce(message);
  }

  /* role="toolbar": one Tab stop, arrow keys (and Home/End) move between the buttons. */
  function setupToolbar(bar) {
    var buttons = bar.querySelectorAll("button");
    if (!buttons.length) return;
    var current = 0;
    function focusAt(index) {
      buttons[current].setAttribute("tabindex", "-1");
      current = (index + buttons.length) % buttons.length;
      buttons[current].setAttribute("tabindex", "0");
      buttons[current].focus();
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("tabindex", i === 0 ? "0" : "-1");
    }
    bar.addEventListener("click", function (event) {
      var target = event.target;
      while (target && target !== bar && !target.hasAttribute("data-gs")) {
        target = target.parentNode;
      }
      if (!target || target === bar) return;
      for (var k = 0; k < buttons.length; k++) {
        if (buttons[k] === target && k !== current) {
          buttons[current].setAttribute("tabindex", "-1");
          current = k;
          target.setAttribute("tabindex", "0");
        }
      }
      act(target.getAttribute("data-gs"));
    });
    bar.addEventListener("keydown", function (event) {
      var key = event.key;
      if (key === "ArrowRight" || key === "ArrowDown" || key === "Right" || key === "Down") {
        focusAt(current + 1);
      } else if (key === "ArrowLeft" || key === "ArrowUp" || key === "Left" || key === "Up") {
        focusAt(current - 1);
      } else if (key === "Home") {
        focusAt(0);
      } else if (key === "End") {
        focusAt(buttons.length - 1);
      } else {
        return;
      }
      event.preventDefault();
    });
  }

  /* Print always in the normal palette: high-contrast white-on-black wastes ink and
     browsers drop backgrounds, which would leave white text on white paper. */
  var contrastBeforePrint = false;
  window.addEventListener("beforeprint", function () {
    contrastBeforePrint = root.classList.contains("gs-contrast");
    root.classList.remove("gs-contrast");
  });
  window.addEventListener("afterprint", function () {
    root.classList.toggle("gs-contrast", contrastBeforePrint && prefs.contrast);
  });

  /* Another tab changed the settings. */
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY && event.key !== null) return;
    prefs = load();
    applyClasses();
    updateButtons();
  });

  function init() {
    root.classList.remove("no-js");
    applyClasses();
    var bars = document.querySelectorAll(".a11y-toolbar");
    for (var i = 0; i < bars.length; i++) setupToolbar(bars[i]);
    updateButtons();

    var printButtons = document.querySelectorAll("[data-gs-print]");
    for (var j = 0; j < printButtons.length; j++) {
      printButtons[j].hidden = false;
      printButtons[j].addEventListener("click", function () {
        window.print();
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
