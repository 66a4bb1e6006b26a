using EmgSessions.Core.Database;

namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>
/// Decides what a database is by asking each shape detector in turn (the first that recognises it wins) and
/// refuses a shape none recognises, before anything is changed. A new predecessor shape is one more detector.
/// </summary>
internal static class PredecessorAdopter
{
    private static readonly IShapeDetector[] Detectors =
    [
        new OwnShapeDetector(),
        new FreshShapeDetector(),
        new PreSeparationShapeDetector(),
        new PostSeparationShapeDetector(),
        new SeptemberShapeDetector(),
    ];

    /// <exception cref="MigrationException">No detector recognises the database.</exception>
    public static AdoptionPlan Plan(DatabaseCatalogue catalogue, DatabaseEngine engine)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        foreach (var detector in Detectors)
        {
            if (detector.Detect(catalogue, engine) is { } plan)
            {
                return plan;
            }
        }

        throw new MigrationException(
            "therapy_sessions exists but matches no known shape (pre-separation, post-separation with or without original_filename, " +
            $"September 2025); its columns are: {string.Join(", ", catalogue.Columns("therapy_sessions"))}. Nothing was changed; " +
            "migrate it by hand to one of those shapes or to this application's schema.");
    }
}
