using System.Data.Common;

namespace EmgSessions.Core.Stores;

/// <summary>The ADO.NET plumbing the stores written once over both engines share: a command in a transaction, a parameter.</summary>
internal static class DbCommands
{
    /// <summary>A command for <paramref name="sql"/> on the connection, in the transaction when there is one.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a parameter by name; null becomes <see cref="DBNull"/>.</summary>
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
