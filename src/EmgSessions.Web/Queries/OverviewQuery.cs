using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Patients;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Stores;

namespace EmgSessions.Web.Queries;

/// <summary>
/// The Overview (therapist home): the actor's patients with adherence, trend and alerts (<see cref="PatientQueries"/>)
/// and the newest sessions (<see cref="SessionQueries"/>), both scoped to the actor and pseudonymised for researchers.
/// </summary>
internal sealed class OverviewQuery(PatientQueries patients, SessionQueries sessions)
{
    /// <summary>How many recent sessions the Overview lists.</summary>
    public const int RecentSessions = 10;

    public async Task<OverviewData> LoadAsync(Actor actor, CancellationToken cancellationToken)
    {
        var list = await patients.ListAsync(actor, cancellationToken).ConfigureAwait(false);
        var recent = await sessions.ListAsync(actor, new SessionQuery(Limit: RecentSessions), cancellationToken).ConfigureAwait(false);
        return new OverviewData(list, recent);
    }
}
