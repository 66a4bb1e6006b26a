using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Sqlite;
using EmgSessions.Core.Tests.Stores;

namespace EmgSessions.Core.Tests.Scores;

public sealed class SqliteScoringStoreTests(SqliteTestDatabases databases) : ScoringStoreTests(databases), IClassFixture<SqliteTestDatabases>
{
    protected override Task<List<object?[]>> QueryAsync(ISessionStore store, string sql)
    {
        using var connection = ((SqliteSessionStore)store).Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return Task.FromResult(rows);
    }
}
