using EmgSessions.Core.Stores;

namespace EmgSessions.Web.Queries;

/// <summary>The Patient page's data: the patient's sessions, oldest first, with their analytics (for the trend charts).</summary>
internal sealed class PatientPageQuery(ISessionStore sessions)
{
    public const int MaxSessions = 500;

    public async Task<IReadOnlyList<SessionListRow>> LoadAsync(string patientId, CancellationToken cancellationToken)
    {
        var page = await sessions.ListSessionsAsync(new SessionQuery(PatientId: patientId, Limit: MaxSessions), cancellationToken).ConfigureAwait(false);
        return [.. page.Items
            .OrderBy(s => s.SessionDate ?? s.CreatedAt)
            .Select(s => new SessionListRow(s, AnalyticsView.Parse(s.AnalyticsCacheJson)))];
    }
}
