// EmgSessions dashboard: the signal view (min/max band + envelope per channel, contraction spans, thresholds,
// overview brush, synchronised cursor and zoom), live status, actions, the upload form and the trend chart.
// Own canvas code, no library: see docs/architecture.md "The dashboard" for why.
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

  // --- the signal endpoint (binary Float32 form) -------------------------------------------------------------
  async function fetchWindow(session, channel, kind, from, to, points) {
    const url = `/api/sessions/${session}/signals/${encodeURIComponent(channel)}?kind=${kind}&from_s=${from}&to_s=${to}&points=${points}&format=f32`;
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
      throw new Error(detail);
    }
    const buffer = await response.arrayBuffer();
    const view = new DataView(buffer);
    const t0 = view.getFloat64(8, true), dt = view.getFloat64(16, true);
    const isSamples = view.getInt32(24, true) === 1, count = view.getInt32(28, true);
    const first = new Float32Array(buffer.slice(32, 32 + 4 * count));
    const second = isSamples ? first : new Float32Array(buffer.slice(32 + 4 * count, 32 + 8 * count));
    return { t0, dt, isSamples, min: first, max: second, count };
  }

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

  // --- the signal view ---------------------------------------------------------------------------------------
  function signalView(root) {
    const session = root.dataset.session;
    const duration = Number(root.dataset.duration);
    const channels = JSON.parse(root.dataset.channels);
    const panels = [...root.querySelectorAll("canvas.signal")].map(canvas => ({
      canvas, meta: channels.find(c => c.name === canvas.dataset.channel), data: null, envelope: null, activated: null,
    }));
    const overview = root.querySelector("canvas.overview");
    const label = root.querySelector("[data-window-label]");
    const state = { from: 0, to: duration, cursor: null, activated: false, fetches: 0, request: 0, overview: null };
    const left = 64, right = 12;

    function clampWindow(from, to) {
      const minSpan = 0.05;
      let span = Math.min(duration, Math.max(minSpan, to - from));
      from = Math.max(0, Math.min(from, duration - span));
      return [from, from + span];
    }

    function setWindow(from, to) {
      [state.from, state.to] = clampWindow(from, to);
      root.dataset.from = state.from.toFixed(3);
      root.dataset.to = state.to.toFixed(3);
      label.textContent = `${state.from.toFixed(2)} s – ${state.to.toFixed(2)} s`;
      drawOverview();
      load();
    }

    async function load() {
      const request = ++state.request;
      const started = performance.now();
      const jobs = panels.map(async panel => {
        const points = Math.min(2400, Math.max(100, Math.round(panel.canvas.clientWidth - left - right)));
        const kinds = ["raw", "envelope"].concat(state.activated ? ["activated"] : []);
        const [raw, envelope, activated] = await Promise.all(kinds.map(k =>
          fetchWindow(session, panel.meta.name, k, state.from, state.to, points).catch(e => (k === "raw" ? Promise.reject(e) : null))));
        state.fetches += kinds.length;
        return { panel, raw, envelope, activated: activated || null };
      });
      try {
        const results = await Promise.all(jobs);
        if (request !== state.request) return;
        for (const r of results) { r.panel.data = r.raw; r.panel.envelope = r.envelope; r.panel.activated = r.activated; }
        draw();
        root.dataset.fetches = String(state.fetches);
        root.dataset.lastZoomMs = (performance.now() - started).toFixed(1);
        root.dataset.ready = "true";
      } catch (e) {
        root.dataset.error = String(e.message || e);
        label.textContent = "The signal could not be loaded: " + (e.message || e);
      }
    }

    function x(t, width) { return left + (t - state.from) / (state.to - state.from) * (width - left - right); }
    function tOf(px, width) { return state.from + (px - left) / (width - left - right) * (state.to - state.from); }

    function drawPanel(panel) {
      const { ctx, width, height } = sizeCanvas(panel.canvas);
      const top = 8, bottom = height - 22;
      ctx.clearRect(0, 0, width, height);
      const d = panel.data;
      if (!d) return;
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < d.count; i++) { if (d.min[i] < lo) lo = d.min[i]; if (d.max[i] > hi) hi = d.max[i]; }
      if (panel.meta.mvc != null) hi = Math.max(hi, panel.meta.mvc);
      if (!isFinite(lo) || !isFinite(hi)) { lo = -1e-6; hi = 1e-6; }
      const extent = Math.max(Math.abs(lo), Math.abs(hi)) * 1.1 || 1e-6;
      const y = v => top + (extent - v) / (2 * extent) * (bottom - top);

      // grid and axes
      ctx.font = "11px system-ui, sans-serif"; ctx.fillStyle = colours.axis; ctx.strokeStyle = colours.grid; ctx.lineWidth = 1;
      const vStep = niceStep(2 * extent, 4);
      ctx.textAlign = "right"; ctx.textBaseline = "middle";
      for (let v = Math.ceil(-extent / vStep) * vStep; v <= extent; v += vStep) {
        ctx.beginPath(); ctx.moveTo(left, y(v)); ctx.lineTo(width - right, y(v)); ctx.stroke();
        ctx.fillText(siVolts(v, vStep), left - 4, y(v));
      }
      const tStep = niceStep(state.to - state.from, Math.max(2, Math.floor((width - left) / 90)));
      ctx.textAlign = "center"; ctx.textBaseline = "top";
      for (let t = Math.ceil(state.from / tStep) * tStep; t <= state.to; t += tStep) {
        ctx.beginPath(); ctx.moveTo(x(t, width), top); ctx.lineTo(x(t, width), bottom); ctx.stroke();
        ctx.fillText(seconds(t, tStep), x(t, width), bottom + 4);
      }

      // contraction spans by flag
      for (const c of panel.meta.contractions) {
        if (c.to < state.from || c.from > state.to) continue;
        ctx.fillStyle = colours[c.flag] || colours.neither;
        const x0 = Math.max(left, x(c.from, width)), x1 = Math.min(width - right, x(c.to, width));
        ctx.fillRect(x0, top, Math.max(1, x1 - x0), bottom - top);
      }

      // raw EMG: min/max band (one vertical stroke per bucket), or the samples themselves
      ctx.save(); ctx.beginPath(); ctx.rect(left, top, width - left - right, bottom - top); ctx.clip();
      ctx.strokeStyle = colours.band; ctx.fillStyle = colours.band;
      if (d.isSamples) {
        ctx.lineWidth = 1; ctx.beginPath();
        for (let i = 0; i < d.count; i++) { const px = x(d.t0 + i * d.dt, width), py = y(d.min[i]); i ? ctx.lineTo(px, py) : ctx.moveTo(px, py); }
        ctx.stroke();
        if ((width - left) / d.count > 4) for (let i = 0; i < d.count; i++) ctx.fillRect(x(d.t0 + i * d.dt, width) - 1.5, y(d.min[i]) - 1.5, 3, 3);
      } else {
        ctx.lineWidth = Math.max(1, (width - left - right) / d.count);
        ctx.beginPath();
        for (let i = 0; i < d.count; i++) {
          const px = x(d.t0 + (i + 0.5) * d.dt, width);
          ctx.moveTo(px, y(d.max[i])); ctx.lineTo(px, Math.max(y(d.min[i]), y(d.max[i]) + 1));
        }
        ctx.stroke();
      }
      // envelope (max per bucket: the envelope is smooth) and activated signal
      for (const [series, colour] of [[panel.envelope, colours.envelope], [panel.activated, colours.activated]]) {
        if (!series) continue;
        ctx.strokeStyle = colour; ctx.lineWidth = 1.6; ctx.beginPath();
        for (let i = 0; i < series.count; i++) {
          const px = x(series.t0 + (series.isSamples ? i : i + 0.5) * series.dt, width), py = y(series.max[i]);
          i ? ctx.lineTo(px, py) : ctx.moveTo(px, py);
        }
        ctx.stroke();
      }
      // MVC threshold and duration target
      if (panel.meta.mvc != null) {
        ctx.strokeStyle = colours.threshold; ctx.setLineDash([6, 4]); ctx.lineWidth = 1.2;
        ctx.beginPath(); ctx.moveTo(left, y(panel.meta.mvc)); ctx.lineTo(width - right, y(panel.meta.mvc)); ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.restore();
      if (panel.meta.durationMs != null) {
        const span = x(state.from + panel.meta.durationMs / 1000, width) - left;
        ctx.strokeStyle = colours.threshold; ctx.lineWidth = 3;
        ctx.beginPath(); ctx.moveTo(left + 4, top + 4); ctx.lineTo(left + 4 + Math.min(span, width - left - right - 8), top + 4); ctx.stroke();
        ctx.fillStyle = colours.threshold; ctx.textAlign = "left"; ctx.textBaseline = "top";
        ctx.fillText("duration target", left + 8 + Math.min(span, width - left - 200), top + 8);
      }
      // synchronised cursor
      if (state.cursor != null && state.cursor >= state.from && state.cursor <= state.to) {
        ctx.strokeStyle = colours.cursor; ctx.lineWidth = 1;
        ctx.beginPath(); ctx.moveTo(x(state.cursor, width), top); ctx.lineTo(x(state.cursor, width), bottom); ctx.stroke();
        ctx.fillStyle = colours.cursor; ctx.textAlign = "left"; ctx.textBaseline = "top";
        ctx.fillText(state.cursor.toFixed(3) + " s", x(state.cursor, width) + 4, top);
      }
      panel.canvas.dataset.drawn = String(d.count);
    }

    function draw() { panels.forEach(drawPanel); }

    async function loadOverview() {
      const first = panels[0];
      const points = Math.min(2400, Math.max(100, overview.clientWidth));
      state.overview = await fetchWindow(session, first.meta.name, "raw", 0, duration, points);
      state.fetches++;
      drawOverview();
    }

    function drawOverview() {
      const { ctx, width, height } = sizeCanvas(overview);
      ctx.clearRect(0, 0, width, height);
      const d = state.overview;
      const ox = t => left + t / duration * (width - left - right);
      if (d) {
        let extent = 1e-12;
        for (let i = 0; i < d.count; i++) extent = Math.max(extent, Math.abs(d.min[i]), Math.abs(d.max[i]));
        ctx.strokeStyle = colours.band; ctx.lineWidth = 1; ctx.beginPath();
        for (let i = 0; i < d.count; i++) {
          const px = ox(d.t0 + (i + 0.5) * d.dt);
          ctx.moveTo(px, height / 2 - d.max[i] / extent * (height / 2 - 3)); ctx.lineTo(px, height / 2 - d.min[i] / extent * (height / 2 - 3) + 0.5);
        }
        ctx.stroke();
      }
      ctx.fillStyle = "rgba(11, 47, 102, 0.15)"; ctx.strokeStyle = colours.envelope; ctx.lineWidth = 1.5;
      ctx.fillRect(ox(state.from), 0, Math.max(2, ox(state.to) - ox(state.from)), height);
      ctx.strokeRect(ox(state.from), 0.75, Math.max(2, ox(state.to) - ox(state.from)), height - 1.5);
      overview._toTime = px => (px - left) / (width - left - right) * duration;
    }

    function zoom(factor, centre) {
      const span = (state.to - state.from) * factor;
      const c = centre ?? (state.from + state.to) / 2;
      const ratio = (c - state.from) / (state.to - state.from);
      setWindow(c - span * ratio, c - span * ratio + span);
    }
    function pan(fraction) { const span = state.to - state.from; setWindow(state.from + span * fraction, state.to + span * fraction); }

    root.querySelector("[data-action=zoom-in]").addEventListener("click", () => zoom(0.5));
    root.querySelector("[data-action=zoom-out]").addEventListener("click", () => zoom(2));
    root.querySelector("[data-action=left]").addEventListener("click", () => pan(-0.5));
    root.querySelector("[data-action=right]").addEventListener("click", () => pan(0.5));
    root.querySelector("[data-action=reset]").addEventListener("click", () => setWindow(0, duration));
    root.querySelector("[data-action=activated]").addEventListener("change", e => { state.activated = e.target.checked; load(); });

    for (const panel of panels) {
      const c = panel.canvas;
      c.addEventListener("mousemove", e => { state.cursor = tOf(e.offsetX, c.clientWidth); draw(); });
      c.addEventListener("mouseleave", () => { state.cursor = null; draw(); });
      c.addEventListener("wheel", e => { e.preventDefault(); zoom(e.deltaY < 0 ? 0.7 : 1 / 0.7, tOf(e.offsetX, c.clientWidth)); }, { passive: false });
      let dragStart = null;
      c.addEventListener("mousedown", e => { dragStart = { px: e.offsetX, from: state.from, to: state.to }; });
      window.addEventListener("mouseup", () => { dragStart = null; });
      c.addEventListener("mousemove", e => {
        if (!dragStart || !(e.buttons & 1)) return;
        const dt = (e.offsetX - dragStart.px) / (c.clientWidth - left - right) * (dragStart.to - dragStart.from);
        if (Math.abs(e.offsetX - dragStart.px) > 3) setWindow(dragStart.from - dt, dragStart.to - dt);
      });
    }
    root.addEventListener("keydown", e => {
      if (!(e.target instanceof HTMLCanvasElement)) return;
      const keys = { "+": () => zoom(0.5), "=": () => zoom(0.5), "-": () => zoom(2), ArrowLeft: () => pan(-0.25), ArrowRight: () => pan(0.25), Home: () => setWindow(0, duration) };
      if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
    });

    let brush = null;
    overview.addEventListener("mousedown", e => { brush = overview._toTime(e.offsetX); });
    overview.addEventListener("mouseup", e => {
      if (brush == null) return;
      const end = overview._toTime(e.offsetX);
      if (Math.abs(end - brush) < 0.02 * duration) { const span = state.to - state.from; setWindow(end - span / 2, end + span / 2); }
      else setWindow(Math.min(brush, end), Math.max(brush, end));
      brush = null;
    });

    document.querySelectorAll("[data-zoom-from]").forEach(button => button.addEventListener("click", () => {
      const from = Number(button.dataset.zoomFrom), to = Number(button.dataset.zoomTo);
      const margin = Math.max(0.2, (to - from) * 0.5);
      setWindow(from - margin, to + margin);
      root.scrollIntoView({ behavior: "instant", block: "start" });
    }));
    window.addEventListener("resize", () => { drawOverview(); load(); });

    setWindow(0, duration);
    loadOverview().catch(e => { root.dataset.error = String(e.message || e); });
    window.emgsSignalView = { setWindow, state };
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

  document.addEventListener("DOMContentLoaded", () => {
    const view = document.getElementById("signal-view");
    if (view) signalView(view);
    liveStatus();
    actions();
  });
})();
