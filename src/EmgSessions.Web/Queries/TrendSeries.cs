using EmgSessions.Scoring;

namespace EmgSessions.Web.Queries;

/// <summary>
/// One line of a trend chart: the progress series <see cref="Name"/> (e.g. <c>overall_score</c>, <c>mpf_left</c>), one
/// value per completed session (null where that session has none) and its trend (null when the progress has none).
/// </summary>
internal sealed record TrendSeries(string Name, string Label, IReadOnlyList<double?> Values, TrendResult? Trend);
