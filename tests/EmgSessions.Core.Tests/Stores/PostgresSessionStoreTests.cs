using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EmgSessions.Core.Tests.Stores;

public sealed class PostgresSessionStoreTests(PostgresTestDatabases databases) : SessionStoreTests(databases), IClassFixture<PostgresTestDatabases>
{
    [Fact]
    public async Task A_dead_server_is_reported_as_database_unavailable()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        await using var store = SessionStoreFactory.Create("Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=3", NullLoggerFactory.Instance);

        Assert.False(await store.PingAsync(CancellationToken.None));
        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => store.ClaimJobAsync("w1", TimeSpan.FromMinutes(1), CancellationToken.None));
        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => store.RegisterUploadAsync(Upload("P1/a.c3d", "a"), CancellationToken.None));
        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => store.MigrateAsync(CancellationToken.None));
        await Assert.ThrowsAsync<DatabaseUnavailableException>(async () =>
        {
            await foreach (var _ in store.StreamCohortAsync(new SessionQuery(), CancellationToken.None))
            {
            }
        });
    }

    protected override ISessionStore SessionStoreFactoryFor(ISessionStore store) =>
        SessionStoreFactory.Create(((PostgresSessionStore)store).DataSource.ConnectionString, NullLoggerFactory.Instance);
}
