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

    private const string FindByPathForWriteSql = """
        SELECT id, file_hash FROM therapy_sessions WHERE file_path = $file_path
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
        var registration = await RegistrationDecision.RegisterAsync(
            session.FilePath,
            () => _database.WriteAsync((connection, transaction) => Register(connection, transaction, session), cancellationToken),
            ex => ex is SqliteException sqlite && SqliteDatabase.IsUniqueViolation(sqlite)).ConfigureAwait(false);
        if (registration.Outcome is RegistrationOutcome.Created or RegistrationOutcome.Overwritten)
        {
            _database.Signal.Pulse();
        }

        return registration;
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

    private static SessionRegistration? Register(SqliteConnection connection, SqliteTransaction transaction, NewSession session)
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
                EnqueueJob(connection, transaction, JobRequest.ProcessSession(Guid.Parse(inserted)), now);
                return new SessionRegistration(Guid.Parse(inserted), RegistrationOutcome.Created);
            }
        }

        var samePath = FindExisting(connection, transaction, FindByPathForWriteSql, "$file_path", session.FilePath);
        var sameHash = FindExisting(connection, transaction, SessionSql.FindByHash, "@file_hash", session.FileHash);
        switch (RegistrationDecision.Decide(session.FileHash, samePath, sameHash))
        {
            case RegistrationStep.AlreadyRegistered:
                return new SessionRegistration(samePath!.Value.Id, RegistrationOutcome.AlreadyRegistered);
            case RegistrationStep.DuplicateContent:
                using (var hit = Command(connection, transaction, CountHitSql))
                {
                    hit.Parameters.AddWithValue("$id", Id(sameHash!.Value.Id));
                    hit.Parameters.AddWithValue("$now", now);
                    hit.ExecuteNonQuery();
                }

                return new SessionRegistration(sameHash.Value.Id, RegistrationOutcome.DuplicateContent, sameHash.Value.Value);
            case RegistrationStep.Vanished:
                return null;
        }

        var samePathId = Id(samePath!.Value.Id);
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

        EnqueueJob(connection, transaction, JobRequest.ProcessSession(samePath.Value.Id), now);
        return new SessionRegistration(Guid.Parse(samePathId), RegistrationOutcome.Overwritten);
    }

    private static ExistingSession? FindExisting(SqliteConnection connection, SqliteTransaction transaction, string sql, string name, string value)
    {
        using var find = Command(connection, transaction, sql);
        find.Parameters.AddWithValue(name, value);
        using var reader = find.ExecuteReader();
        return reader.Read() ? new ExistingSession(Guid.Parse(reader.GetString(0)), reader.GetString(1)) : null;
    }
}
