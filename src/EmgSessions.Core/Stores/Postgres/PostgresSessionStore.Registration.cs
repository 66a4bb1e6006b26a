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

    private const string EnqueueSql = """
        INSERT INTO processing_jobs (session_id, attempts, run_after, created_at)
        VALUES (@id, 0, now(), now())
        ON CONFLICT (session_id) DO UPDATE
        SET attempts = 0, run_after = now(), locked_by = NULL, locked_until = NULL, last_error = NULL;
        SELECT pg_notify('emgs_jobs', @id::text);
        """;

    private const string FindByPathForUpdateSql = """
        SELECT id, file_hash FROM therapy_sessions WHERE file_path = @file_path FOR UPDATE
        """;

    private const string FindByHashSql = """
        SELECT id, file_path FROM therapy_sessions WHERE file_hash = @file_hash
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

    public async Task<SessionRegistration> RegisterUploadAsync(NewSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        CanonicalJson.RequireObject(session.GameMetadataJson, nameof(session));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var registration = await Guard(() => RegisterOnceAsync(session, cancellationToken)).ConfigureAwait(false);
                if (registration is not null)
                {
                    return registration;
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrors.UniqueViolation && attempt < 5)
            {
                // A concurrent delivery changed the rows between our statements: decide again.
            }

            if (attempt >= 5)
            {
                throw new InvalidOperationException($"Could not register {session.FilePath}: the rows kept changing.");
            }
        }
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

    /// <summary>One attempt in one transaction; null when the conflicting row vanished (deleted meanwhile).</summary>
    private async Task<SessionRegistration?> RegisterOnceAsync(NewSession session, CancellationToken cancellationToken)
    {
        var schema = await SchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
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
                await EnqueueAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new SessionRegistration(id, RegistrationOutcome.Created, UnassignedPatientCode: unassigned ? session.PatientId : null);
            }
        }

        (Guid Id, string Hash)? samePath = null;
        await using (var byPath = new NpgsqlCommand(FindByPathForUpdateSql, connection, transaction))
        {
            Add(byPath, "file_path", NpgsqlDbType.Text, session.FilePath);
            await using var reader = await byPath.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                samePath = (reader.GetGuid(0), reader.GetString(1));
            }
        }

        if (samePath is { } same && string.Equals(same.Hash, session.FileHash, StringComparison.Ordinal))
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SessionRegistration(same.Id, RegistrationOutcome.AlreadyRegistered);
        }

        (Guid Id, string Path)? sameHash = null;
        await using (var byHash = new NpgsqlCommand(FindByHashSql, connection, transaction))
        {
            Add(byHash, "file_hash", NpgsqlDbType.Text, session.FileHash);
            await using var reader = await byHash.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sameHash = (reader.GetGuid(0), reader.GetString(1));
            }
        }

        if (sameHash is { } known)
        {
            await using var hit = new NpgsqlCommand(CountHitSql, connection, transaction);
            Add(hit, "id", NpgsqlDbType.Uuid, known.Id);
            await hit.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SessionRegistration(known.Id, RegistrationOutcome.DuplicateContent, known.Path);
        }

        if (samePath is not { } overwritten)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        await using (var overwrite = new NpgsqlCommand(OverwriteSql, connection, transaction))
        {
            Add(overwrite, "id", NpgsqlDbType.Uuid, overwritten.Id);
            Add(overwrite, "file_hash", NpgsqlDbType.Text, session.FileHash);
            Add(overwrite, "file_size_bytes", NpgsqlDbType.Bigint, session.FileSizeBytes);
            Add(overwrite, "game_metadata", NpgsqlDbType.Jsonb, session.GameMetadataJson);
            await overwrite.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await EnqueueAsync(connection, transaction, overwritten.Id, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SessionRegistration(overwritten.Id, RegistrationOutcome.Overwritten);
    }

    private static async Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid sessionId, CancellationToken cancellationToken)
    {
        await using var enqueue = new NpgsqlCommand(EnqueueSql, connection, transaction);
        Add(enqueue, "id", NpgsqlDbType.Uuid, sessionId);
        await enqueue.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
