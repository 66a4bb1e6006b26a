// EmgSessions dashboard: units, live status, actions and the upload form. The session page's signal view is
// signal-view.js and the Patient page's trend charts patient-trends.js (both drawn with uPlot); the signal view uses the
// units helpers exported here as window.emgsUnits.
"use strict";

(() => {
  // --- units -------------------------------------------------------------------------------------------------
  function siVolts(v, step) {
    const a = Math.max(Math.abs(step || v), 1e-12);
    const [scale, unit] = a < 1e-3 ? [1e6, "µV"] : a < 1 ? [1e3, "mV"] : [1, "V"];
    const digits = Math.max(0, Math.min(3, -Math.floor(Math.log10(Math.max((step || Math.abs(v)) * scale, 1e-9)))));
    return (v * scale).toFixed(digits) + " " + unit;
  }
  function seconds(t, step) {
    const digits = Math.max(0, Math.min(3, -Math.floor(Math.log10(step))));
    return t.toFixed(digits) + " s";
  }
  window.emgsUnits = Object.freeze({ siVolts, seconds });

  // --- live status -------------------------------------------------------------------------------------------
  function liveStatus() {
    const rows = [...document.querySelectorAll("tr[data-live=true]")];
    const pages = [...document.querySelectorAll("[data-live-status]")];
    if (rows.length === 0 && pages.length === 0) return;
    const poll = async () => {
      let pending = 0;
      for (const row of rows) {
        if (row.dataset.live !== "true") continue;
        const r = await fetch(`/api/sessions/${row.dataset.session}`);
        if (!r.ok) continue;
        const s = await r.json();
        const badge = row.querySelector("[data-status]");
        badge.textContent = s.processing_status; badge.dataset.status = s.processing_status;
        badge.className = "status status-" + s.processing_status;
        if (["completed", "failed"].includes(s.processing_status)) row.dataset.live = "done"; else pending++;
      }
      for (const el of pages) {
        const r = await fetch(`/api/sessions/${el.dataset.liveStatus}`);
        if (r.ok && ["completed", "failed"].includes((await r.json()).processing_status)) { location.reload(); return; }
        pending++;
      }
      if (pending > 0) setTimeout(poll, 1000);
    };
    setTimeout(poll, 1000);
  }

  // --- actions, upload --------------------------------------------------------------------------------------
  function actions() {
    document.querySelectorAll("[data-reprocess]").forEach(button => button.addEventListener("click", async () => {
      const out = button.parentElement.querySelector("[data-action-result]");
      const r = await fetch(`/api/sessions/${button.dataset.reprocess}/reprocess`, { method: "POST" });
      out.textContent = r.ok ? "Queued for reprocessing; this page updates when it is done." : "Reprocessing was refused: " + ((await r.json()).detail || r.statusText);
      if (r.ok) setTimeout(() => location.reload(), 1500);
    }));
    const form = document.querySelector("[data-upload-form]");
    if (form) form.addEventListener("submit", async e => {
      e.preventDefault();
      const out = document.querySelector("[data-upload-result]");
      out.textContent = "Analysing…";
      const r = await fetch("/upload", { method: "POST", body: new FormData(form) });
      const body = await r.json().catch(() => ({}));
      if (!r.ok) { out.textContent = "The file was not analysed: " + (body.detail || r.statusText); return; }
      const rows = Object.entries(body.analytics || {}).map(([name, c]) =>
        `<tr><th scope="row">${name}</th><td data-db>${c.contraction_count}</td><td data-db>${c.good_contraction_count}</td><td data-db>${siVolts(c.rms)}</td></tr>`).join("");
      out.innerHTML = `<p>Analysed, not stored.</p><table class="grid"><thead><tr><th>Channel</th><th>Contractions</th><th>Good</th><th>RMS</th></tr></thead><tbody>${rows}</tbody></table>`;
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    liveStatus();
    actions();
  });
})();
