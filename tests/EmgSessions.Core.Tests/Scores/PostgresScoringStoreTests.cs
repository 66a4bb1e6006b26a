using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Postgres;
using EmgSessions.Core.Tests.Stores;

namespace EmgSessions.Core.Tests.Scores;

public sealed class PostgresScoringStoreTests(PostgresTestDatabases databases) : ScoringStoreTests(databases), IClassFixture<PostgresTestDatabases>
{
    protected override async Task<List<object?[]>> QueryAsync(ISessionStore store, string sql)
    {
        await using var command = ((PostgresSessionStore)store).DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }
}
