using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores.Postgres;
using EmgSessions.Core.Stores.Sqlite;

namespace EmgSessions.Core.Stores.Scores;

/// <summary>The scoring store on the database of a session store.</summary>
internal static class ScoringStoreFactory
{
    public static IScoringStore For(ISessionStore store, TimeProvider? timeProvider = null) => store switch
    {
        SqliteSessionStore sqlite => new SqliteScoringStore(sqlite.Database, timeProvider),
        PostgresSessionStore postgres => new PostgresScoringStore(postgres.DataSource, timeProvider),
        _ => throw new ArgumentException($"No scoring store for a {store?.GetType().Name} session store.", nameof(store)),
    };
}
