using System.Security.Cryptography;
using EmgSessions.C3d.Synthetic;
using EmgSessions.Testing;
using EmgSessions.Testing.Databases;
using Npgsql;

namespace EmgSessions.Tests.Adoption;

/// <summary>
/// A new PostgreSQL database built from one of <c>../shared/predecessor-db/*.sql</c> (the predecessor's real schema
/// states) and filled with rows of our own by <see cref="PredecessorRows"/>; dropped on dispose. The files create
/// cluster-wide roles, so loading is serialised across test processes by an advisory lock held on the server's
/// maintenance database.
/// </summary>
internal sealed class PredecessorDatabase : IAsyncDisposable
{
    /// <summary>"emgsload" as an advisory lock key.</summary>
    private const long LoadLockKey = 0x656D67736C6F6164;

    private PredecessorDatabase(string name, string spec, PredecessorState state, byte[] pendingFile)
    {
        Name = name;
        Spec = spec;
        State = state;
        PendingFile = pendingFile;
    }

    public string Name { get; }

    /// <summary>Npgsql keywords for <c>--database</c>.</summary>
    public string Spec { get; }

    public PredecessorState State { get; }

    /// <summary>The object of the pending session whose file_path is stored as <c>c3d-examples/P004/…</c>.</summary>
    public byte[] PendingFile { get; }

    public static async Task<PredecessorDatabase> CreateAsync(PredecessorState state)
    {
        var name = TestPostgres.NewDatabaseName("emgs_pred_" + state.File);
        var spec = await TestDatabase.CreatePostgresNamedAsync(name);
        var sql = (await File.ReadAllTextAsync(Path.Combine(TestFiles.Shared, "predecessor-db", state.File + ".sql")))
            .Replace("\\set ON_ERROR_STOP 1", string.Empty, StringComparison.Ordinal)
            .Replace(":\"DBNAME\"", TestDatabase.Quote(name), StringComparison.Ordinal);
        await using (var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using (var gate = new NpgsqlCommand($"SELECT pg_advisory_lock({LoadLockKey})", admin))
            {
                await gate.ExecuteNonQueryAsync();
            }

            try
            {
                await ExecuteAsync(spec, sql);
            }
            finally
            {
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LoadLockKey})", admin);
                await release.ExecuteNonQueryAsync();
            }
        }

        if (state.DropUpdatedAtTrigger)
        {
            await ExecuteAsync(spec, "DROP TRIGGER update_therapy_sessions_updated_at ON therapy_sessions");
        }

        var pending = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions
        {
            Seed = 9,
            DurationSeconds = 20,
            ContractionsPerChannel = 3,
            TherapistId = state.IsSeptember ? PredecessorRows.UserTherapist.ToString() : PredecessorRows.Therapist.ToString(),
        }).Bytes;
        await ExecuteAsync(spec, PredecessorRows.Sql(state, Convert.ToHexStringLower(SHA256.HashData(pending)), pending.Length));
        return new PredecessorDatabase(name, spec, state, pending);
    }

    public static async Task ExecuteAsync(string spec, string sql)
    {
        await using var connection = new NpgsqlConnection(spec);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string spec, string sql)
    {
        await using var connection = new NpgsqlConnection(spec);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public ValueTask DisposeAsync() => new(TestDatabase.DropPostgresAsync(Name));
}
