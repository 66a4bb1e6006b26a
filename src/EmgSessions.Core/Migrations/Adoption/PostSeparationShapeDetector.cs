using EmgSessions.Core.Database;

namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>
/// The predecessor after its separation (states <c>a14</c> and <c>a</c>): <c>c3d_technical_data</c> exists and
/// <c>therapy_sessions</c> has no technical columns. Baselined at 021 (020 when <c>resolved_*</c> are still there);
/// <c>original_filename</c> is added when missing (the August 27 shape).
/// </summary>
internal sealed class PostSeparationShapeDetector : IShapeDetector
{
    public const string State = "post-separation";

    public const string StateWithoutOriginalFilename = "post-separation-without-original-filename";

    private static readonly string[] TechnicalColumns =
    [
        "session_id", "original_sampling_rate", "original_duration_seconds", "original_sample_count", "channel_count", "channel_names",
        "sampling_rate", "duration_seconds", "frame_count", "extracted_at",
    ];

    public AdoptionPlan? Detect(DatabaseCatalogue catalogue, DatabaseEngine engine)
    {
        if (!catalogue.HasTable("c3d_technical_data") || catalogue.HasColumn("therapy_sessions", "channel_names")
            || !catalogue.HasColumn("therapy_sessions", "analytics_cache"))
        {
            return null;
        }

        var missing = TechnicalColumns.Where(c => !catalogue.HasColumn("c3d_technical_data", c)).ToList();
        if (missing.Count > 0)
        {
            throw new MigrationException(
                $"This looks like the predecessor's separated database, but c3d_technical_data lacks {string.Join(", ", missing)}. " +
                "Nothing was changed; restore those columns or migrate the database by hand.");
        }

        var withFilename = catalogue.HasColumn("therapy_sessions", "original_filename");
        var resolved = catalogue.HasColumn("therapy_sessions", "resolved_patient_id");
        var steps = new List<AdoptionStep>(AdoptionSql.AddOriginalFilename(catalogue));
        steps.AddRange(AdoptionSql.KeepResolved(catalogue, engine));
        return new AdoptionPlan(
            withFilename ? State : StateWithoutOriginalFilename,
            withFilename
                ? "the predecessor after the separation (c3d_technical_data present; the August 14 shape)"
                : "the predecessor after the separation without therapy_sessions.original_filename (the August 27 shape)",
            resolved ? 20 : 21,
            steps,
            [.. AdoptionSql.CommonCounts(catalogue, engine),
             new AdoptionCount("c3d_technical_data rows (kept as they are)", "SELECT count(*) FROM c3d_technical_data")]);
    }
}
