// EmgSessions dashboard: the session page's signal view, drawn with uPlot (fetched from npm by the build, served as
// uplot.js; global `uPlot`). Per channel: the raw EMG as a min/max band (the samples themselves at the deepest zoom),
// the envelope, the activated channel on request, contraction spans shaded by flag with the duration target, the MVC
// threshold and a right axis in % MVC (in % of the threshold when the analytics hold no MVC value for the channel); left/right
// panels share cursor and window; an overview strip with a brush. Mouse, touch and pen: a drag selects the stretch to show,
// a tap on a contraction picks it. Every change of window fetches only that window from
// /api/sessions/{id}/signals/{channel} (dashboard.md §2).
"use strict";

(() => {
  const units = window.emgsUnits; // siVolts / seconds, from dashboard.js
  const colours = {
    band: "#6f9bd8", bandFill: "rgba(111, 155, 216, 0.55)", envelope: "#0b2f66", activated: "#8e44ad",
    threshold: "#b35900", picked: "#0b2f66", target: "#3b3f46", grid: "#e6e9ef", axis: "#39414d", window: "#0b2f66",
    good: "rgba(46, 160, 67, 0.16)", mvc: "rgba(214, 150, 0, 0.18)", duration: "rgba(120, 90, 200, 0.16)", neither: "rgba(140, 140, 140, 0.16)",
    goodMark: "rgba(46, 160, 67, 0.9)", mvcMark: "rgba(214, 150, 0, 0.9)", durationMark: "rgba(120, 90, 200, 0.9)", neitherMark: "rgba(120, 120, 120, 0.8)",
  };
  const font = "11px system-ui, sans-serif";
  const layout = { height: 210, overviewHeight: 64, yAxis: 74, pctAxis: 58, maxPoints: 2400, minPoints: 100, minSpan: 0.05, touchDrag: 8, touchSlop: 6 };

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

  /** The time of each point: a bucket is drawn at its middle, a sample at its instant. */
  function timesOf(w) {
    const x = new Float64Array(w.count), offset = w.isSamples ? 0 : 0.5;
    for (let i = 0; i < w.count; i++) x[i] = w.t0 + (i + offset) * w.dt;
    return x;
  }

  /** A smooth signal (envelope, activated) read at the raw window's times; linear between its points. */
  function readAt(w, x) {
    const out = new Float64Array(x.length), offset = w.isSamples ? 0 : 0.5, last = w.count - 1;
    for (let i = 0; i < x.length; i++) {
      const f = (x[i] - w.t0) / w.dt - offset, j = Math.floor(f);
      out[i] = j < 0 ? w.max[0] : j >= last ? w.max[last] : w.max[j] + (w.max[j + 1] - w.max[j]) * (f - j);
    }
    return out;
  }

  /** Symmetric volts range around zero that holds the data and the MVC threshold. */
  function voltsRange(lo, hi, mvc) {
    const extent = Math.max(Math.abs(lo ?? 0), Math.abs(hi ?? 0), mvc ?? 0) * 1.12;
    return extent > 0 && isFinite(extent) ? [-extent, extent] : [-1e-6, 1e-6];
  }

  function cssWidth(u) { return u.bbox.width / (window.devicePixelRatio || 1); }

  /** One point per pixel of the plot area (known from the layout, before uPlot has measured anything). */
  function pointsFor(host) {
    const plotWidth = Math.max(300, host.clientWidth) - layout.yAxis - layout.pctAxis;
    return Math.min(layout.maxPoints, Math.max(layout.minPoints, Math.round(plotWidth)));
  }

  function timeAxis(extra) {
    return Object.assign({
      stroke: colours.axis, font, space: 90, size: 30, gap: 4,
      grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1, size: 4 },
      values: (u, splits, axis, space, step) => splits.map(t => units.seconds(t, step)),
    }, extra);
  }

  // --- touch and pen on a chart (pointer events; the mouse stays with uPlot's own drag) ---------------------------
  /**
   * A finger or pen dragged sideways across the plot shows the selection as it goes and reports the dragged times to
   * `dragged(from, to)`; a tap reports its time and the time of `layout.touchSlop` pixels to `tapped(t, slop)`. A
   * vertical swipe scrolls the page (touch-action: pan-y) and the browser cancels the gesture.
   */
  function touchGestures(u, dragged, tapped) {
    const over = u.over;
    let gesture = null;
    const xOf = e => Math.min(over.clientWidth, Math.max(0, e.clientX - over.getBoundingClientRect().left));
    const clear = () => { gesture = null; u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false); };
    over.addEventListener("pointerdown", e => {
      if (e.pointerType === "mouse" || !e.isPrimary) return;
      e.preventDefault(); // no compatibility mouse events: uPlot's mouse drag and the overview's click stay out of it
      gesture = { id: e.pointerId, x: xOf(e), moved: false };
      over.setPointerCapture(e.pointerId);
    });
    over.addEventListener("pointermove", e => {
      if (gesture == null || e.pointerId !== gesture.id) return;
      const x = xOf(e);
      gesture.moved ||= Math.abs(x - gesture.x) >= layout.touchDrag;
      if (gesture.moved) u.setSelect({ left: Math.min(gesture.x, x), width: Math.abs(x - gesture.x), top: 0, height: over.clientHeight }, false);
    });
    over.addEventListener("pointerup", e => {
      if (gesture == null || e.pointerId !== gesture.id) return;
      const x = xOf(e), { x: x0, moved } = gesture;
      clear();
      if (moved) {
        const from = u.posToVal(Math.min(x0, x), "x"), to = u.posToVal(Math.max(x0, x), "x");
        if (to > from) dragged(from, to);
      } else {
        tapped(u.posToVal(x0, "x"), Math.abs(u.posToVal(x0 + layout.touchSlop, "x") - u.posToVal(x0, "x")));
      }
    });
    over.addEventListener("pointercancel", e => { if (gesture != null && e.pointerId === gesture.id) clear(); });
    // A sideways swipe the page does not scroll would otherwise be the browser's back/forward gesture.
    over.addEventListener("touchmove", e => { if (gesture != null && e.cancelable) e.preventDefault(); }, { passive: false });
  }

  // --- one channel's panel -----------------------------------------------------------------------------------
  function channelPanel(host, meta, view) {
    const mvc = meta.mvc != null && meta.mvc > 0 ? meta.mvc : null;
    // The right axis: % MVC when the analytics hold the channel's MVC value, else % of the threshold (said on the page).
    const mvcValue = mvc != null && meta.mvcValue != null && meta.mvcValue > 0 ? meta.mvcValue : null;
    const reference = mvcValue ?? mvc;
    const pctLabel = mvcValue != null ? "% MVC" : "% of threshold";
    const thresholdPct = mvcValue != null ? mvc / mvcValue * 100 : null;
    const panel = { host, meta, samples: false, count: 0, ticks: { time: [], volts: [], pct: [], pctAt: [] }, spans: [], pctLabel: mvc == null ? null : pctLabel };
    const readout = host.parentElement.querySelector("[data-readout]");

    function drawSpans(u) {
      const ctx = u.ctx, { left, top, width, height } = u.bbox;
      panel.spans = [];
      ctx.save();
      for (const c of meta.contractions) {
        if (c.to < view.state.from || c.from > view.state.to) continue;
        const x0 = Math.max(left, u.valToPos(c.from, "x", true)), x1 = Math.min(left + width, u.valToPos(c.to, "x", true));
        ctx.fillStyle = colours[c.flag] || colours.neither;
        ctx.fillRect(x0, top, Math.max(1, x1 - x0), height);
        panel.spans.push({ from: c.from, to: c.to, flag: c.flag });
      }
      const picked = view.state.picked;
      if (picked != null && picked.channel === meta.name) {
        const c = meta.contractions[picked.index], ratio = window.devicePixelRatio || 1;
        const x0 = u.valToPos(c.from, "x", true), x1 = u.valToPos(c.to, "x", true);
        ctx.strokeStyle = colours.picked; ctx.lineWidth = 2 * ratio;
        ctx.strokeRect(x0, top + ratio, Math.max(ratio, x1 - x0), height - 2 * ratio);
      }
      ctx.restore();
    }

    function drawMarks(u) {
      const ctx = u.ctx, { left, top, width, height } = u.bbox, ratio = window.devicePixelRatio || 1;
      ctx.save();
      ctx.beginPath(); ctx.rect(left, top, width, height); ctx.clip();
      ctx.font = `${11 * ratio}px system-ui, sans-serif`;
      // each span's flag as a strip along the top, and the duration target as a ruler from the span's start
      for (const c of meta.contractions) {
        if (c.to < view.state.from || c.from > view.state.to) continue;
        const x0 = u.valToPos(c.from, "x", true), x1 = u.valToPos(c.to, "x", true);
        ctx.fillStyle = colours[(c.flag || "neither") + "Mark"] || colours.neitherMark;
        ctx.fillRect(x0, top, Math.max(ratio, x1 - x0), 4 * ratio);
        if (meta.durationMs != null) {
          const xt = u.valToPos(c.from + meta.durationMs / 1000, "x", true), y = top + 9 * ratio;
          ctx.strokeStyle = colours.target; ctx.lineWidth = 1.5 * ratio;
          ctx.beginPath(); ctx.moveTo(x0, y); ctx.lineTo(xt, y); ctx.moveTo(xt, y - 3 * ratio); ctx.lineTo(xt, y + 3 * ratio); ctx.stroke();
        }
      }
      if (mvc != null) {
        const y = Math.round(u.valToPos(mvc, "y", true)) + 0.5;
        ctx.strokeStyle = colours.threshold; ctx.lineWidth = 1.4 * ratio; ctx.setLineDash([6 * ratio, 4 * ratio]);
        ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + width, y); ctx.stroke(); ctx.setLineDash([]);
        const text = thresholdPct != null ? `MVC threshold (${Math.round(thresholdPct).toLocaleString("en-GB")} % MVC)` : "MVC threshold", tw = ctx.measureText(text).width, tx = left + width - tw - 8 * ratio, ty = y - 16 * ratio;
        ctx.fillStyle = "rgba(255, 255, 255, 0.85)"; ctx.fillRect(tx - 3 * ratio, ty, tw + 6 * ratio, 14 * ratio);
        ctx.fillStyle = colours.threshold; ctx.textAlign = "left"; ctx.textBaseline = "top";
        ctx.fillText(text, tx, ty + 1.5 * ratio);
      }
      ctx.restore();
    }

    function showReadout(u) {
      const i = u.cursor.idx;
      if (i == null || panel.count === 0) { readout.textContent = ""; return; }
      const [x, lo, hi, envelope, activated] = u.data;
      const step = Math.abs(hi[i] - lo[i]) || Math.abs(hi[i]) || 1e-6;
      const parts = [units.seconds(x[i], view.state.to - view.state.from < 2 ? 0.001 : 0.01)];
      parts.push(panel.samples ? "raw " + units.siVolts(lo[i], Math.abs(lo[i]) / 100 || 1e-6)
        : "raw " + units.siVolts(lo[i], step / 10) + " … " + units.siVolts(hi[i], step / 10));
      if (envelope[i] != null) parts.push("envelope " + units.siVolts(envelope[i], Math.abs(envelope[i]) / 100 || 1e-6) + (mvcValue != null ? ` (${(envelope[i] / mvcValue * 100).toFixed(0)} % MVC)` : mvc != null ? ` (${(envelope[i] / mvc * 100).toFixed(0)} % of the MVC threshold)` : ""));
      if (u.series[4].show && activated[i] != null) parts.push("activated " + units.siVolts(activated[i], Math.abs(activated[i]) / 100 || 1e-6));
      readout.textContent = parts.join(" · ");
    }

    const plot = new uPlot({
      width: Math.max(300, host.clientWidth), height: layout.height,
      padding: [10, mvc == null ? layout.pctAxis : 0, 0, 0],
      legend: { show: false },
      cursor: {
        sync: { key: view.syncKey, setSeries: false }, y: false, points: { show: false },
        drag: { x: true, y: false, setScale: false, dist: 5 }, bind: { dblclick: () => null },
      },
      scales: {
        x: { time: false, range: () => [view.state.from, view.state.to] },
        y: { range: (u, lo, hi) => voltsRange(lo, hi, mvc) },
        pct: { from: "y", range: (u, lo, hi) => (reference == null ? [0, 1] : [lo / reference * 100, hi / reference * 100]) },
      },
      series: [
        {},
        { label: "raw min", stroke: colours.band, width: 1, points: { show: (u, s, i0, i1) => panel.samples && (i1 - i0) * 6 < cssWidth(u), size: 5, fill: colours.band, stroke: colours.band } },
        { label: "raw max", stroke: colours.band, width: 1, points: { show: false } },
        { label: "envelope", stroke: colours.envelope, width: 1.8, points: { show: false } },
        { label: "activated", stroke: colours.activated, width: 1.5, show: false, points: { show: false } },
      ],
      bands: [{ series: [2, 1], fill: colours.bandFill }],
      axes: [
        timeAxis({ values: (u, splits, axis, space, step) => (panel.ticks.time = splits.map(t => units.seconds(t, step))) }),
        {
          stroke: colours.axis, font, size: layout.yAxis, space: 36, gap: 4,
          grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1, size: 4 },
          values: (u, splits, axis, space, step) => (panel.ticks.volts = splits.map(v => units.siVolts(v, step))),
        },
        {
          scale: "pct", side: 1, show: mvc != null, stroke: colours.threshold, font, size: layout.pctAxis, space: 36, gap: 4,
          grid: { show: false }, ticks: { stroke: colours.grid, width: 1, size: 4 }, label: pctLabel, labelSize: 14, labelFont: font,
          values: (u, splits) => {
            panel.ticks.pct = splits.map(p => Math.round(p).toLocaleString("en-GB") + " %");
            // where each % tick sits on the volts scale (for tests and the curious: tick / 100 × reference)
            panel.ticks.pctAt = splits.map(p => u.posToVal(u.valToPos(p, "pct"), "y"));
            return panel.ticks.pct;
          },
        },
      ],
      hooks: { drawClear: [drawSpans], draw: [drawMarks], setCursor: [showReadout], setSelect: [u => view.selected(u)] },
    }, [[], [], [], [], []], host);

    const canvas = plot.ctx.canvas;
    canvas.classList.add("signal");
    canvas.dataset.channel = meta.name;
    panel.plot = plot;

    /** Draws a fetched window now (not on the next microtask), so that what the page reports is what is shown. */
    panel.show = (raw, envelope, activated) => {
      const x = timesOf(raw), none = new Array(raw.count).fill(null);
      panel.samples = raw.isSamples; panel.count = raw.count;
      plot.batch(() => {
        plot.setData([x, raw.min, raw.max, envelope ? readAt(envelope, x) : none, activated ? readAt(activated, x) : none], true);
        if (plot.series[4].show !== Boolean(activated)) plot.setSeries(4, { show: Boolean(activated) });
      });
      canvas.dataset.drawn = String(raw.count);
      canvas.dataset.samples = String(raw.isSamples);
    };
    panel.points = () => pointsFor(host);
    touchGestures(plot, (from, to) => view.zoomTo(from, to), (t, slop) => view.tapped(panel, t, slop));
    return panel;
  }

  // --- the overview strip with its brush ---------------------------------------------------------------------
  function overviewStrip(host, view) {
    const strip = { data: null };
    function drawWindow(u) {
      const ctx = u.ctx, { left, top, width, height } = u.bbox, ratio = window.devicePixelRatio || 1;
      const x0 = u.valToPos(view.state.from, "x", true), x1 = Math.max(x0 + 2 * ratio, u.valToPos(view.state.to, "x", true));
      ctx.save();
      ctx.fillStyle = "rgba(246, 248, 251, 0.72)";
      ctx.fillRect(left, top, x0 - left, height); ctx.fillRect(x1, top, left + width - x1, height);
      ctx.strokeStyle = colours.window; ctx.lineWidth = 1.5 * ratio;
      ctx.strokeRect(x0, top + ratio, x1 - x0, height - 2 * ratio);
      ctx.restore();
    }
    const plot = new uPlot({
      width: Math.max(300, host.clientWidth), height: layout.overviewHeight,
      padding: [4, layout.pctAxis, 0, layout.yAxis],
      legend: { show: false },
      cursor: { y: false, points: { show: false }, drag: { x: true, y: false, setScale: false, dist: 4 }, bind: { dblclick: () => null } },
      scales: { x: { time: false, range: () => [0, view.duration] }, y: { range: (u, lo, hi) => voltsRange(lo, hi, null) } },
      series: [{}, { stroke: colours.band, width: 1, points: { show: false } }, { stroke: colours.band, width: 1, points: { show: false } }],
      bands: [{ series: [2, 1], fill: colours.bandFill }],
      axes: [timeAxis({ size: 22, space: 70, grid: { show: false } }), { show: false }],
      hooks: { draw: [drawWindow], setSelect: [u => view.brushed(u)] },
    }, [[], [], []], host);
    plot.ctx.canvas.classList.add("overview");
    touchGestures(plot, (from, to) => view.zoomTo(from, to), t => view.centre(t));
    strip.plot = plot;
    strip.show = w => { strip.data = w; plot.batch(() => plot.setData([timesOf(w), w.min, w.max], true)); plot.ctx.canvas.dataset.drawn = String(w.count); };
    strip.redraw = () => plot.redraw(false, false);
    return strip;
  }

  // --- the view --------------------------------------------------------------------------------------------
  function signalView(root) {
    const view = {
      session: root.dataset.session, duration: Number(root.dataset.duration), syncKey: "emg-" + root.dataset.session,
      state: { from: 0, to: Number(root.dataset.duration), activated: false, fetches: 0, request: 0 },
    };
    const { state, duration } = view;
    const channels = JSON.parse(root.dataset.channels);
    const label = root.querySelector("[data-window-label]");
    const panels = [...root.querySelectorAll("[data-plot=channel]")].map(host => channelPanel(host, channels.find(c => c.name === host.dataset.channel), view));
    const overview = overviewStrip(root.querySelector("[data-plot=overview]"), view);

    function clampWindow(from, to) {
      const span = Math.min(duration, Math.max(layout.minSpan, to - from));
      from = Math.max(0, Math.min(from, duration - span));
      return [from, from + span];
    }

    function setWindow(from, to) {
      [state.from, state.to] = clampWindow(from, to);
      root.dataset.from = state.from.toFixed(3);
      root.dataset.to = state.to.toFixed(3);
      label.textContent = `Showing ${state.from.toFixed(2)} s – ${state.to.toFixed(2)} s of ${duration.toFixed(1)} s`
        + (label.dataset.picked ? ` · picked: ${label.dataset.picked}` : "");
      overview.redraw();
      return load();
    }

    async function load() {
      const request = ++state.request;
      const started = performance.now();
      const jobs = panels.map(async panel => {
        const kinds = ["raw", "envelope"].concat(state.activated ? ["activated"] : []);
        const [raw, envelope, activated] = await Promise.all(kinds.map(k =>
          fetchWindow(view.session, panel.meta.name, k, state.from, state.to, panel.points()).catch(e => (k === "raw" ? Promise.reject(e) : null))));
        state.fetches += kinds.length;
        return { panel, raw, envelope, activated: activated || null };
      });
      try {
        const results = await Promise.all(jobs);
        if (request !== state.request) return;
        for (const r of results) r.panel.show(r.raw, r.envelope, r.activated);
        root.dataset.fetches = String(state.fetches);
        root.dataset.lastZoomMs = (performance.now() - started).toFixed(1);
        root.dataset.ready = "true";
        delete root.dataset.error;
      } catch (e) {
        root.dataset.error = String(e.message || e);
        label.textContent = "The signal could not be loaded: " + (e.message || e) + " Reload the page to try again.";
      }
    }

    function zoom(factor, centre) {
      const span = (state.to - state.from) * factor;
      const c = centre ?? (state.from + state.to) / 2;
      const ratio = (c - state.from) / (state.to - state.from);
      return setWindow(c - span * ratio, c - span * ratio + span);
    }
    function pan(fraction) { const span = state.to - state.from; return setWindow(state.from + span * fraction, state.to + span * fraction); }

    // A drag across a channel selects the window to show (synced panels report the same selection: act once).
    view.selected = u => {
      const { left, width } = u.select;
      if (width <= 0) return;
      const from = u.posToVal(left, "x"), to = u.posToVal(left + width, "x");
      for (const p of panels) p.plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      if (Math.abs(from - state.from) < 1e-9 && Math.abs(to - state.to) < 1e-9) return;
      setWindow(from, to);
    };
    // A drag on the overview is the brush: the window becomes what it covers.
    view.brushed = u => {
      const { left, width } = u.select;
      u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      if (width > 0) setWindow(u.posToVal(left, "x"), u.posToVal(left + width, "x"));
    };
    // A touch drag across a channel or the overview: the window becomes what it covers.
    view.zoomTo = (from, to) => setWindow(from, to);
    // A click (or tap) on the overview centres the window there, keeping its length.
    view.centre = t => { const span = state.to - state.from; return setWindow(t - span / 2, t + span / 2); };
    let pressed = null;
    overview.plot.over.addEventListener("mousedown", e => { pressed = e.offsetX; });
    overview.plot.over.addEventListener("mouseup", e => {
      if (pressed != null && Math.abs(e.offsetX - pressed) < 4) view.centre(overview.plot.posToVal(e.offsetX, "x"));
      pressed = null;
    });
    // A tap on a contraction picks it: outlined, zoomed to as from the contraction table, named in the readout.
    view.tapped = (panel, t, slop) => {
      const list = panel.meta.contractions;
      let index = list.findIndex(c => t >= c.from && t <= c.to);
      if (index < 0) index = list.findIndex(c => t >= c.from - slop && t <= c.to + slop);
      if (index < 0) return;
      const c = list[index];
      state.picked = { channel: panel.meta.name, index };
      root.dataset.picked = `${panel.meta.name}:${index + 1}`;
      const flags = { good: "good", mvc: "MVC only", duration: "duration only", neither: "neither" };
      label.dataset.picked = `${panel.meta.name} contraction ${index + 1}: ${c.from.toFixed(2)} s – ${c.to.toFixed(2)} s (${flags[c.flag] || "neither"})`;
      const margin = Math.max(0.2, (c.to - c.from) * 0.5);
      return setWindow(c.from - margin, c.to + margin);
    };

    for (const panel of panels) {
      panel.plot.over.addEventListener("wheel", e => {
        e.preventDefault();
        zoom(e.deltaY < 0 ? 0.7 : 1 / 0.7, panel.plot.posToVal(e.offsetX, "x"));
      }, { passive: false });
    }

    root.querySelector("[data-action=zoom-in]").addEventListener("click", () => zoom(0.5));
    root.querySelector("[data-action=zoom-out]").addEventListener("click", () => zoom(2));
    root.querySelector("[data-action=left]").addEventListener("click", () => pan(-0.5));
    root.querySelector("[data-action=right]").addEventListener("click", () => pan(0.5));
    root.querySelector("[data-action=reset]").addEventListener("click", () => setWindow(0, duration));
    root.querySelector("[data-action=activated]").addEventListener("change", e => { state.activated = e.target.checked; load(); });
    root.addEventListener("keydown", e => {
      if (!(e.target instanceof HTMLElement) || !e.target.matches("[data-plot]")) return;
      const keys = {
        "+": () => zoom(0.5), "=": () => zoom(0.5), "-": () => zoom(2), "_": () => zoom(2),
        ArrowLeft: () => pan(-0.25), ArrowRight: () => pan(0.25), Home: () => setWindow(0, duration),
      };
      if (keys[e.key] && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); keys[e.key](); }
    });

    document.querySelectorAll("[data-zoom-from]").forEach(button => button.addEventListener("click", () => {
      const from = Number(button.dataset.zoomFrom), to = Number(button.dataset.zoomTo);
      const margin = Math.max(0.2, (to - from) * 0.5);
      setWindow(from - margin, to + margin);
      root.scrollIntoView({ behavior: "instant", block: "start" });
    }));

    let resizing = 0;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(resizing);
      resizing = requestAnimationFrame(() => {
        for (const p of panels) p.plot.setSize({ width: Math.max(300, p.host.clientWidth), height: layout.height });
        overview.plot.setSize({ width: Math.max(300, overview.plot.root.parentElement.clientWidth), height: layout.overviewHeight });
        load();
      });
    });

    setWindow(0, duration);
    fetchWindow(view.session, panels[0].meta.name, "raw", 0, duration, pointsFor(overview.plot.root.parentElement))
      .then(w => { state.fetches++; overview.show(w); })
      .catch(e => { root.dataset.error = String(e.message || e); });

    window.emgsSignalView = {
      setWindow, state,
      /** What each channel shows (for tests and the curious): tick labels, spans drawn, point count. */
      describe: () => panels.map(p => ({
        channel: p.meta.name, drawn: p.count, samples: p.samples, ticks: p.ticks, spans: p.spans, cursor: p.plot.cursor.left, pctLabel: p.pctLabel,
        scale: [p.plot.scales.x.min, p.plot.scales.x.max], series: p.plot.series.slice(1).map(s => ({ label: s.label, show: s.show })),
        bands: p.plot.bands.map(b => b.series),
      })),
    };
  }

  document.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("signal-view");
    if (!root) return;
    if (typeof uPlot === "undefined" || !units) {
      root.dataset.error = "chart library missing";
      root.querySelector("[data-window-label]").textContent = "The chart could not start: its script did not load. Reload the page.";
      return;
    }
    signalView(root);
  });
})();
