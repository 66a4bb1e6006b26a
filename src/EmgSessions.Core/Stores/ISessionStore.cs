namespace EmgSessions.Core.Stores;

/// <summary>
/// Everything Phase 1, Phase 2, the queue, the analytics cache and the API need from the sessions
/// database. Two implementations: SQLite (embedded default) and PostgreSQL (production, scale-out).
/// JSON columns travel as JSON text so both engines behave alike. Every method is safe under
/// concurrency from several processes: uniqueness comes from constraints, never from check-then-insert.
/// It is the sum of the narrow interfaces, one per concern; new code asks for the narrow one it needs.
/// </summary>
public interface ISessionStore : ISessionRegistrar, IJobQueue, ISessionReader, IAnalyticsCacheStore, ICoordination, ISessionStream, IAsyncDisposable
{
    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    string Engine { get; }

    /// <summary>Applies pending migrations (idempotent; adopts a predecessor database).</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>True when the database answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
