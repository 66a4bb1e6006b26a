using EmgSessions.Core.Access;
using EmgSessions.Core.Stores;

namespace EmgSessions.Web.Queries;

/// <summary>The Sessions page's data: a filtered page of sessions with their analytics read for the table.</summary>
internal sealed class SessionListQuery(ISessionStore sessions)
{
    public const int PageSize = 25;

    /// <summary>The page as <paramref name="actor"/> may see it: a therapist lists only their patients' sessions.</summary>
    public async Task<SessionListPage> LoadAsync(Actor actor, SessionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (PageActor.Scoped(actor, query) is not { } scoped)
        {
            return new SessionListPage([], 0);
        }

        var page = await sessions.ListSessionsAsync(scoped, cancellationToken).ConfigureAwait(false);
        return new SessionListPage(
            [.. page.Items.Select(s => new SessionListRow(s, AnalyticsView.Parse(s.AnalyticsCacheJson)))],
            page.Total);
    }
}

/// <summary>One page of the session table.</summary>
internal sealed record SessionListPage(IReadOnlyList<SessionListRow> Rows, long Total);

/// <summary>A session and its analytics (null before Phase 2 or when none are stored).</summary>
internal sealed record SessionListRow(SessionRecord Session, AnalyticsView? Analytics);
