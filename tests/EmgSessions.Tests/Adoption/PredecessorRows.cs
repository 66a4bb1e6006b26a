using System.Globalization;

namespace EmgSessions.Tests.Adoption;

/// <summary>
/// Our own rows for a predecessor database: users, a therapist, patients, sessions of every status (one completed with
/// the predecessor's analytics cache, one pending whose file_path carries the bucket prefix, one processing, one failed,
/// one reprocessing, one without patient), rows in every table that references therapy_sessions, odd channel names and
/// resolved_* values where the shape has them. Timestamps are old and explicit, so a trigger's rewrite would show.
/// </summary>
internal static class PredecessorRows
{
    public static readonly Guid UserTherapist = Guid.Parse("10000000-0000-4000-8000-000000000001");
    public static readonly Guid UserResearcher = Guid.Parse("10000000-0000-4000-8000-000000000002");
    public static readonly Guid Therapist = Guid.Parse("20000000-0000-4000-8000-000000000001");
    public static readonly Guid PatientP001 = Guid.Parse("30000000-0000-4000-8000-000000000001");
    public static readonly Guid PatientP004 = Guid.Parse("30000000-0000-4000-8000-000000000004");
    public static readonly Guid Scoring = Guid.Parse("40000000-0000-4000-8000-000000000001");

    public static readonly Guid Completed = Guid.Parse("50000000-0000-4000-8000-000000000001");
    public static readonly Guid PendingPrefixed = Guid.Parse("50000000-0000-4000-8000-000000000002");
    public static readonly Guid Processing = Guid.Parse("50000000-0000-4000-8000-000000000003");
    public static readonly Guid Failed = Guid.Parse("50000000-0000-4000-8000-000000000004");
    public static readonly Guid Reprocessing = Guid.Parse("50000000-0000-4000-8000-000000000005");
    public static readonly Guid Unassigned = Guid.Parse("50000000-0000-4000-8000-000000000006");

    public const string PendingKey = "P004/session1/synthetic_pending.c3d";
    public const string PredecessorCache = """{"processing_version": "1.0", "analytics": {"CH1": {"rms": 0.125, "contraction_count": 7}}}""";

    public static IReadOnlyList<Guid> Sessions { get; } = [Completed, PendingPrefixed, Processing, Failed, Reprocessing, Unassigned];

    public static string Sql(PredecessorState state, string pendingHash, long pendingSize) =>
        state.IsSeptember ? September(pendingHash, pendingSize) : August(state, pendingHash, pendingSize);

