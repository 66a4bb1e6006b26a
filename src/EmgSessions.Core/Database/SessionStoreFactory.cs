using EmgSessions.Core.Migrations;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Postgres;
using EmgSessions.Core.Stores.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EmgSessions.Core.Database;

/// <summary>Builds the <see cref="ISessionStore"/> (and the migration runner) for a <c>--database</c> spec.</summary>
public static class SessionStoreFactory
{
    /// <exception cref="FormatException">The spec is of no known form.</exception>
    public static ISessionStore Create(string? spec, ILoggerFactory loggerFactory) => Create(DatabaseOptions.Parse(spec), loggerFactory);

    public static ISessionStore Create(DatabaseOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Engine == DatabaseEngine.Sqlite
            ? new SqliteSessionStore(options, loggerFactory)
            : new PostgresSessionStore(options, loggerFactory);
    }

    /// <summary>A runner for <c>emgs migrate</c>; dispose it when done.</summary>
    public static MigrationRunner CreateMigrationRunner(string? spec, ILoggerFactory loggerFactory) =>
        CreateMigrationRunner(DatabaseOptions.Parse(spec), loggerFactory);

    /// <summary>A runner for <c>emgs migrate</c>; dispose it when done.</summary>
    public static MigrationRunner CreateMigrationRunner(DatabaseOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<MigrationRunner>();
        return options.Engine == DatabaseEngine.Sqlite
            ? new SqliteMigrationRunner(new SqliteDatabase(options, logger), logger)
            : new PostgresMigrationRunner(NpgsqlDataSource.Create(options.ConnectionString), logger, ownsDataSource: true);
    }
}
