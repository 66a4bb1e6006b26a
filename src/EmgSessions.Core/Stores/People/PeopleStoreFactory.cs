using EmgSessions.Core.Database;
using EmgSessions.Core.Stores.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EmgSessions.Core.Stores.People;

/// <summary>Builds the <see cref="IPeopleStore"/> for a <c>--database</c> spec (its tables come with the session store's migrations).</summary>
internal static class PeopleStoreFactory
{
    public static IPeopleStore Create(DatabaseOptions options, ILoggerFactory loggerFactory, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        PeopleDatabase database = options.Engine == DatabaseEngine.Sqlite
            ? new SqlitePeopleDatabase(new SqliteDatabase(options, loggerFactory.CreateLogger<PeopleStore>()))
            : new PostgresPeopleDatabase(NpgsqlDataSource.Create(options.ConnectionString), ownsDataSource: true);
        return new PeopleStore(database, clock);
    }
}
