using EmgSessions.Core.Database;

namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>An empty database: no <c>therapy_sessions</c>; every migration runs.</summary>
internal sealed class FreshShapeDetector : IShapeDetector
{
    public AdoptionPlan? Detect(DatabaseCatalogue catalogue, DatabaseEngine engine) =>
        catalogue.HasTable("therapy_sessions")
            ? null
            : new AdoptionPlan(AdoptionPlan.FreshState, "an empty database (no therapy_sessions): every migration runs", 0, [], []);
}
