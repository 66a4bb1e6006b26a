using EmgSessions.Core.Database;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EmgSessions.Core.Tests.Ingestion;

public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task An_unreachable_database_is_a_transient_outcome_and_the_spooled_bytes_wait()
    {
        // Given a PostgreSQL address where nothing listens.
        var spec = new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        using var harness = new IngestionHarness(store);
        await harness.PutFileAsync("P1/s/x.c3d", TestFiles.Sample(TestFiles.Ghostly0409));

        var result = await harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, "P1/s/x.c3d", CancellationToken.None);

        Assert.Equal(IngestionStatus.DatabaseUnavailable, result.Status);
        Assert.True(result.IsTransient);
        Assert.True(harness.Spool.Contains(result.FileHash!));
    }
}
