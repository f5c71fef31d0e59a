// Search page: suggestions as you type (dossier numbers, ids, titles) from
// /api/v1/suggest into the query box's datalist, and a new search when the
// sort order changes. Without this script the form works as it is.
(function () {
  "use strict";
  var q = document.getElementById("q");
  var list = document.getElementById("suggesties");
  if (!q || !list) return;
  var timer = 0, last = "", ctl = null;
  q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 120);
  });
  function suggest() {
    var v = q.value.trim();
    if (v === last) return;
    last = v;
    if (v.length < 2) { list.replaceChildren(); return; }
    if (ctl) ctl.abort();
    ctl = new AbortController();
    fetch("/api/v1/suggest?size=8&q=" + encodeURIComponent(v), { signal: ctl.signal })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) {
        var opts = (data.suggestions || []).map(function (s) {
          var o = document.createElement("option");
          o.value = s.value;
          o.label = s.label + (s.count ? " (" + s.count + ")" : "");
          return o;
        });
        list.replaceChildren.apply(list, opts);
      })
      .catch(function () {});
  }
  // Leave empty fields out of the URL, so that a shared search is short.
  if (q.form) {
    q.form.addEventListener("submit", function () {
      Array.prototype.forEach.call(q.form.elements, function (el) {
        if (el.name && el.name !== "q" && el.value === "") el.disabled = true;
      });
    });
    window.addEventListener("pageshow", function () {
      Array.prototype.forEach.call(q.form.elements, function (el) { el.disabled = false; });
    });
  }
  var sort = document.getElementById("sort");
  if (sort && sort.form) {
    sort.addEventListener("change", function () {
      if (sort.form.requestSubmit) sort.form.requestSubmit(); else sort.form.submit();
    });
  }
})();
