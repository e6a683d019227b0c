/* zhibiao evidence view: bring the highlighted sentence into view. */
(function () {
  "use strict";
  var el = document.getElementById("hl");
  if (el && el.scrollIntoView) { el.scrollIntoView({ block: "center" }); }
})();
