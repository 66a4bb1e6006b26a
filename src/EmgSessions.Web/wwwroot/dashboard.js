// EmgSessions dashboard: units, live status, actions, the upload form and the trend chart. The session page's signal
// view is signal-view.js (drawn with uPlot); it uses the units helpers exported here as window.emgsUnits.
"use strict";

(() => {
  const colours = {
    band: "#5b8fd6", envelope: "#0b2f66", cursor: "#c0392b", threshold: "#b35900", grid: "#e3e7ee", axis: "#39414d",
    good: "rgba(46, 160, 67, 0.22)", mvc: "rgba(214, 150, 0, 0.22)", duration: "rgba(120, 90, 200, 0.20)", neither: "rgba(140, 140, 140, 0.18)",
    activated: "#8e44ad",
  };

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
  function niceStep(range, count) {
    const raw = range / Math.max(1, count);
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }
  window.emgsUnits = Object.freeze({ siVolts, seconds });

  function sizeCanvas(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(200, canvas.clientWidth);
    const height = canvas.clientHeight || Number(canvas.getAttribute("height"));
    if (canvas.width !== Math.round(width * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return { ctx, width, height };
  }

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

  // --- actions, upload, trend --------------------------------------------------------------------------------
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

  function trend(canvas) {
    const points = JSON.parse(canvas.dataset.trend);
    const { ctx, width, height } = sizeCanvas(canvas);
    const names = [...new Set(points.flatMap(p => Object.keys(p.values)))];
    const max = Math.max(1, ...points.flatMap(p => Object.values(p.values).filter(v => v != null)));
    const left = 40, bottom = height - 20, palette = ["#0b2f66", "#b35900", "#2e7d32", "#8e44ad"];
    ctx.font = "11px system-ui, sans-serif"; ctx.fillStyle = colours.axis; ctx.strokeStyle = colours.grid;
    const step = niceStep(max, 4);
    for (let v = 0; v <= max; v += step) {
      const y = bottom - v / max * (bottom - 10);
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(width - 10, y); ctx.stroke(); ctx.textAlign = "right"; ctx.fillText(String(v), left - 4, y + 4);
    }
    names.forEach((name, k) => {
      ctx.strokeStyle = palette[k % palette.length]; ctx.fillStyle = ctx.strokeStyle; ctx.lineWidth = 2; ctx.beginPath();
      points.forEach((p, i) => {
        const px = left + (points.length === 1 ? 0.5 : i / (points.length - 1)) * (width - left - 20), v = p.values[name];
        if (v == null) return;
        const py = bottom - v / max * (bottom - 10);
        i ? ctx.lineTo(px, py) : ctx.moveTo(px, py); ctx.fillRect(px - 2, py - 2, 4, 4);
      });
      ctx.stroke(); ctx.textAlign = "left"; ctx.fillText(name, width - 60, 14 + 14 * k);
    });
    canvas.dataset.drawn = String(points.length);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("canvas[data-trend]").forEach(trend);
    liveStatus();
    actions();
  });
})();
