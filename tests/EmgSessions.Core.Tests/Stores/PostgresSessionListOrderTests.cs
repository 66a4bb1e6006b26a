namespace EmgSessions.Core.Tests.Stores;

public sealed class PostgresSessionListOrderTests(PostgresTestDatabases databases) : SessionListOrderTests(databases), IClassFixture<PostgresTestDatabases>
{
    /// <summary>
    /// The plan with sequential scans and sorts priced out, as they would be for a large table: an index is chosen if,
    /// and only if, one can deliver the rows in the order asked for.
    /// </summary>
    protected override async Task<string> PlanAsync(string spec, string sql) =>
        string.Join('\n', (await Databases.QueryAsync(spec, $"SET enable_seqscan = off; SET enable_sort = off; EXPLAIN {sql}")).Select(row => row[0]));
}
