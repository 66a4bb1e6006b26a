using Microsoft.Data.Sqlite;

namespace EmgSessions.Core.Stores.Sqlite;

internal sealed partial class SqliteSessionStore
{
    private const string InsertSessionSql = """
        INSERT INTO therapy_sessions (
            id, file_path, file_hash, file_size_bytes, original_filename, patient_id, session_id,
            session_date, game_metadata, processing_status, created_at, updated_at)
        VALUES ($id, $file_path, $file_hash, $file_size_bytes, $original_filename, $patient_id, $session_code,
            $session_date, json($game_metadata), 'pending', $now, $now)
        ON CONFLICT DO NOTHING
        RETURNING id
        """;

    private const string EnqueueSql = """
        INSERT INTO processing_jobs (session_id, attempts, run_after, locked_by, locked_until, last_error, created_at)
        VALUES ($id, 0, $now, NULL, NULL, NULL, $now)
        ON CONFLICT (session_id) DO UPDATE
        SET attempts = 0, run_after = excluded.run_after, locked_by = NULL, locked_until = NULL, last_error = NULL
        """;

    private const string FindByPathForWriteSql = """
        SELECT id, file_hash FROM therapy_sessions WHERE file_path = $file_path
        """;

    private const string FindByHashSql = """
        SELECT id, file_path FROM therapy_sessions WHERE file_hash = $file_hash
        """;

    private const string OverwriteSql = """
        UPDATE therapy_sessions
        SET file_hash = $file_hash, file_size_bytes = $file_size_bytes, processing_status = 'reprocessing',
            game_metadata = json_patch(game_metadata, json($game_metadata)),
            processing_error_message = NULL, processing_time_ms = NULL, processed_at = NULL
        WHERE id = $id
        """;

    private const string DeleteTechnicalSql = """
        DELETE FROM c3d_technical_data WHERE session_id = $id
        """;

    private const string CountHitSql = """
        UPDATE therapy_sessions SET cache_hits = cache_hits + 1, last_accessed_at = $now WHERE id = $id
        """;

    private const string FindUnknownPathsSql = """
        SELECT p.value FROM json_each($paths) AS p
        WHERE NOT EXISTS (SELECT 1 FROM therapy_sessions s WHERE s.file_path = p.value)
        ORDER BY p.key
        """;

    public async Task<SessionRegistration> RegisterUploadAsync(NewSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        CanonicalJson.RequireObject(session.GameMetadataJson, nameof(session));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var registration = await _database.WriteAsync((connection, transaction) => Register(connection, transaction, session), cancellationToken)
                    .ConfigureAwait(false);
                if (registration.Outcome is RegistrationOutcome.Created or RegistrationOutcome.Overwritten)
                {
                    _database.Signal.Pulse();
                }

                return registration;
            }
            catch (SqliteException ex) when (SqliteDatabase.IsUniqueViolation(ex) && attempt < 3)
            {
                // Another process changed the rows between our statements: decide again.
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

        return _database.ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using var command = Command(connection, null, FindUnknownPathsSql);
            command.Parameters.AddWithValue("$paths", System.Text.Json.JsonSerializer.Serialize(filePaths));
            using var reader = command.ExecuteReader();
            var unknown = new List<string>();
            while (reader.Read())
            {
                unknown.Add(reader.GetString(0));
            }

            return unknown;
        }, cancellationToken);
    }

    private static SessionRegistration Register(SqliteConnection connection, SqliteTransaction transaction, NewSession session)
    {
        var now = SqliteTime.Now();
        using (var insert = Command(connection, transaction, InsertSessionSql))
        {
            var id = Id(Guid.CreateVersion7());
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$file_path", session.FilePath);
            insert.Parameters.AddWithValue("$file_hash", session.FileHash);
            insert.Parameters.AddWithValue("$file_size_bytes", session.FileSizeBytes);
            insert.Parameters.AddWithValue("$original_filename", (object?)session.OriginalFilename ?? DBNull.Value);
            insert.Parameters.AddWithValue("$patient_id", (object?)session.PatientId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$session_code", (object?)session.SessionCode ?? DBNull.Value);
            insert.Parameters.AddWithValue("$session_date", SqliteTime.ToParameter(session.SessionDate));
            insert.Parameters.AddWithValue("$game_metadata", session.GameMetadataJson);
            insert.Parameters.AddWithValue("$now", now);
            if (insert.ExecuteScalar() is string inserted)
            {
                Enqueue(connection, transaction, inserted, now);
                return new SessionRegistration(Guid.Parse(inserted), RegistrationOutcome.Created);
            }
        }

        string? samePathId = null;
        string? samePathHash = null;
        using (var byPath = Command(connection, transaction, FindByPathForWriteSql))
        {
            byPath.Parameters.AddWithValue("$file_path", session.FilePath);
            using var reader = byPath.ExecuteReader();
            if (reader.Read())
            {
                samePathId = reader.GetString(0);
                samePathHash = reader.GetString(1);
            }
        }

        if (samePathId is not null && string.Equals(samePathHash, session.FileHash, StringComparison.Ordinal))
        {
            return new SessionRegistration(Guid.Parse(samePathId), RegistrationOutcome.AlreadyRegistered);
        }

        string? sameHashId = null;
        string? sameHashPath = null;
        using (var byHash = Command(connection, transaction, FindByHashSql))
        {
            byHash.Parameters.AddWithValue("$file_hash", session.FileHash);
            using var reader = byHash.ExecuteReader();
            if (reader.Read())
            {
                sameHashId = reader.GetString(0);
                sameHashPath = reader.GetString(1);
            }
        }

        if (sameHashId is not null)
        {
            // Content known under another path (also when a path is overwritten with content another
            // session already has: file_hash stays unique, the other session is the answer).
            using var hit = Command(connection, transaction, CountHitSql);
            hit.Parameters.AddWithValue("$id", sameHashId);
            hit.Parameters.AddWithValue("$now", now);
            hit.ExecuteNonQuery();
            return new SessionRegistration(Guid.Parse(sameHashId), RegistrationOutcome.DuplicateContent, sameHashPath);
        }

        if (samePathId is null)
        {
            throw new InvalidOperationException($"The insert of {session.FilePath} conflicted but no conflicting row was found.");
        }

        using (var overwrite = Command(connection, transaction, OverwriteSql))
        {
            overwrite.Parameters.AddWithValue("$id", samePathId);
            overwrite.Parameters.AddWithValue("$file_hash", session.FileHash);
            overwrite.Parameters.AddWithValue("$file_size_bytes", session.FileSizeBytes);
            overwrite.Parameters.AddWithValue("$game_metadata", session.GameMetadataJson);
            overwrite.ExecuteNonQuery();
        }

        using (var deleteTechnical = Command(connection, transaction, DeleteTechnicalSql))
        {
            deleteTechnical.Parameters.AddWithValue("$id", samePathId);
            deleteTechnical.ExecuteNonQuery();
        }

        Enqueue(connection, transaction, samePathId, now);
        return new SessionRegistration(Guid.Parse(samePathId), RegistrationOutcome.Overwritten);
    }

    private static void Enqueue(SqliteConnection connection, SqliteTransaction transaction, string sessionId, string now)
    {
        using var enqueue = Command(connection, transaction, EnqueueSql);
        enqueue.Parameters.AddWithValue("$id", sessionId);
        enqueue.Parameters.AddWithValue("$now", now);
        enqueue.ExecuteNonQuery();
    }
}
