using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Stores;

public sealed class SqliteSessionStoreTests(SqliteTestDatabases databases) : SessionStoreTests(databases), IClassFixture<SqliteTestDatabases>
{
    [Fact]
    public async Task An_unreachable_file_is_reported_as_database_unavailable()
    {
        var blocker = Path.GetTempFileName();
        await using var store = SessionStoreFactory.Create($"sqlite:{blocker}/under-a-file/emgs.db", NullLoggerFactory.Instance);

        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => store.MigrateAsync(CancellationToken.None));
        Assert.False(await store.PingAsync(CancellationToken.None));
        File.Delete(blocker);
    }

    [Fact]
    public async Task A_locked_database_is_reported_as_database_unavailable_within_seconds_not_as_a_crash()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        await using var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        await store.MigrateAsync(CancellationToken.None);
        var path = DatabaseOptions.Parse(spec).SqlitePath!;
        using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Default Timeout=1");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var store2 = new SqliteSessionStore(DatabaseOptions.Parse(spec), NullLoggerFactory.Instance);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => store2.CountCacheHitAsync(Guid.NewGuid(), CancellationToken.None));

        // A regression guard, not a speed target: the store once waited about three minutes
        // (30 s command timeout × 6 retries) before saying so. Now it is three waits of about 5 s.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }

    protected override ISessionStore SessionStoreFactoryFor(ISessionStore store) =>
        new SqliteSessionStore(DatabaseOptions.ForSqliteFile(((SqliteSessionStore)store).Database.Path), NullLoggerFactory.Instance);
}
