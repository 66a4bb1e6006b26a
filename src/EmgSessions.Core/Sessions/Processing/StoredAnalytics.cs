using EmgSessions.Analysis;
using EmgSessions.Core.Analytics;

namespace EmgSessions.Core.Sessions.Processing;

/// <summary>
/// What Phase 2 stored in <c>analytics_cache</c> beyond the numbers, read back in one parse: whether there are
/// analytics at all, the hash of the file they were computed from, the recording's warnings and the channels left
/// out. Entries written before these were stored (or by the predecessor) simply have none. Never throws on
/// malformed JSON. Read through <see cref="AnalyticsDocument"/>, the one reader of that JSON.
/// </summary>
public sealed record StoredAnalytics(
    bool HasAnalytics, string? FileHash, IReadOnlyList<RecordingWarning> Warnings, IReadOnlyList<SkippedChannel> SkippedChannels)
{
    /// <summary>An empty or unreadable entry.</summary>
    public static StoredAnalytics None { get; } = new(false, null, [], []);

    /// <summary>Reads an <c>analytics_cache</c> value (JSON text; empty, <c>{}</c> or malformed give <see cref="None"/>).</summary>
    public static StoredAnalytics Read(string? cacheJson) => From(AnalyticsDocument.TryParse(cacheJson));

    /// <summary>The same, of a document already read (<see cref="AnalyticsDocument"/>); null gives <see cref="None"/>.</summary>
    internal static StoredAnalytics From(AnalyticsDocument? document)
    {
        if (document is null)
        {
            return None;
        }

        IReadOnlyList<RecordingWarning> warnings = [.. (document.Warnings ?? []).Where(w => w.FromObject).Select(w => new RecordingWarning(w.Code ?? "", w.Message ?? ""))];
        IReadOnlyList<SkippedChannel> skipped = [.. (document.SkippedChannels ?? []).Select(c => new SkippedChannel(c.Channel ?? "", c.Unit, c.Reason ?? ""))];
        return new StoredAnalytics(document.HasAnalytics, document.FileHash, warnings, skipped);
    }
}
