using Npgsql;
using NpgsqlTypes;

namespace EmgSessions.Core.Stores.Postgres;

internal sealed partial class PostgresSessionStore
{
    /// <summary>
    /// The insert of Phase 1 for this database's shape: a patient code <c>patients</c> does not know leaves the session
    /// unassigned and is kept in <c>game_metadata.unassigned_patient_code</c>; the September shape's <c>session_code</c>
    /// gets the session's id.
    /// </summary>
    private static string InsertSessionSql(PostgresSessionSchema schema) => $"""
        INSERT INTO therapy_sessions (
            id, file_path, file_hash, file_size_bytes, original_filename, patient_id, session_id,
            session_date, game_metadata, processing_status{(schema.HasSessionCode ? ", session_code" : "")})
        VALUES (@id, @file_path, @file_hash, @file_size_bytes, @original_filename, {schema.PatientValue}, @session_code,
            @session_date,
            CASE WHEN {schema.PatientUnknown} THEN @game_metadata || jsonb_build_object('unassigned_patient_code', @patient_id::text) ELSE @game_metadata END,
            'pending'{(schema.HasSessionCode ? ", @id::text" : "")})
        ON CONFLICT DO NOTHING
        RETURNING id, {schema.PatientUnknown}
        """;

    private const string FindByPathForUpdateSql = """
        SELECT id, file_hash FROM therapy_sessions WHERE file_path = @file_path FOR UPDATE
        """;

    private const string OverwriteSql = """
        UPDATE therapy_sessions
        SET file_hash = @file_hash, file_size_bytes = @file_size_bytes, processing_status = 'reprocessing',
            game_metadata = game_metadata || @game_metadata,
            processing_error_message = NULL, processing_time_ms = NULL, processed_at = NULL
        WHERE id = @id;
        DELETE FROM c3d_technical_data WHERE session_id = @id;
        """;

    private const string CountHitSql = """
        UPDATE therapy_sessions SET cache_hits = cache_hits + 1, last_accessed_at = now() WHERE id = @id
        """;

    private const string FindUnknownPathsSql = """
        SELECT p.path FROM unnest(@paths) WITH ORDINALITY AS p(path, n)
        WHERE NOT EXISTS (SELECT 1 FROM therapy_sessions s WHERE s.file_path = p.path)
        ORDER BY p.n
        """;

    public Task<SessionRegistration> RegisterUploadAsync(NewSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        CanonicalJson.RequireObject(session.GameMetadataJson, nameof(session));
        return RegistrationDecision.RegisterAsync(
            session.FilePath,
            () => TransactionAsync((schema, connection, transaction) => RegisterOnceAsync(session, schema, connection, transaction, cancellationToken), cancellationToken),
            ex => ex is PostgresException { SqlState: PostgresErrors.UniqueViolation });
    }

    public Task<IReadOnlyList<string>> FindUnknownPathsAsync(IReadOnlyCollection<string> filePaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filePaths);
        if (filePaths.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        return Guard<IReadOnlyList<string>>(async () =>
        {
            await using var command = _dataSource.CreateCommand(FindUnknownPathsSql);
            Add(command, "paths", NpgsqlDbType.Array | NpgsqlDbType.Text, filePaths.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var unknown = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                unknown.Add(reader.GetString(0));
            }

            return unknown;
        });
    }

    /// <summary>
    /// One attempt in one transaction; null when the conflicting row vanished (deleted meanwhile). Every case commits:
    /// the ones that write nothing (already registered, vanished) only release the row locks they took.
    /// </summary>
    private static async Task<SessionRegistration?> RegisterOnceAsync(
        NewSession session, PostgresSessionSchema schema, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand(InsertSessionSql(schema), connection, transaction))
        {
            Add(insert, "id", NpgsqlDbType.Uuid, Guid.CreateVersion7());
            Add(insert, "file_path", NpgsqlDbType.Text, session.FilePath);
            Add(insert, "file_hash", NpgsqlDbType.Text, session.FileHash);
            Add(insert, "file_size_bytes", NpgsqlDbType.Bigint, session.FileSizeBytes);
            Add(insert, "original_filename", NpgsqlDbType.Text, session.OriginalFilename);
            Add(insert, "patient_id", NpgsqlDbType.Text, session.PatientId);
            Add(insert, "session_code", NpgsqlDbType.Text, session.SessionCode);
            Add(insert, "session_date", NpgsqlDbType.TimestampTz, Utc(session.SessionDate));
            Add(insert, "game_metadata", NpgsqlDbType.Jsonb, session.GameMetadataJson);
            Guid? inserted = null;
            var unassigned = false;
            await using (var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    inserted = reader.GetGuid(0);
                    unassigned = reader.GetBoolean(1);
                }
            }

            if (inserted is { } id)
            {
                await EnqueueJobAsync(connection, transaction, JobRequest.ProcessSession(id), cancellationToken).ConfigureAwait(false);
                return new SessionRegistration(id, RegistrationOutcome.Created, UnassignedPatientCode: unassigned ? session.PatientId : null);
            }
        }

        var samePath = await FindExistingAsync(connection, transaction, FindByPathForUpdateSql, "file_path", session.FilePath, cancellationToken).ConfigureAwait(false);
        var sameHash = await FindExistingAsync(connection, transaction, SessionSql.FindByHash, "file_hash", session.FileHash, cancellationToken).ConfigureAwait(false);
        switch (RegistrationDecision.Decide(session.FileHash, samePath, sameHash))
        {
            case RegistrationStep.AlreadyRegistered:
                return new SessionRegistration(samePath!.Value.Id, RegistrationOutcome.AlreadyRegistered);
            case RegistrationStep.DuplicateContent:
                await using (var hit = new NpgsqlCommand(CountHitSql, connection, transaction))
                {
                    Add(hit, "id", NpgsqlDbType.Uuid, sameHash!.Value.Id);
                    await hit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return new SessionRegistration(sameHash.Value.Id, RegistrationOutcome.DuplicateContent, sameHash.Value.Value);
            case RegistrationStep.Vanished:
                return null;
        }

        var overwritten = samePath!.Value;
        await using (var overwrite = new NpgsqlCommand(OverwriteSql, connection, transaction))
        {
            Add(overwrite, "id", NpgsqlDbType.Uuid, overwritten.Id);
            Add(overwrite, "file_hash", NpgsqlDbType.Text, session.FileHash);
            Add(overwrite, "file_size_bytes", NpgsqlDbType.Bigint, session.FileSizeBytes);
            Add(overwrite, "game_metadata", NpgsqlDbType.Jsonb, session.GameMetadataJson);
            await overwrite.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await EnqueueJobAsync(connection, transaction, JobRequest.ProcessSession(overwritten.Id), cancellationToken).ConfigureAwait(false);
        return new SessionRegistration(overwritten.Id, RegistrationOutcome.Overwritten);
    }

    private static async Task<ExistingSession?> FindExistingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string name, string value, CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand(sql, connection, transaction);
        Add(find, name, NpgsqlDbType.Text, value);
        await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new ExistingSession(reader.GetGuid(0), reader.GetString(1)) : null;
    }
}
