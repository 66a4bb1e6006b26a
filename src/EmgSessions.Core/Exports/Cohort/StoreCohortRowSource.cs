using System.Runtime.CompilerServices;
using System.Text.Json;
using EmgSessions.Core.Exports.Json;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Exports.Cohort;

/// <summary>
/// The cohort rows of a database: sessions streamed from <see cref="ISessionStream"/> with the sessions list's filters,
/// each cut into one row per analysed channel (the analytics JSON's order) as it arrives, so no more than one session is
/// held at a time. A session with no analytics yet (pending, failed) gives no row. For a pseudonymised export the rows
/// carry no name and no note text (the date of birth stays only to compute the age; the pseudonymised table has no
/// column for it).
/// </summary>
internal sealed class StoreCohortRowSource(ISessionStream sessions, SessionQuery filter, bool pseudonymise) : ICohortRowSource
{
    public async IAsyncEnumerable<CohortRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in sessions.StreamCohortAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            var session = item.Session;
            IReadOnlyList<ChannelMetrics> channels;
            try
            {
                channels = AnalyticsJsonReader.ReadChannels(session.AnalyticsCacheJson);
            }
            catch (JsonException)
            {
                // An unreadable entry has no metrics to export, like a session not analysed yet.
                continue;
            }

            var name = pseudonymise ? null : NameOf(item.FirstName, item.LastName);
            var notes = pseudonymise ? null : item.Notes;
            foreach (var channel in channels)
            {
                yield return new CohortRow(
                    session.Id, session.PatientId, name, item.DateOfBirth, session.SessionDate, GameLevel(session.GameMetadataJson), notes, channel, item.Scores);
            }
        }
    }

    private static string? NameOf(string? first, string? last)
    {
        var name = string.Join(' ', new[] { first, last }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return name.Length == 0 ? null : name;
    }

    /// <summary>The game level of <c>game_metadata</c> (the C3D file's <c>level</c>, as Phase 1 or the scores work stores it).</summary>
    private static string? GameLevel(string gameMetadataJson)
    {
        if (string.IsNullOrWhiteSpace(gameMetadataJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(gameMetadataJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var key in (string[])["level", "game_level"])
            {
                if (document.RootElement.TryGetProperty(key, out var value))
                {
                    return value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString(),
                        JsonValueKind.Number => value.GetRawText(),
                        _ => null,
                    };
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