    private static string August(PredecessorState state, string pendingHash, long pendingSize)
    {
        var filename = state.HadOriginalFilename ? ", original_filename" : string.Empty;
        var technical = state.IsPreSeparation
            ? ", original_sampling_rate, original_duration_seconds, original_sample_count, channel_count, channel_names, resolved_patient_id, resolved_therapist_id, resolved_session_date"
            : string.Empty;
        string Row(Guid id, string path, string hash, string patient, string therapist, string status, string cache, int hits, string metadata,
            string name, string tech, string updated) =>
            $"('{id}', '{path}', '{hash}', {(id == PendingPrefixed ? pendingSize.ToString(CultureInfo.InvariantCulture) : "1000")}, {patient}, {therapist}, 'S1', '2023-03-21T17:50:17Z', '{status}', " +
            $"{(status == "failed" ? "'C3D read error'" : "NULL")}, '{cache}', {hits}, '{metadata}', '2024-01-01T00:00:00Z', '{updated}', '2025-08-01T10:00:00Z'" +
            (state.HadOriginalFilename ? $", {name}" : string.Empty) + (state.IsPreSeparation ? $", {tech}" : string.Empty) + ")";
        var children = state.IsPreSeparation ? string.Empty : $"""
            INSERT INTO c3d_technical_data (session_id, original_sampling_rate, original_duration_seconds, original_sample_count, channel_count, channel_names,
                sampling_rate, duration_seconds, frame_count, extracted_at)
            VALUES ('{Completed}', 990, 175.5, 173745, 4, ARRAY['CH1 Raw', 'Ünï ✓'], 990, 175.5, 5792, '2024-01-02T00:00:00Z'),
                   ('{Unassigned}', 2000, 1.25, 2500, 1, ARRAY[]::text[], NULL, NULL, NULL, '2024-01-03T00:00:00Z');
            """;
        var row0 = Row(Completed, "c3d-examples/P001/session1/done.c3d", new string('1', 64), "'P001'", $"'{Therapist}'", "completed", PredecessorCache, 3, """{"game_name": "GHOSTLY", "level": "3"}""",
                "'done.c3d'", """990, 175.5, 173745, 4, '["CH1 Raw", "Ünï ✓"]', 'P001', 'T-legacy-7', '2023-03-21T17:50:17Z'""", "2024-02-01T00:00:00Z");
        var row1 = Row(PendingPrefixed, "c3d-examples/" + PendingKey, pendingHash, "'P004'", "NULL", "pending", "{}", 0, "{}",
                "'synthetic_pending.c3d'", """2000, 20, 40000, 2, '{"left": "EMG1"}', NULL, NULL, NULL""", "2024-02-02T00:00:00Z");
        var row2 = Row(Processing, "P001/session2/running.c3d", new string('3', 64), "'P001'", "NULL", "processing", "{}", 0, """{"note": "ü ✓"}""",
                "NULL", """500, 1, 500, 1, '[1, 2.5]', 'P001', NULL, NULL""", "2024-02-03T00:00:00Z");
        var row3 = Row(Failed, "P004/session3/broken.c3d", new string('4', 64), "'P004'", $"'{Therapist}'", "failed", "{}", 0, "{}",
                "'broken.c3d'", """1000, 2, 2000, 1, '"EMG1"', NULL, 'T-legacy-9', NULL""", "2024-02-04T00:00:00Z");
        var row4 = Row(Reprocessing, "P004/session4/again.c3d", new string('5', 64), "'P004'", "NULL", "reprocessing", "{}", 0, "{}",
                "NULL", """1000, 2, 2000, 2, '["Ω", "CH2"]', NULL, NULL, '2023-01-01T00:00:00Z'""", "2024-02-05T00:00:00Z");
        var row5 = Row(Unassigned, "loose/file.c3d", new string('6', 64), "NULL", "NULL", "completed", """{"processing_version": "0.9"}""", 1, "{}",
                "'file.c3d'", """2000, 1.25, 2500, 1, '[]', NULL, NULL, NULL""", "2024-02-06T00:00:00Z");
        return $"""
            INSERT INTO auth.users (id, email) VALUES ('{UserTherapist}', 'ana@example.org'), ('{UserResearcher}', 'rita@example.org');
            INSERT INTO therapists (id, user_id, first_name, last_name) VALUES ('{Therapist}', '{UserTherapist}', 'Ana', 'Ødegård');
            INSERT INTO researcher_profiles (id, full_name, institution) VALUES ('{UserResearcher}', 'Rita Researcher', 'VUB');
            INSERT INTO patients (id, therapist_id, patient_code, first_name, last_name, date_of_birth)
            VALUES ('{PatientP001}', '{Therapist}', 'P001', 'Jan', 'Peeters', '1950-02-03'), ('{PatientP004}', '{Therapist}', 'P004', 'Els', 'Maes', '1948-11-30');
            INSERT INTO scoring_configuration (id, configuration_name, active, therapist_id, patient_id) VALUES ('{Scoring}', 'GHOSTLY+ default', true, '{Therapist}', '{PatientP001}');
            INSERT INTO therapy_sessions (id, file_path, file_hash, file_size_bytes, patient_id, therapist_id, session_id, session_date, processing_status,
                processing_error_message, analytics_cache, cache_hits, game_metadata, created_at, updated_at, last_accessed_at{filename}{technical})
            VALUES
            {row0},
            {row1},
            {row2},
            {row3},
            {row4},
            {row5};
            {children}
            INSERT INTO bfr_monitoring (session_id, actual_pressure_aop, measurement_method) VALUES ('{Completed}', 48.5, 'manual');
            INSERT INTO emg_statistics (session_id, channel_name, mvc_value, mvc_threshold, rms_mean) VALUES ('{Completed}', 'CH1', 0.5, 0.375, 0.0125);
            INSERT INTO performance_scores (session_id, overall_score, compliance_score) VALUES ('{Completed}', 71.25, 80);
            INSERT INTO processing_parameters (session_id, sampling_rate_hz) VALUES ('{Completed}', 2000);
            INSERT INTO session_settings (session_id, target_contractions) VALUES ('{Unassigned}', 9);
            """;
    }

