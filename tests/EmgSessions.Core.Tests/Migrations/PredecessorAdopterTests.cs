using EmgSessions.Core.Database;
using EmgSessions.Core.Migrations;
using EmgSessions.Core.Migrations.Adoption;

namespace EmgSessions.Core.Tests.Migrations;

/// <summary>The shape detectors over catalogues written by hand: which shape wins, the baseline, and the steps each plans.</summary>
public sealed class PredecessorAdopterTests
{
    private static readonly string[] SessionColumns =
    [
        "id", "file_path", "file_hash", "file_size_bytes", "patient_id", "therapist_id", "session_id", "session_date",
        "processing_status", "processing_error_message", "processing_time_ms", "analytics_cache", "cache_hits", "game_metadata",
        "created_at", "updated_at", "processed_at", "last_accessed_at",
    ];

    private static readonly string[] TechnicalColumns =
    [
        "session_id", "original_sampling_rate", "original_duration_seconds", "original_sample_count", "channel_count", "channel_names",
        "sampling_rate", "duration_seconds", "frame_count", "extracted_at",
    ];

    [Fact]
    public void An_empty_database_is_fresh_and_one_with_schema_migrations_is_ours()
    {
        Assert.Equal(AdoptionPlan.FreshState, PredecessorAdopter.Plan(Catalogue(), DatabaseEngine.Postgres).State);
        var ours = PredecessorAdopter.Plan(Catalogue(("schema_migrations", ["version"]), ("therapy_sessions", SessionColumns)), DatabaseEngine.Postgres);
        Assert.Equal(AdoptionPlan.OwnState, ours.State);
        Assert.False(ours.IsPredecessor);
    }

    [Fact]
    public void The_pre_separation_shape_is_baselined_at_010_and_keeps_its_resolved_values_first()
    {
        var plan = PredecessorAdopter.Plan(Catalogue(("therapy_sessions", [.. SessionColumns, "original_filename",
            "original_sampling_rate", "original_duration_seconds", "original_sample_count", "channel_count", "channel_names",
            "resolved_patient_id", "resolved_therapist_id", "resolved_session_date"])), DatabaseEngine.Postgres);

        Assert.Equal(PreSeparationShapeDetector.State, plan.State);
        Assert.Equal(10, plan.Baseline);
        Assert.Single(plan.Steps);
        Assert.Contains("legacy_resolved", plan.Steps[0].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void The_post_separation_shapes_differ_by_original_filename_which_is_added_when_missing()
    {
        var withName = PredecessorAdopter.Plan(Catalogue(("therapy_sessions", [.. SessionColumns, "original_filename"]), ("c3d_technical_data", TechnicalColumns)), DatabaseEngine.Postgres);
        var without = PredecessorAdopter.Plan(Catalogue(("therapy_sessions", SessionColumns), ("c3d_technical_data", TechnicalColumns)), DatabaseEngine.Postgres);

        Assert.Equal(PostSeparationShapeDetector.State, withName.State);
        Assert.Empty(withName.Steps);
        Assert.Equal(21, withName.Baseline);
        Assert.Equal(PostSeparationShapeDetector.StateWithoutOriginalFilename, without.State);
        Assert.Equal("ALTER TABLE therapy_sessions ADD COLUMN original_filename TEXT", Assert.Single(without.Steps).Sql);
    }

    [Fact]
    public void The_september_shape_gets_the_missing_columns_the_technical_table_and_the_view_on_postgresql_only()
    {
        var columns = SessionColumns.Except(["analytics_cache", "cache_hits", "last_accessed_at", "session_id"]).Append("session_code").ToArray();

        var plan = PredecessorAdopter.Plan(Catalogue(("therapy_sessions", columns)), DatabaseEngine.Postgres);

        Assert.Equal(SeptemberShapeDetector.State, plan.State);
        Assert.Equal(21, plan.Baseline);
        Assert.Contains(plan.Steps, s => s.Sql.Contains("ADD COLUMN analytics_cache", StringComparison.Ordinal));
        Assert.Contains(plan.Steps, s => s.Sql.Contains("CREATE TABLE c3d_technical_data", StringComparison.Ordinal));
        Assert.Contains(plan.Steps, s => s.Sql.Contains("CREATE VIEW therapy_sessions_with_technical", StringComparison.Ordinal));
        Assert.Throws<MigrationException>(() => PredecessorAdopter.Plan(Catalogue(("therapy_sessions", columns)), DatabaseEngine.Sqlite));
    }

    [Fact]
    public void A_recognised_shape_missing_a_column_the_migrations_need_is_refused_with_the_columns_named()
    {
        var error = Assert.Throws<MigrationException>(() => PredecessorAdopter.Plan(
            Catalogue(("therapy_sessions", [.. SessionColumns, "original_sampling_rate", "channel_names"])), DatabaseEngine.Postgres));

        Assert.Contains("original_duration_seconds, original_sample_count, channel_count", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error.Message, StringComparison.Ordinal);
    }

    private static DatabaseCatalogue Catalogue(params (string Table, string[] Columns)[] tables) =>
        new(
            tables.ToDictionary(t => t.Table, t => (IReadOnlyDictionary<string, string>)t.Columns.ToDictionary(c => c, _ => "text", StringComparer.Ordinal), StringComparer.Ordinal),
            new HashSet<string>(StringComparer.Ordinal),
            new Dictionary<string, (string, string)>(StringComparer.Ordinal));
}
