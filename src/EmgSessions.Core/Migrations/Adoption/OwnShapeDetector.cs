using EmgSessions.Core.Database;

namespace EmgSessions.Core.Migrations.Adoption;

/// <summary>A database this application migrated already: it has <c>schema_migrations</c>.</summary>
internal sealed class OwnShapeDetector : IShapeDetector
{
    public AdoptionPlan? Detect(DatabaseCatalogue catalogue, DatabaseEngine engine) =>
        catalogue.HasTable("schema_migrations")
            ? new AdoptionPlan(AdoptionPlan.OwnState, "a database of this application (schema_migrations present)", 0, [], [])
            : null;
}
