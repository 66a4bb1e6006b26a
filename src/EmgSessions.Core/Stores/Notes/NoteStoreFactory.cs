using EmgSessions.Core.Stores.Postgres;
using EmgSessions.Core.Stores.Sqlite;

namespace EmgSessions.Core.Stores.Notes;

/// <summary>The notes store on the database of a session store.</summary>
internal static class NoteStoreFactory
{
    public static NoteStore For(ISessionStore store) => store switch
    {
        SqliteSessionStore sqlite => new SqliteNoteStore(sqlite.Database),
        PostgresSessionStore postgres => new PostgresNoteStore(postgres.DataSource),
        _ => throw new ArgumentException($"No notes store for a {store?.GetType().Name} session store.", nameof(store)),
    };
}
