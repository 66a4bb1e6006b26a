namespace EmgSessions.Web.Queries;

/// <summary>One side's part of a score: its compliance (0–100), the three rates behind it (fractions) and the contractions expected.</summary>
internal sealed record ScoreSideView(double? Compliance, double? CompletionRate, double? IntensityRate, double? DurationRate, int? ExpectedContractions);
