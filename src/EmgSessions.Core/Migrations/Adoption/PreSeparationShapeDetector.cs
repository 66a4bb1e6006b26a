using EmgSessions.Core.Database;

namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>
/// The predecessor before its separation (state <c>b</c>): the technical columns are still in <c>therapy_sessions</c>
/// and there is no <c>c3d_technical_data</c>. Baselined at 010; 020 moves the technical values, 021 drops
/// <c>resolved_*</c> after their values are kept in <c>game_metadata</c>.
/// </summary>
internal sealed class PreSeparationShapeDetector : IShapeDetector
{
    public const string State = "pre-separation";

    private static readonly string[] Expected =
    [
        "file_path", "file_hash", "file_size_bytes", "patient_id", "therapist_id", "session_id", "session_date",
        "processing_status", "processing_error_message", "processing_time_ms", "analytics_cache", "cache_hits", "game_metadata",
        "created_at", "updated_at", "processed_at", "last_accessed_at",
        "original_sampling_rate", "original_duration_seconds", "original_sample_count", "channel_count", "channel_names",
    ];

    public AdoptionPlan? Detect(DatabaseCatalogue catalogue, DatabaseEngine engine)
    {
        if (catalogue.HasTable("c3d_technical_data") || !catalogue.HasColumn("therapy_sessions", "channel_names")
            || !catalogue.HasColumn("therapy_sessions", "original_sampling_rate"))
        {
            return null;
        }

        var missing = Expected.Where(c => !catalogue.HasColumn("therapy_sessions", c)).ToList();
        if (missing.Count > 0)
        {
            throw new MigrationException(
                $"This looks like the predecessor's database before its separation, but therapy_sessions lacks {string.Join(", ", missing)}. " +
                "Nothing was changed; restore those columns or migrate the database by hand.");
        }

        var steps = new List<AdoptionStep>(AdoptionSql.AddOriginalFilename(catalogue));
        foreach (var column in new[] { "resolved_patient_id", "resolved_therapist_id" }.Where(c => !catalogue.HasColumn("therapy_sessions", c)))
        {
            steps.Add(new AdoptionStep($"add therapy_sessions.{column} for 020's view (021 drops it again)", $"ALTER TABLE therapy_sessions ADD COLUMN {column} TEXT"));
        }

        if (!catalogue.HasColumn("therapy_sessions", "resolved_session_date"))
        {
            steps.Add(new AdoptionStep("add therapy_sessions.resolved_session_date for 020's view (021 drops it again)",
                $"ALTER TABLE therapy_sessions ADD COLUMN resolved_session_date {(engine == DatabaseEngine.Postgres ? "TIMESTAMPTZ" : "TEXT")}"));
        }

        steps.AddRange(AdoptionSql.KeepResolved(catalogue, engine));
        var counts = new List<AdoptionCount>(AdoptionSql.CommonCounts(catalogue, engine));
        if (engine == DatabaseEngine.Postgres)
        {
            counts.Add(new AdoptionCount("sessions whose technical values move to c3d_technical_data (020)", """
                SELECT count(*) FROM therapy_sessions ts
                WHERE NULLIF(ts.original_sampling_rate, 0) IS NOT NULL OR NULLIF(ts.original_duration_seconds, 0) IS NOT NULL
                   OR NULLIF(ts.original_sample_count, 0) IS NOT NULL OR NULLIF(ts.channel_count, 0) IS NOT NULL
                   OR (jsonb_typeof(ts.channel_names) = 'array' AND jsonb_array_length(ts.channel_names) > 0)
                """));
            counts.Add(new AdoptionCount("channel_names that are not an array of strings (kept in game_metadata.legacy_channel_names)", """
                SELECT count(*) FROM therapy_sessions ts
                WHERE ts.channel_names IS NOT NULL
                  AND NOT (CASE WHEN jsonb_typeof(ts.channel_names) = 'array'
                                THEN NOT EXISTS (SELECT 1 FROM jsonb_array_elements(ts.channel_names) e WHERE jsonb_typeof(e) <> 'string')
                                ELSE false END)
                """));
        }

        return new AdoptionPlan(
            State,
            "the predecessor before the separation (technical columns in therapy_sessions, no c3d_technical_data)",
            10,
            steps,
            counts);
    }
}
