namespace EmgSessions.Core.Stores;

/// <summary>
/// Phase 1 and the session rows' writes: registration of an upload (system.md §3.4), the reconciler's
/// question, Phase 2's technical data and deletes.
/// </summary>
public interface ISessionRegistrar
{
    /// <summary>
    /// Writes the session for an uploaded object and its job in one transaction, covering the four
    /// cases of system.md §3.4 (new; duplicate delivery; same content under another path; overwrite).
    /// </summary>
    Task<SessionRegistration> RegisterUploadAsync(NewSession session, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="filePaths"/>, the ones that have no session (for the reconciler).</summary>
    Task<IReadOnlyList<string>> FindUnknownPathsAsync(IReadOnlyCollection<string> filePaths, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the technical data of a session (its own transaction).</summary>
    Task UpsertTechnicalDataAsync(TechnicalData data, CancellationToken cancellationToken);

    /// <summary>Deletes a session; technical data and the job cascade. False when it did not exist.</summary>
    Task<bool> DeleteSessionAsync(Guid sessionId, CancellationToken cancellationToken);
}
