/* factcheck editor's desk. No HTML is built from strings: text goes in with textContent, the report (rendered and
   escaped by factcheck.html on the server) goes into a sandboxed iframe's srcdoc. */
"use strict";
(() => {
  const $ = (sel, root = document) => root.querySelector(sel);
  const list = $("#sources");
  const rowTemplate = $("#source-row");
  const form = $("#desk-form");
  const store = window.sessionStorage;
  const URL_RE = /^https?:\/\/\S+$/i;
  let report = null;
  let reportHtml = null;
  let auth = false;

  function kindOf(text) {
    const t = text.trim();
    if (!t) return ["", ""];
    if (URL_RE.test(t)) return ["url", "link"];
    const words = t.split(/\s+/).length;
    return ["text", `text · ${words.toLocaleString()} word${words === 1 ? "" : "s"}`];
  }

  function renumber() {
    const rows = list.querySelectorAll(".source-row");
    rows.forEach((row, k) => {
      $(".row-label", row).textContent = `Source ${k + 1}`;
      $(".remove", row).hidden = rows.length <= 2;
    });
  }

  function updateKind(row) {
    const [kind, label] = kindOf($(".src-text", row).value);
    const el = $(".kind", row);
    el.textContent = label;
    el.className = `kind ${kind}`;
  }

  function addRow(text = "", name = "") {
    const row = rowTemplate.content.firstElementChild.cloneNode(true);
    $(".src-text", row).value = text;
    $(".src-name", row).value = name;
    $(".src-text", row).addEventListener("input", () => { updateKind(row); save(); });
    $(".src-name", row).addEventListener("input", save);
    $(".remove", row).addEventListener("click", () => { row.remove(); renumber(); save(); });
    list.appendChild(row);
    updateKind(row);
    renumber();
    return row;
  }

  function rows() {
    return Array.from(list.querySelectorAll(".source-row")).map((row) => ({
      text: $(".src-text", row).value, name: $(".src-name", row).value.trim(),
    }));
  }

  function save() {
    try {
      store.setItem("factcheck-desk", JSON.stringify({ sources: rows(), draft: $("#draft").value }));
    } catch (e) { /* storage full or off: the form still works */ }
  }

  function restore() {
    let saved = null;
    try { saved = JSON.parse(store.getItem("factcheck-desk") || "null"); } catch (e) { saved = null; }
    const sources = (saved && Array.isArray(saved.sources)) ? saved.sources : [];
    sources.forEach((s) => addRow(String(s.text || ""), String(s.name || "")));
    while (list.children.length < 2) addRow();
    if (saved && typeof saved.draft === "string") $("#draft").value = saved.draft;
    $("#token").value = store.getItem("factcheck-token") || "";
  }

  function request() {
    const sources = [];
    rows().forEach((r) => {
      const t = r.text.trim();
      if (!t) return;
      const item = URL_RE.test(t) ? { url: t } : { text: r.text };
      if (r.name) item.source = r.name;
      sources.push(item);
    });
    const draft = $("#draft").value.trim() ? $("#draft").value : null;
    return { sources, draft };
  }

  function showError(message) {
    const box = $("#error");
    box.textContent = message;
    box.hidden = !message;
  }

  function headers() {
    const h = { "Content-Type": "application/json" };
    const token = $("#token").value.trim();
    if (token) h.Authorization = `Bearer ${token}`;
    return h;
  }

  async function post(path, body) {
    const res = await fetch(path, { method: "POST", headers: headers(), body: JSON.stringify(body) });
    if (res.ok) return res;
    let message = `${res.status} ${res.statusText}`;
    try { message = (await res.json()).error || message; } catch (e) { /* not JSON */ }
    if (res.status === 401) {
      $("#token-row").hidden = false;
      $("#token").focus();
    }
    const wait = res.headers.get("Retry-After");
    throw new Error(res.status === 429 && wait ? `${message}` : message);
  }

  async function health() {
    try {
      const res = await fetch("/healthz", { cache: "no-store" });
      return await res.json();
    } catch (e) { return null; }
  }

  function progress(start, typical, queue) {
    const secs = (performance.now() - start) / 1000;
    const bar = $("#progress");
    if (typical > 0) {
      bar.value = Math.min(secs / (typical * Math.max(1, (queue && queue.waiting) || 0) + typical), 0.95);
    } else {
      bar.removeAttribute("value");
    }
    let text = `Checking… ${secs.toFixed(0)} s`;
    if (typical > 0) text += ` (a check takes about ${typical.toFixed(typical < 10 ? 1 : 0)} s here)`;
    if (queue && queue.waiting > 0) text += ` · ${queue.waiting} waiting in the queue`;
    $("#status-text").textContent = text;
  }

  async function submit(event) {
    event.preventDefault();
    showError("");
    const { sources, draft } = request();
    if (sources.length < 2 && !(draft && sources.length >= 1)) {
      showError("Give at least two sources (or one source and a draft).");
      return;
    }
    const button = $("#submit");
    button.disabled = true;
    $("#status").hidden = false;
    const start = performance.now();
    let typical = 0;
    let queue = null;
    progress(start, typical, queue);
    const tick = setInterval(() => progress(start, typical, queue), 250);
    const poll = setInterval(async () => {
      const h = await health();
      if (h) { typical = h.typical_seconds || 0; queue = h.queue; }
    }, 1000);
    health().then((h) => { if (h) typical = h.typical_seconds || 0; });
    try {
      const body = { sources, options: {} };
      if (draft) body.draft = draft;
      const res = await post(draft ? "/v1/draft" : "/v1/check", body);
      report = await res.json();
      $("#status-text").textContent = "Rendering the report…";
      reportHtml = await (await post("/v1/render", { report, format: "html" })).text();
      showReport((performance.now() - start) / 1000);
    } catch (err) {
      showError(err && err.message ? err.message : String(err));
    } finally {
      clearInterval(tick);
      clearInterval(poll);
      button.disabled = false;
      $("#status").hidden = true;
    }
  }

  function showReport(seconds) {
    const sm = report.summary || {};
    const labels = sm.pair_labels || {};
    const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const counts = typeof sm.n_disputed_facts === "number"
      ? [plural(sm.n_disputed_facts, "disputed fact"), plural(sm.n_corroborated_facts || 0, "corroborated fact")]
      : [plural(labels.contradiction || 0, "contradiction"), plural(labels.agreement || 0, "agreement")];
    $("#result-meta").textContent = [plural((report.sources || []).length, "source"), ...counts,
      `${seconds.toFixed(1)} s`].join(" · ");
    $("#report-frame").srcdoc = reportHtml;
    $("#result").hidden = false;
    $("#result").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function stamp() {
    return new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  }

  function download(text, type, name) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function onDownload(event) {
    const fmt = event.currentTarget.dataset.format;
    if (!report) return;
    showError("");
    const name = `factcheck-report-${stamp()}`;
    try {
      if (fmt === "json") download(JSON.stringify(report, null, 2) + "\n", "application/json", `${name}.json`);
      else if (fmt === "html") download(reportHtml, "text/html", `${name}.html`);
      else {
        const md = await (await post("/v1/render", { report, format: "md" })).text();
        download(md, "text/markdown", `${name}.md`);
      }
    } catch (err) {
      showError(err && err.message ? err.message : String(err));
    }
  }

  function clear() {
    list.textContent = "";
    addRow();
    addRow();
    $("#draft").value = "";
    showError("");
    save();
  }

  $("#add-source").addEventListener("click", () => { $(".src-text", addRow()).focus(); save(); });
  $("#clear").addEventListener("click", clear);
  $("#draft").addEventListener("input", save);
  $("#token").addEventListener("input", () => store.setItem("factcheck-token", $("#token").value));
  document.querySelectorAll(".downloads button").forEach((b) => b.addEventListener("click", onDownload));
  form.addEventListener("submit", submit);
  form.addEventListener("keydown", (event) => {  // Ctrl+Enter (Cmd+Enter) in any box checks
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !$("#submit").disabled) {
      form.requestSubmit();
    }
  });
  restore();
  health().then((h) => {
    auth = Boolean(h && h.auth);
    if (auth) $("#token-row").hidden = false;
  });
})();
