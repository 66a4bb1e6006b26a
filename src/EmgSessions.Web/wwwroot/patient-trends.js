// EmgSessions dashboard: the Patient page's trend charts, drawn with uPlot (fetched from npm at build time, loaded
// by App.razor as the global `uPlot`). Each <div class="trend-plot" data-chart="…"> holds its chart's values as the
// page rendered them from the database (the patient's progress): session dates, one series per line (null where a
// session has no value), the patient's targets. Nothing is computed here but axis ticks.
"use strict";

(() => {
  const palette = { left: "#0b5cad", right: "#b35900", other: ["#2e7d32", "#8e44ad", "#0b2f66", "#a31515"] };

  function significant(v) {
    if (v === 0) return "0";
    const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(v))));
    return Number(v.toFixed(Math.min(digits, 12))).toString();
  }

  // Tick and legend text per unit: volts with an SI prefix, milliseconds, hertz, percent, counts, plain numbers.
  function formatter(unit) {
    switch (unit) {
      case "V": return v => {
        const a = Math.abs(v);
        return a === 0 ? "0 V" : a < 1e-3 ? significant(v * 1e6) + " µV" : a < 1 ? significant(v * 1e3) + " mV" : significant(v) + " V";
      };
      case "ms": return v => Math.abs(v) >= 1000 ? significant(v / 1000) + " s" : significant(v) + " ms";
      case "Hz": return v => significant(v) + " Hz";
      case "%": return v => significant(v) + " %";
      case "count": return v => Number.isInteger(v) ? String(v) : significant(v);
      default: return v => v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(2) : significant(v);
    }
  }

  function colourOf(name, index) {
    if (/_left$|^left_/.test(name)) return palette.left;
    if (/_right$|^right_/.test(name)) return palette.right;
    return palette.other[index % palette.other.length];
  }

  function draw(el) {
    const chart = JSON.parse(el.dataset.chart);
    const format = formatter(chart.unit);
    const x = chart.dates.map((_, i) => i + 1);
    const label = i => chart.dates[Math.round(i) - 1] || "";
    const series = [{ label: "Session", value: (u, i) => (i == null ? "—" : label(i)) }];
    chart.series.forEach((s, k) => series.push({
      label: s.label,
      stroke: colourOf(s.name, k),
      width: 2,
      dash: /^mdf_/.test(s.name) ? [6, 3] : undefined,
      spanGaps: true,
      points: { show: true, size: 7, fill: "#fff" },
      value: (u, v) => (v == null ? "—" : format(v)),
    }));
    chart.targets.forEach((t, k) => series.push({
      label: t.label,
      stroke: /left/i.test(t.label) ? palette.left : /right/i.test(t.label) ? palette.right : palette.other[k],
      width: 1.5,
      dash: [8, 5],
      points: { show: false },
      value: () => format(t.value),
    }));
    const data = [x, ...chart.series.map(s => s.values), ...chart.targets.map(t => x.map(() => t.value))];
    const percent = chart.unit === "%";
    const opts = {
      width: Math.max(280, el.clientWidth),
      height: 220,
      scales: {
        x: { time: false, range: (u, min, max) => [min - 0.5, max + 0.5] },
        y: {
          range: (u, min, max) => {
            if (percent) return [0, 100];
            if (min == null || max == null) return [0, 1];
            const low = Math.min(0, min), high = max === low ? low + 1 : max;
            return [low, high + (high - low) * 0.08];
          },
        },
      },
      axes: [
        {
          space: 90,
          incrs: [1, 2, 3, 5, 10, 20, 50, 100, 200, 500],
          values: (u, splits) => splits.map(i => (Number.isInteger(i) ? label(i) : "")),
          grid: { stroke: "#e3e7ee" },
        },
        { size: 72, values: (u, splits) => splits.map(format), grid: { stroke: "#e3e7ee" } },
      ],
      series,
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    };
    const plot = new uPlot(opts, data, el);
    const points = chart.series.reduce((n, s) => n + s.values.filter(v => v != null).length, 0);
    el.closest("figure").dataset.points = String(points);
    el.dataset.drawn = "true";
    return plot;
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (typeof uPlot === "undefined") {
      document.querySelectorAll(".trend-plot[data-chart]").forEach(el => {
        el.textContent = "The chart library did not load; the trend labels above still hold the figures.";
      });
      return;
    }
    const plots = [...document.querySelectorAll(".trend-plot[data-chart]")].map(el => ({ el, plot: draw(el) }));
    let pending = 0;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => plots.forEach(({ el, plot }) => plot.setSize({ width: Math.max(280, el.clientWidth), height: 220 })));
    });
    document.body.dataset.trendsReady = "true";
  });
})();