    private static string September(string pendingHash, long pendingSize) => $$"""
        INSERT INTO auth.users (id, email) VALUES ('{{UserTherapist}}', 'ana@example.org'), ('{{UserResearcher}}', 'rita@example.org');
        INSERT INTO user_profiles (id, role, first_name, last_name, user_code) VALUES
            ('{{UserTherapist}}', 'therapist', 'Ana', 'Ødegård', 'T001'), ('{{UserResearcher}}', 'researcher', 'Rita', 'R', 'R001');
        INSERT INTO scoring_configuration (id, configuration_name, active, is_global) VALUES ('{{Scoring}}', 'GHOSTLY+ default', true, true);
        INSERT INTO patients (id, therapist_id, patient_code, age_group, gender) VALUES
            ('{{PatientP001}}', '{{UserTherapist}}', 'P001', '71+', 'F'), ('{{PatientP004}}', '{{UserTherapist}}', 'P004', '51-70', 'M');
        INSERT INTO therapy_sessions (id, file_path, file_hash, file_size_bytes, patient_id, therapist_id, session_date, processing_status,
            processing_error_message, game_metadata, created_at, updated_at, session_code, scoring_config_id)
        VALUES
        ('{{Completed}}', 'c3d-examples/P001/session1/done.c3d', '{{new string('1', 64)}}', 1000, '{{PatientP001}}', '{{UserTherapist}}', '2023-03-21T17:50:17Z', 'completed',
            NULL, '{"game_name": "GHOSTLY", "level": "3"}', '2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z', 'P001S001', '{{Scoring}}'),
        ('{{PendingPrefixed}}', 'c3d-examples/{{PendingKey}}', '{{pendingHash}}', {{pendingSize}}, '{{PatientP004}}', NULL, NULL, 'pending',
            NULL, '{}', '2024-01-01T00:00:00Z', '2024-02-02T00:00:00Z', 'P004S001', NULL),
        ('{{Processing}}', 'P001/session2/running.c3d', '{{new string('3', 64)}}', 1000, '{{PatientP001}}', NULL, NULL, 'processing',
            NULL, '{"note": "ü ✓"}', '2024-01-01T00:00:00Z', '2024-02-03T00:00:00Z', 'P001S002', NULL),
        ('{{Failed}}', 'P004/session3/broken.c3d', '{{new string('4', 64)}}', 1000, '{{PatientP004}}', '{{UserTherapist}}', NULL, 'failed',
            'C3D read error', '{}', '2024-01-01T00:00:00Z', '2024-02-04T00:00:00Z', 'P004S003', NULL),
        ('{{Reprocessing}}', 'P004/session4/again.c3d', '{{new string('5', 64)}}', 1000, '{{PatientP004}}', NULL, NULL, 'reprocessing',
            NULL, '{}', '2024-01-01T00:00:00Z', '2024-02-05T00:00:00Z', 'P004S004', NULL),
        ('{{Unassigned}}', 'loose/file.c3d', '{{new string('6', 64)}}', 1000, NULL, NULL, NULL, 'completed',
            NULL, '{}', '2024-01-01T00:00:00Z', '2024-02-06T00:00:00Z', '{{Unassigned}}', NULL);
        INSERT INTO bfr_monitoring (session_id, channel_name, actual_pressure_aop) VALUES ('{{Completed}}', 'CH1', 48.5);
        INSERT INTO clinical_notes (author_id, file_path, patient_id, content, note_type) VALUES ('{{UserTherapist}}', 'c3d-examples/P001/session1/done.c3d', '{{PatientP001}}', 'Good effort ✓', 'file');
        INSERT INTO emg_statistics (session_id, channel_name, mvc_value) VALUES ('{{Completed}}', 'CH1', 0.5);
        INSERT INTO export_history (session_id, exported_by, export_format, channels_included) VALUES ('{{Completed}}', '{{UserTherapist}}', 'csv', ARRAY['CH1', 'CH2']);
        INSERT INTO performance_scores (session_id, overall_score, scoring_config_id) VALUES ('{{Completed}}', 71.25, '{{Scoring}}');
        INSERT INTO session_settings (session_id, target_mvc75_ch1) VALUES ('{{Unassigned}}', 0.3);
        INSERT INTO audit_log (user_id, action, table_name, record_id) VALUES ('{{UserTherapist}}', 'UPDATE', 'therapy_sessions', '{{Completed}}');
        """;
}
