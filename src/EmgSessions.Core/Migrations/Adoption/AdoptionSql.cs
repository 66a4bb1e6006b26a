using EmgSessions.Core.Database;

namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>The steps and counts several predecessor shapes share, per engine.</summary>
internal static class AdoptionSql
{
    private static readonly string[] Resolved = ["resolved_patient_id", "resolved_therapist_id", "resolved_session_date"];

    /// <summary>Adds <c>original_filename</c> when the shape has none (the application and the view of 020 read it).</summary>
    public static IEnumerable<AdoptionStep> AddOriginalFilename(DatabaseCatalogue catalogue)
    {
        if (!catalogue.HasColumn("therapy_sessions", "original_filename"))
        {
            yield return new AdoptionStep(
                "add therapy_sessions.original_filename (nullable; existing rows keep NULL)",
                "ALTER TABLE therapy_sessions ADD COLUMN original_filename TEXT");
        }
    }

    /// <summary>
    /// Copies the non-null <c>resolved_*</c> values into <c>game_metadata.legacy_resolved</c> before 021 drops the
    /// columns: they have no other home.
    /// </summary>
    public static IEnumerable<AdoptionStep> KeepResolved(DatabaseCatalogue catalogue, DatabaseEngine engine)
    {
        var present = Resolved.Where(c => catalogue.HasColumn("therapy_sessions", c)).ToList();
        if (present.Count == 0)
        {
            yield break;
        }

        var any = string.Join(" OR ", present.Select(c => $"{c} IS NOT NULL"));
        var sql = engine == DatabaseEngine.Postgres
            ? $"""
               UPDATE therapy_sessions
               SET game_metadata = (CASE WHEN jsonb_typeof(game_metadata) = 'object' THEN game_metadata
                                         WHEN game_metadata IS NULL THEN '{"{}"}'::jsonb
                                         ELSE jsonb_build_object('legacy_game_metadata', game_metadata) END)
                   || jsonb_build_object('legacy_resolved', jsonb_strip_nulls(jsonb_build_object({string.Join(", ", present.Select(c => $"'{c}', {c}"))})))
               WHERE {any}
               """
            : $"""
               UPDATE therapy_sessions
               SET game_metadata = json_set(CASE WHEN json_valid(game_metadata) AND json_type(game_metadata) = 'object' THEN game_metadata ELSE '{"{}"}' END,
                   '$.legacy_resolved', json(json_patch('{"{}"}', json_object({string.Join(", ", present.Select(c => $"'{c}', {c}"))}))))
               WHERE {any}
               """;
        yield return new AdoptionStep($"keep the values of {string.Join(", ", present)} in game_metadata.legacy_resolved (021 drops the columns)", sql);
    }

    /// <summary>The numbers every adoption reports.</summary>
    public static IEnumerable<AdoptionCount> CommonCounts(DatabaseCatalogue catalogue, DatabaseEngine engine)
    {
        yield return new AdoptionCount("sessions (all kept)", "SELECT count(*) FROM therapy_sessions");
        var statuses = "('pending', 'processing', 'reprocessing')";
        yield return new AdoptionCount("sessions queued for processing (pending, processing, reprocessing; statuses unchanged)",
            $"SELECT count(*) FROM therapy_sessions WHERE processing_status IN {statuses}");
        if (catalogue.HasColumn("therapy_sessions", "analytics_cache"))
        {
            yield return new AdoptionCount("analytics caches kept (readable as the predecessor's until recomputed)",
                engine == DatabaseEngine.Postgres
                    ? "SELECT count(*) FROM therapy_sessions WHERE analytics_cache IS NOT NULL AND analytics_cache <> '{}'::jsonb"
                    : "SELECT count(*) FROM therapy_sessions WHERE analytics_cache IS NOT NULL AND analytics_cache NOT IN ('', '{}')");
        }

        var present = Resolved.Where(c => catalogue.HasColumn("therapy_sessions", c)).ToList();
        if (present.Count > 0)
        {
            yield return new AdoptionCount("sessions whose resolved_* values move to game_metadata.legacy_resolved",
                $"SELECT count(*) FROM therapy_sessions WHERE {string.Join(" OR ", present.Select(c => $"{c} IS NOT NULL"))}");
        }

        if (engine == DatabaseEngine.Postgres && catalogue.ColumnType("therapy_sessions", "therapist_id") is "text")
        {
            yield return new AdoptionCount("text therapist_id values (032 makes the column a uuid; values that are not a known therapist's uuid move to game_metadata.unresolved_therapist_id)",
                "SELECT count(*) FROM therapy_sessions WHERE therapist_id IS NOT NULL");
        }
    }
}
