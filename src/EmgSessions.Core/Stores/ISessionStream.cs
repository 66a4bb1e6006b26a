using EmgSessions.Core.Exports.Cohort;

namespace EmgSessions.Core.Stores;

/// <summary>
/// Sessions read one at a time from an open reader, for exports that must not hold the whole list in memory.
/// </summary>
public interface ISessionStream
{
    /// <summary>
    /// Every session the sessions list's filters select (<see cref="SessionQuery.Status"/>, <see cref="SessionQuery.PatientId"/>,
    /// the session date range; its <c>Limit</c> and <c>Offset</c> are ignored: the stream has no pages), ordered by session
    /// date (undated last), then id, each with the patient, notes and scores the database holds for it.
    /// </summary>
    IAsyncEnumerable<CohortSession> StreamCohortAsync(SessionQuery filter, CancellationToken cancellationToken);
}
