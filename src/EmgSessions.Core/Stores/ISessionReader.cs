namespace EmgSessions.Core.Stores;

/// <summary>
/// Reads of sessions with their technical data (the API, the CLI, the worker).
/// </summary>
public interface ISessionReader
{
    Task<SessionRecord?> GetSessionAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Ids of sessions whose id lies in <paramref name="prefix"/>'s range (ordered, at most <paramref name="limit"/>), so that
    /// a user can name a session by a unique prefix of its id.
    /// </summary>
    Task<IReadOnlyList<Guid>> FindSessionIdsAsync(SessionIdPrefix prefix, int limit, CancellationToken cancellationToken);

    Task<SessionRecord?> FindByPathAsync(string filePath, CancellationToken cancellationToken);

    Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken);
}
