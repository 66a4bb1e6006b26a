namespace EmgSessions.Web.Queries;

/// <summary>
/// One trend chart of the Patient page: its series over the completed sessions (<see cref="TrendCharts"/>), the unit of
/// its values (<c>%</c>, <c>count</c>, <c>V</c>, <c>ms</c>, <c>Hz</c> or empty), the patient's target lines and, when
/// a target could apply but none is set, why none is drawn.
/// </summary>
internal sealed record TrendChart(
    string Id,
    string Title,
    string Unit,
    IReadOnlyList<TrendSeries> Series,
    IReadOnlyList<TrendTarget> Targets,
    string? TargetNote)
{
    /// <summary>How many values the chart plots (targets aside).</summary>
    public int PointCount => Series.Sum(s => s.Values.Count(v => v is not null));
}
