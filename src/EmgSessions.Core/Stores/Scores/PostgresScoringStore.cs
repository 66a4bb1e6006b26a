using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Scores;

/// <summary>Scores on PostgreSQL: uuid ids, timestamptz, booleans, jsonb; the session row locked with <c>FOR UPDATE</c>.</summary>
internal sealed class PostgresScoringStore(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null) : ScoringStore(timeProvider)
{
    protected override string LockSessionSql => "SELECT 1 FROM therapy_sessions WHERE id = @id FOR UPDATE";

    protected override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> body, CancellationToken cancellationToken) =>
        Postgres.PostgresUnitOfWork.WriteAsync(dataSource, body, cancellationToken);

    protected override Task<T> ReadAsync<T>(Func<DbConnection, T> body, CancellationToken cancellationToken) =>
        Postgres.PostgresUnitOfWork.ReadAsync(dataSource, body, cancellationToken);

    protected override object Id(Guid id) => id;

    protected override object Time(DateTimeOffset? value) => value is { } v ? v.ToUniversalTime() : DBNull.Value;

    protected override DateTimeOffset? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    protected override object Bool(bool value) => value;

    protected override void AddJson(DbCommand command, string name, string json) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });

    protected override string IdSet(string name) => $"SELECT unnest(@{name})";

    protected override void AddIds(DbCommand command, string name, IReadOnlyCollection<Guid> ids) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() });

    protected override string Differs(string a, string b) => $"{a} IS DISTINCT FROM {b}";
}
