// Upload page: send each chosen or dropped file to POST /api/v1/documents
// from this origin, with X-Requested-With (so the API knows the request
// comes from its own page) and the bearer token when one is given, and
// show progress and the outcome per file. A zip archive is opened in the
// browser (DecompressionStream) and its PDF and XML files sent one by one.
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
    for (var i = 0; i < files.length; i++) {
      var f = files[i];
      if (/\.zip$/i.test(f.name) || f.type === "application/zip") unzip(f);
      else one(f);
    }
  }

  // unzip reads the central directory of a zip archive and sends each PDF
  // or XML entry (stored or deflated) as a file of its own.
  function unzip(zip) {
    zip.arrayBuffer().then(function (buf) {
      var v = new DataView(buf), end = -1;
      for (var i = buf.byteLength - 22; i >= Math.max(0, buf.byteLength - 65557); i--) {
        if (v.getUint32(i, true) === 0x06054b50) { end = i; break; }
      }
      if (end < 0) throw new Error("geen zip-archief");
      var count = v.getUint16(end + 10, true), p = v.getUint32(end + 16, true), sent = 0;
      var dec = new TextDecoder();
      for (var k = 0; k < count; k++) {
        if (v.getUint32(p, true) !== 0x02014b50) throw new Error("beschadigd zip-archief");
        var method = v.getUint16(p + 10, true), csize = v.getUint32(p + 20, true);
        var nlen = v.getUint16(p + 28, true), elen = v.getUint16(p + 30, true), clen = v.getUint16(p + 32, true);
        var local = v.getUint32(p + 42, true);
        var name = dec.decode(new Uint8Array(buf, p + 46, nlen));
        p += 46 + nlen + elen + clen;
        var base = name.split("/").pop();
        if (!/\.(pdf|xml)$/i.test(base) || /^metadata.*\.xml$/i.test(base)) continue;
        var start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
        var data = new Blob([new Uint8Array(buf, start, csize)]);
        var label = zip.name + " › " + name;
        if (method === 0) one(new File([data], label));
        else if (method === 8) inflate(data, label);
        else continue;
        sent++;
      }
      if (!sent) throw new Error("geen PDF- of XML-bestanden in het archief");
    }).catch(function (err) { failed(zip.name, err.message); });
  }

  function inflate(data, label) {
    new Response(data.stream().pipeThrough(new DecompressionStream("deflate-raw"))).blob()
      .then(function (b) { one(new File([b], label)); })
      .catch(function (err) { failed(label, "uitpakken mislukt: " + err.message); });
  }

  function failed(name, why) {
    var li = document.createElement("li");
    var n = document.createElement("strong");
    n.textContent = name;
    var f = document.createElement("span");
    f.className = "fail";
    f.textContent = " mislukt: " + why;
    li.append(n, f);
    results.prepend(li);
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
