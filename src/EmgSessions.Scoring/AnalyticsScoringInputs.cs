using EmgSessions.Analysis;

namespace EmgSessions.Scoring;

/// <summary>
/// The EMG part of the scoring inputs from a session's analytics (scoring.md §1): for each side, the channel the
/// <see cref="SideMapping"/> names gives <c>contraction_count</c>, <c>mvc_contraction_count</c> and
/// <c>duration_contraction_count</c> (each falling back to <c>good_contraction_count</c> when null, then to the
/// contractions' own flags) and its <c>expected_contractions</c>. A side whose channel is absent or has no contraction
/// count (a failed channel) is null, so its scores are null rather than 0. Stored analytics JSON is read in Core
/// (<c>StoredScoringInputs</c>, over the one analytics reader) and comes here as <see cref="ChannelCounts"/>.
/// </summary>
public static class AnalyticsScoringInputs
{
    /// <summary>From the analysis result records.</summary>
    public static ScoringInputs FromChannels(IEnumerable<ChannelAnalysis> channels, SideMapping? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        mapping ??= SideMapping.Default;
        var byName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return FromCounts(Counts(byName.GetValueOrDefault(mapping.LeftChannel)), Counts(byName.GetValueOrDefault(mapping.RightChannel)));
    }

    /// <summary>From the counts of the left and the right channel (null: the channel is absent).</summary>
    public static ScoringInputs FromCounts(ChannelCounts? left, ChannelCounts? right) => new()
    {
        Left = left is null ? null : Side(left),
        Right = right is null ? null : Side(right),
        ExpectedLeft = left?.ExpectedContractions,
        ExpectedRight = right?.ExpectedContractions,
    };

    private static ChannelCounts? Counts(ChannelAnalysis? channel) =>
        channel is null
            ? null
            : new ChannelCounts(
                channel.ContractionCount, channel.GoodContractionCount, channel.MvcContractionCount, channel.DurationContractionCount,
                channel.ExpectedContractions, channel.Contractions.Count(c => c.MeetsMvc), channel.Contractions.Count(c => c.MeetsDuration));

    private static SideCounts? Side(ChannelCounts channel) =>
        channel.ContractionCount is null
            ? null
            : SideCounts.FromAnalytics(
                channel.ContractionCount,
                channel.MvcContractionCount ?? channel.GoodContractionCount ?? channel.FlaggedMvc,
                channel.DurationContractionCount ?? channel.GoodContractionCount ?? channel.FlaggedDuration,
                channel.GoodContractionCount);
}
