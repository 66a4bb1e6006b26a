namespace EmgSessions.Web.Queries;

/// <summary>A target line of a trend chart: the patient's target for one side, from the patients table.</summary>
internal sealed record TrendTarget(string Label, double Value);
