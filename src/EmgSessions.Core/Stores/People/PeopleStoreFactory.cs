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
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new PeopleStore(OpenDatabase(options, loggerFactory.CreateLogger<PeopleStore>()), clock);
    }

    /// <summary>The engine adapter for <paramref name="options"/> (owned by the caller: dispose it).</summary>
    public static PeopleDatabase OpenDatabase(DatabaseOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Engine == DatabaseEngine.Sqlite
            ? new SqlitePeopleDatabase(new SqliteDatabase(options, logger))
            : new PostgresPeopleDatabase(NpgsqlDataSource.Create(options.ConnectionString), ownsDataSource: true);
    }
}
