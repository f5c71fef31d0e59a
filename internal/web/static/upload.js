// Upload page: send each chosen or dropped file to POST /api/v1/documents
// from this origin, with X-Requested-With (so the API knows the request
// comes from its own page) and the bearer token when one is given, and
// show progress and the outcome per file.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var input = document.getElementById("file");
  var drop = document.getElementById("drop");
  var token = document.getElementById("token");
  var results = document.getElementById("results");
  if (!form || !input || !results) return;

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    send(input.files);
  });
  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) send(e.dataTransfer.files);
  });

  function send(files) {
    for (var i = 0; i < files.length; i++) one(files[i]);
  }

  function one(file) {
    var li = document.createElement("li");
    var name = document.createElement("strong");
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", "Voortgang " + file.name);
    var status = document.createElement("span");
    status.textContent = " bezig…";
    li.append(name, " ", bar, status);
    results.prepend(li);

    var fd = new FormData();
    fd.append("file", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/documents");
    xhr.setRequestHeader("X-Requested-With", "kamerzoek");
    if (token && token.value.trim()) xhr.setRequestHeader("Authorization", "Bearer " + token.value.trim());
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total);
    });
    xhr.addEventListener("load", function () {
      bar.value = 100;
      var data = null;
      try { data = JSON.parse(xhr.responseText); } catch (err) { data = null; }
      status.replaceChildren();
      if (xhr.status >= 200 && xhr.status < 300 && data && data.documents) {
        data.documents.forEach(function (d) {
          var s = document.createElement("span");
          s.className = "ok";
          s.append(" " + (d.status === "duplicate" ? "al aanwezig: " : "toegevoegd: "));
          var a = document.createElement("a");
          a.href = "/doc/" + encodeURIComponent(d.id);
          a.textContent = d.id;
          s.append(a);
          status.append(s);
        });
      } else {
        var f = document.createElement("span");
        f.className = "fail";
        var why = data && (data.detail || data.title) ? (data.detail || data.title) : "status " + xhr.status;
        if (xhr.status === 401) why = "toegangssleutel ontbreekt of klopt niet (" + why + ")";
        f.textContent = " mislukt: " + why;
        status.append(f);
      }
    });
    xhr.addEventListener("error", function () {
      status.textContent = " mislukt: geen verbinding met de server";
      status.className = "fail";
    });
    xhr.send(fd);
  }
})();
