namespace EmgSessions.Core.Stores;

/// <summary>
/// Reads of sessions with their technical data (the API, the CLI, the worker).
/// </summary>
public interface ISessionReader
{
    Task<SessionRecord?> GetSessionAsync(Guid sessionId, CancellationToken cancellationToken);

    Task<SessionRecord?> FindByPathAsync(string filePath, CancellationToken cancellationToken);

    Task<SessionPage> ListSessionsAsync(SessionQuery query, CancellationToken cancellationToken);
}
