using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Stores.People;

public sealed class PostgresPeopleStoreTests(PostgresTestDatabases databases) : PeopleStoreTests(databases), IClassFixture<PostgresTestDatabases>
{
    [Fact]
    public async Task A_dead_server_is_reported_as_database_unavailable_by_reads_and_writes()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        var options = DatabaseOptions.Parse("Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=3");
        await using var store = PeopleStoreFactory.Create(options, NullLoggerFactory.Instance, TimeProvider.System);

        var read = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => store.GetPatientAsync("P001", CancellationToken.None));
        var write = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => store.CreatePatientAsync(new NewPatient("P001"), CancellationToken.None));

        Assert.StartsWith("PostgreSQL is unavailable: ", read.Message, StringComparison.Ordinal);
        Assert.StartsWith("PostgreSQL is unavailable: ", write.Message, StringComparison.Ordinal);
    }
}
