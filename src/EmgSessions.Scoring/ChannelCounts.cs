namespace EmgSessions.Scoring;

/// <summary>
/// What scoring reads of one channel's analytics (scoring.md §1), whatever it was read from (the analysis records, or
/// stored analytics JSON in Core): the counts as stored (null when absent) and how many contractions carry each flag,
/// the last fallback of a null MVC or duration count.
/// </summary>
public sealed record ChannelCounts(
    int? ContractionCount,
    int? GoodContractionCount,
    int? MvcContractionCount,
    int? DurationContractionCount,
    int? ExpectedContractions,
    int FlaggedMvc,
    int FlaggedDuration);
