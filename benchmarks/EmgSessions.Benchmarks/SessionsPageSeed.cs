using System.Diagnostics;
using System.Globalization;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Benchmarks;

/// <summary>
/// A SQLite database shaped like a busy clinic for the Sessions page: <c>sessions-page-seed sqlite:PATH COUNT</c> writes
/// COUNT sessions over 500 patients (P000…P499, named, 20 therapists), one in fifty failed with a message, the others
/// completed with technical data, the reference analysis of the 175 s recording and a stored score. Serve it with
/// <c>emgs serve --database sqlite:PATH</c> and time <c>/sessions</c> pages with curl (BENCHMARKS.md).
/// </summary>
internal static class SessionsPageSeed
{
    private const int Patients = 500;
    private const int Therapists = 20;

    public static Guid TherapistId(int n) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{n:D12}"));

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [_, var spec, var count] || !int.TryParse(count, CultureInfo.InvariantCulture, out var sessions) || sessions < 1
            || DatabaseOptions.Parse(spec).SqlitePath is null)
        {
            await Console.Error.WriteLineAsync("usage: sessions-page-seed sqlite:PATH SESSIONS");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        await SeedAsync(spec, sessions);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded sessions={sessions} time_ms={clock.Elapsed.TotalMilliseconds:F0}"));
        return 0;
    }

    public static async Task SeedAsync(string spec, int sessions)
    {
        await using (var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance))
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        var analytics = await File.ReadAllTextAsync(TestFiles.AnalysisReference(TestFiles.Ghostly0881));
        await using var connection = new SqliteConnection($"Data Source={DatabaseOptions.Parse(spec).SqlitePath}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $therapists - 1)
            INSERT INTO therapists (id, user_id, first_name, last_name)
            SELECT printf('00000000-0000-4000-8000-%012d', i), printf('00000000-0000-4000-9000-%012d', i), 'Therapist', printf('Number %d', i) FROM n;

            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $patients - 1)
            INSERT INTO patients (id, therapist_id, patient_code, first_name, last_name, date_of_birth)
            SELECT printf('00000000-0000-4000-a000-%012d', i), printf('00000000-0000-4000-8000-%012d', i % $therapists), printf('P%03d', i),
                   'Patient', printf('Family%d', i), printf('19%02d-0%d-1%d', 40 + i % 50, 1 + i % 9, i % 10) FROM n;

            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO therapy_sessions (file_path, file_hash, file_size_bytes, original_filename, patient_id, session_id, session_date,
                                          processing_status, processing_error_message, analytics_cache, game_metadata, created_at, updated_at)
            SELECT printf('c3d-examples/P%03d/s%d/Ghostly_Emg_%d.c3d', i % $patients, i, i), printf('%064d', i), 2867920, printf('Ghostly_Emg_%d.c3d', i),
                   printf('P%03d', i % $patients), printf('s%d', i),
                   strftime('%Y-%m-%dT%H:%M:%fZ', '2023-01-01T09:00:00', '+' || i || ' minutes'),
                   CASE WHEN i % 50 = 0 THEN 'failed' ELSE 'completed' END,
                   CASE WHEN i % 50 = 0 THEN 'The recording holds no samples: the file ends at byte 700 but its data should start at byte 1536.' END,
                   CASE WHEN i % 50 = 0 THEN '{}' ELSE $analytics END, '{}',
                   strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01T09:00:00', '+' || i || ' minutes'),
                   strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01T09:00:00', '+' || i || ' minutes')
            FROM n;

            INSERT INTO c3d_technical_data (session_id, original_sampling_rate, original_duration_seconds, original_sample_count, channel_count,
                                            channel_names, sampling_rate, duration_seconds, frame_count)
            SELECT id, 990, 60 + abs(random() % 240), 173250, 4, '["CH1","CH2","FX1","FX2"]', 990, 60 + abs(random() % 240), 173250
            FROM therapy_sessions WHERE processing_status = 'completed';

            INSERT INTO session_scores (session_id, profile, scoring_config_id, result, analytics_at, inputs_revision, computed_at)
            SELECT id, 'ghostly-trial', '6a1f3c2e-0d4b-4c8e-9f3a-5b7d2e1c9a60',
                   json_object('overall_score', 50 + abs(random() % 5000) / 100.0, 'compliance_score', 80.5, 'symmetry_score', 91.2,
                               'effort_score', NULL, 'game_score', NULL, 'profile', 'ghostly-trial'),
                   NULL, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            FROM therapy_sessions WHERE processing_status = 'completed';
            """;
        command.Parameters.AddWithValue("$therapists", Therapists);
        command.Parameters.AddWithValue("$patients", Patients);
        command.Parameters.AddWithValue("$count", sessions);
        command.Parameters.AddWithValue("$analytics", analytics);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
