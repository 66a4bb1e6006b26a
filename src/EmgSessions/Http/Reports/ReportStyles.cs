namespace EmgSessions.Http.Reports;

/// <summary>
/// The reports' one stylesheet, on screen and on paper: A4 with margins, charts scaled to the page width, tables and
/// charts never split across pages, nothing wider than the page (long values wrap), links printed without their URL.
/// </summary>
internal static class ReportStyles
{
    public const string Css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1f24; }
        h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #ccd; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .75rem 0; }
        .facts dt { font-weight: 600; }
        .facts dd { margin: 0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; font-size: .85rem; }
        th, td { border: 1px solid #ccd; padding: .2rem .35rem; text-align: right; }
        td { overflow-wrap: anywhere; }
        th:first-child, td:first-child { text-align: left; }
        thead { display: table-header-group; }
        tr, figure, .chart { break-inside: avoid; page-break-inside: avoid; }
        figure { margin: .5rem 0 1rem; }
        figcaption { font-size: .85rem; font-weight: 600; }
        svg { width: 100%; height: auto; display: block; }
        svg.signal { aspect-ratio: 1000 / 180; }
        svg.progress { aspect-ratio: 1000 / 220; }
        .envelope, .trend { fill: none; stroke: #1f5fa8; stroke-width: 1; }
        .trend { stroke-width: 2; }
        .contraction.good { fill: #2e8b57; fill-opacity: .22; }
        .contraction.weak { fill: #d08a00; fill-opacity: .22; }
        .mvc { stroke: #b22222; stroke-dasharray: 6 4; }
        .axis { font-size: 11px; fill: #555; }
        .axis-line { stroke: #888; }
        .muted { color: #666; font-size: .85rem; }
        .notes { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid #ccd; padding-left: .75rem; }
        .no-print { margin: 1rem 0; }
        @page { size: A4; margin: 15mm; }
        @media print {
          body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
          .no-print { display: none; }
          a { color: inherit; text-decoration: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
        }
        """;
}
