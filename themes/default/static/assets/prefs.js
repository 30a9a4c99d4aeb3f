/* govsite: apply the saved 适老化/无障碍 choices to <html> before the first paint.
   Loaded in <head> without defer; site.js owns the toolbar. Storage key: govsite-a11y. */
(function () {
  var root = document.documentElement;
  root.className = root.className.replace(/(^|\s)no-js(\s|$)/, "$1js$2");
  try {
    var p = JSON.parse(window.localStorage.getItem("govsite-a11y") || "{}") || {};
    var font = p.font === 1 || p.font === 2 || p.font === 3 ? p.font : 0;
    if (font) root.classList.add("gs-font-" + font);
    if (p.contrast === true) root.classList.add("gs-contrast");
    if (p.spacing === true) root.classList.add("gs-spacing");
    if (p.reading === true) root.classList.add("gs-reading");
  } catch (e) {
    /* storage blocked or corrupt: keep the defaults */
  }
})();
