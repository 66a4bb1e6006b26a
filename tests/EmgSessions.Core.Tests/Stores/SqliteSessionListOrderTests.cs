namespace EmgSessions.Core.Tests.Stores;

public sealed class SqliteSessionListOrderTests(SqliteTestDatabases databases) : SessionListOrderTests(databases), IClassFixture<SqliteTestDatabases>
{
    protected override async Task<string> PlanAsync(string spec, string sql) =>
        string.Join('\n', (await Databases.QueryAsync(spec, "EXPLAIN QUERY PLAN " + sql)).Select(row => row[^1]));
}
