using System.Data.Common;
using EmgSessions.Core.Database;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EmgSessions.Testing.Databases;

/// <summary>Runs SQL straight against a database spec of either engine, beside the store, for test setup and checks.</summary>
internal static class TestDatabaseSql
{
    public static async Task<int> ExecuteAsync(string spec, string sql)
    {
        await using var connection = await OpenAsync(spec);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every row, each as its column values (DBNull as null).</summary>
    public static async Task<List<object?[]>> QueryAsync(string spec, string sql)
    {
        await using var connection = await OpenAsync(spec);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static async Task<DbConnection> OpenAsync(string spec)
    {
        var options = DatabaseOptions.Parse(spec);
        DbConnection connection;
        if (options.Engine == DatabaseEngine.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.SqlitePath)!);
            connection = new SqliteConnection(options.ConnectionString);
        }
        else
        {
            connection = new NpgsqlConnection(options.ConnectionString);
        }

        await connection.OpenAsync();
        return connection;
    }
}
