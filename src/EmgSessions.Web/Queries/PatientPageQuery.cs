using EmgSessions.Core.Access;
using EmgSessions.Core.Stores;

namespace EmgSessions.Web.Queries;

/// <summary>The Patient page's data: the patient's sessions, oldest first, with their analytics (for the trend charts).</summary>
internal sealed class PatientPageQuery(ISessionStore sessions)
{
    public const int MaxSessions = 500;

    /// <summary>The patient's sessions <paramref name="actor"/> may see (none of another therapist's patient).</summary>
    public async Task<IReadOnlyList<SessionListRow>> LoadAsync(Actor actor, string patientId, CancellationToken cancellationToken)
    {
        if (PageActor.Scoped(actor, new SessionQuery(PatientId: patientId, Limit: MaxSessions)) is not { } query)
        {
            return [];
        }

        var page = await sessions.ListSessionsAsync(query, cancellationToken).ConfigureAwait(false);
        return [.. page.Items
            .OrderBy(s => s.SessionDate ?? s.CreatedAt)
            .Select(s => new SessionListRow(s, AnalyticsView.Parse(s.AnalyticsCacheJson)))];
    }
}
