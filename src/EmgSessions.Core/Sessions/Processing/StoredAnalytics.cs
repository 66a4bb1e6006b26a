using System.Text.Json;
using EmgSessions.Analysis;

namespace EmgSessions.Core.Sessions.Processing;

/// <summary>
/// What Phase 2 stored in <c>analytics_cache</c> beyond the numbers, read back in one parse: whether there are
/// analytics at all, the hash of the file they were computed from, the recording's warnings and the channels left
/// out. Entries written before these were stored (or by the predecessor) simply have none. Never throws on
/// malformed JSON.
/// </summary>
public sealed record StoredAnalytics(
    bool HasAnalytics, string? FileHash, IReadOnlyList<RecordingWarning> Warnings, IReadOnlyList<SkippedChannel> SkippedChannels)
{
    /// <summary>An empty or unreadable entry.</summary>
    public static StoredAnalytics None { get; } = new(false, null, [], []);

    /// <summary>Reads an <c>analytics_cache</c> value (JSON text; empty, <c>{}</c> or malformed give <see cref="None"/>).</summary>
    public static StoredAnalytics Read(string? cacheJson)
    {
        if (string.IsNullOrWhiteSpace(cacheJson))
        {
            return None;
        }

        try
        {
            using var document = JsonDocument.Parse(cacheJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return None;
            }

            var hasAnalytics = root.TryGetProperty("analytics", out var analytics) && analytics.ValueKind == JsonValueKind.Object;
            IReadOnlyList<RecordingWarning> warnings = root.TryGetProperty("warnings", out var w) && w.ValueKind == JsonValueKind.Array
                ? [.. w.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => new RecordingWarning(Text(e, "code") ?? "", Text(e, "message") ?? ""))]
                : [];
            IReadOnlyList<SkippedChannel> skipped = root.TryGetProperty("skipped_channels", out var s) && s.ValueKind == JsonValueKind.Array
                ? [.. s.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => new SkippedChannel(Text(e, "channel") ?? "", Text(e, "unit"), Text(e, "reason") ?? ""))]
                : [];
            return new StoredAnalytics(hasAnalytics, Text(root, "file_hash"), warnings, skipped);
        }
        catch (JsonException)
        {
            return None;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
